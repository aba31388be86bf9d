// The sign-in page. Every refusal the server gives is said plainly: wrong credentials, a locked account with
// the time it unlocks, too many attempts with the wait.
import { useState } from 'preact/hooks';
import * as api from '../api';
import type { Texts } from '../i18n';
import type { AgentProfile, DeskError } from '../protocol';

function refusal(t: Texts, error: DeskError): string {
  const details = error.details ?? {};
  switch (error.code) {
    case 'AUTH_INVALID':
      return t.login.invalid;
    case 'AUTH_LOCKED': {
      const until = typeof details.lockedUntil === 'string' ? new Date(details.lockedUntil) : null;
      return t.login.locked(until ? until.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : '—');
    }
    case 'RATE_LIMITED':
      return t.login.rateLimited(Math.max(1, Math.ceil(Number(details.retryAfterMs ?? 60_000) / 1000)));
    case 'VALIDATION_FAILED':
      return t.login.invalid;
    default:
      return `${t.login.failed}（${error.code}）`;
  }
}

export function Login({ t, onLang, onSignedIn }: { t: Texts; onLang(): void; onSignedIn(agent: AgentProfile): void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await api.login(email.trim(), password);
    setBusy(false);
    if (r.ok) onSignedIn(r.value);
    else setError(refusal(t, r.error));
  };

  return (
    <main class="login">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div class="login-head">
          <span class="logo">KaDesk</span>
          <button type="button" class="link" onClick={onLang}>
            {t.switchLang}
          </button>
        </div>
        <h1 id="login-title">{t.login.title}</h1>
        <label>
          {t.login.email}
          <input type="email" name="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label>
          {t.login.password}
          <input type="password" name="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.login.busy : t.login.submit}
        </button>
      </form>
    </main>
  );
}
