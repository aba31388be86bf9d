// The desk's top bar: who is signed in, the connection, language, help and sign-out.
import { useContext } from 'preact/hooks';
import type { ConnectionState } from '../desk-state';
import { label } from '../i18n';
import { Ctx } from './context';

export function TopBar({ connection, onLang, onHelp, onSignOut }: { connection: ConnectionState; onLang(): void; onHelp(): void; onSignOut(): void }) {
  const { t, me } = useContext(Ctx);
  const status = connection === 'online' ? t.online : connection === 'offline' ? t.offline : t.connecting;
  return (
    <header class="topbar">
      <span class="logo">KaDesk</span>
      <span class="product">{t.appName}</span>
      <span class={`conn ${connection}`} role="status" data-connection={connection}>
        <i aria-hidden="true" />
        {status}
      </span>
      <span class="spacer" />
      {me && (
        <span class="whoami">
          {me.name} · {label(t.roles, me.role)}
        </span>
      )}
      <button type="button" class="ghost" onClick={onHelp} aria-keyshortcuts="?">
        {t.shortcuts} <kbd>?</kbd>
      </button>
      <button type="button" class="ghost" onClick={onLang}>
        {t.switchLang}
      </button>
      <button type="button" class="ghost" onClick={onSignOut}>
        {t.logout}
      </button>
    </header>
  );
}
