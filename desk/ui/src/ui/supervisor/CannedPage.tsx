// Canned responses (zh / en) that agents insert with `/`: list by language, create, edit, delete (confirmed).
// The form previews the body with its variables marked, drawn as text nodes so a body never becomes HTML, and
// shows the server's refusal as it came (code and message), since the server is the judge of a valid body.
import { useContext, useState } from 'preact/hooks';
import type { DeskError, Canned } from '../../protocol';
import * as api from '../../supervisor/api';
import { bodyPieces, CANNED_VARIABLES } from '../../supervisor/canned-body';
import { Confirm, Dialog } from '../Dialog';
import { SvCtx } from './context';
import { Loaded, useLoad } from './Loaded';
import { useChange } from './UtterancesPanel';

export function CannedPage() {
  const { s, t } = useContext(SvCtx);
  const [lang, setLang] = useState('');
  const [list, reload] = useLoad(() => api.cannedList(lang || undefined), [lang]);
  const [dialog, setDialog] = useState<{ kind: 'edit'; canned: Canned | null } | { kind: 'delete'; canned: Canned } | null>(null);
  const change = useChange();
  const close = () => setDialog(null);
  return (
    <section class="sv-page canned-page">
      <div class="toolbar">
        <select aria-label={s.lang} value={lang} onChange={(e) => setLang(e.currentTarget.value)}>
          <option value="">{s.allLangs}</option>
          <option value="zh">{s.langs.zh}</option>
          <option value="en">{s.langs.en}</option>
        </select>
        <button type="button" class="primary" onClick={() => setDialog({ kind: 'edit', canned: null })}>
          {s.newCanned}
        </button>
      </div>
      <Loaded load={list} retry={reload}>
        {(v) =>
          v.canned.length === 0 ? (
            <p class="muted pad">{s.noCanned}</p>
          ) : (
            <table class="grid">
              <thead><tr><th>{s.shortcut}</th><th>{s.lang}</th><th>{s.title}</th><th>{s.body}</th><th /></tr></thead>
              <tbody>
                {v.canned.map((c) => (
                  <tr key={c.id} data-canned={c.id}>
                    <td class="mono">/{c.shortcut}</td>
                    <td>{s.langs[c.lang] ?? c.lang}</td>
                    <td>{c.title}</td>
                    <td><Preview body={c.body} /></td>
                    <td class="actions">
                      <button type="button" class="link" onClick={() => setDialog({ kind: 'edit', canned: c })}>{s.edit}</button>
                      <button type="button" class="link danger-text" onClick={() => setDialog({ kind: 'delete', canned: c })}>{s.del}</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
      {dialog?.kind === 'edit' && <CannedForm canned={dialog.canned} onClose={close} onSaved={() => (close(), reload())} />}
      {dialog?.kind === 'delete' && (
        <Confirm
          title={s.del}
          cancelLabel={t.cancel}
          text={s.confirmDeleteCanned(dialog.canned.shortcut, dialog.canned.lang)}
          onClose={close}
          onConfirm={() => void change(() => api.deleteCanned(dialog.canned.id), () => (close(), reload()))}
        />
      )}
    </section>
  );
}

/** The body with its variables marked; unknown names marked apart. */
function Preview({ body }: { body: string }) {
  return (
    <span class="canned-preview">
      {bodyPieces(body).map((p) => (p.kind === 'text' ? p.text : <mark class={p.known ? 'var' : 'var unknown'}>{p.text}</mark>))}
    </span>
  );
}

function CannedForm({ canned, onClose, onSaved }: { canned: Canned | null; onClose(): void; onSaved(): void }) {
  const { s, toast } = useContext(SvCtx);
  const [form, setForm] = useState<api.CannedInput>(() => ({ shortcut: canned?.shortcut ?? '', lang: canned?.lang ?? 'zh', title: canned?.title ?? '', body: canned?.body ?? '' }));
  const [error, setError] = useState<DeskError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof api.CannedInput) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });
  const submit = async () => {
    setBusy(true);
    const r = await api.saveCanned(form, canned?.id);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    toast({ kind: 'ok', text: s.saved });
    onSaved();
  };
  return (
    <Dialog title={canned ? s.editCanned : s.newCanned} onClose={onClose} wide>
      <form class="form" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <div class="form-row">
          <label>
            {s.shortcut}
            <input name="shortcut" value={form.shortcut} maxLength={32} placeholder={s.shortcutHint} onInput={set('shortcut')} />
          </label>
          <label>
            {s.lang}
            <select name="lang" value={form.lang} onChange={set('lang')}>
              <option value="zh">{s.langs.zh}</option>
              <option value="en">{s.langs.en}</option>
            </select>
          </label>
        </div>
        <label>
          {s.title}
          <input name="title" value={form.title} maxLength={128} onInput={set('title')} />
        </label>
        <label>
          {s.body}
          <textarea name="body" rows={4} value={form.body} maxLength={2000} onInput={set('body')} />
        </label>
        <div class="toolbar" aria-label={s.variables}>
          <span class="muted">{s.variables}</span>
          {CANNED_VARIABLES.map((v) => (
            <button type="button" class="chip mono" onClick={() => setForm({ ...form, body: `${form.body}{${v}}` })}>{`{${v}}`}</button>
          ))}
        </div>
        <div class="canned-preview-box" aria-label={s.preview}>
          <span class="muted">{s.preview}</span> <Preview body={form.body} />
        </div>
        {error && (
          <p class="form-error" role="alert" data-code={error.code}>
            <b class="mono">{error.code}</b> {error.message}
          </p>
        )}
        <footer>
          <button type="submit" class="primary" disabled={busy}>{s.save}</button>
        </footer>
      </form>
    </Dialog>
  );
}
