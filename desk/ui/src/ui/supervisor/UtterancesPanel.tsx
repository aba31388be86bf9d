// The intents with their zh/en utterance counts, and the selected intent's utterances: add, edit, move, delete.
import { useContext, useState } from 'preact/hooks';
import type { ApiResult } from '../../api';
import * as api from '../../supervisor/api';
import type { Utterance } from '../../supervisor/schemas';
import { errorText } from '../errors';
import { Confirm, Dialog } from '../Dialog';
import { SvCtx } from './context';
import { Loaded, useLoad } from './Loaded';

interface IntentCount {
  intent: string;
  counts: { zh: number; en: number };
  edits: number;
}

/** Runs a change, says how it went, and reloads on success. */
export function useChange() {
  const { lang, toast, s } = useContext(SvCtx);
  return async (run: () => Promise<ApiResult<unknown>>, done: () => void): Promise<boolean> => {
    const r = await run();
    if (!r.ok) toast({ kind: 'error', text: errorText(lang, r.error) });
    else (toast({ kind: 'ok', text: s.saved }), done());
    return r.ok;
  };
}

export function UtterancesPanel({ intents, onChanged }: { intents: IntentCount[]; onChanged(): void }) {
  const { s } = useContext(SvCtx);
  const [intent, setIntent] = useState(intents[0]?.intent ?? '');
  const [lang, setLang] = useState<'zh' | 'en'>('zh');
  const [list, reload] = useLoad(() => api.utterances(intent, lang), [intent, lang]);
  const [text, setText] = useState('');
  const change = useChange();
  const refresh = () => (reload(), onChanged());

  return (
    <div class="split">
      <ul class="intent-list" aria-label={s.intent}>
        {intents.map((i) => (
          <li>
            <button type="button" class={i.intent === intent ? 'on' : ''} data-intent={i.intent} onClick={() => setIntent(i.intent)}>
              <span class="mono">{i.intent}</span>
              <span class="muted">
                {i.counts.zh} / {i.counts.en}
                {i.edits > 0 && ` · ✎${i.edits}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div class="utterances">
        <div class="toolbar">
          <h2 class="mono">{intent}</h2>
          <select aria-label={s.lang} value={lang} onChange={(e) => setLang(e.currentTarget.value as 'zh' | 'en')}>
            <option value="zh">{s.langs.zh}</option>
            <option value="en">{s.langs.en}</option>
          </select>
          <form
            class="inline"
            onSubmit={(e) => {
              e.preventDefault();
              void change(() => api.addUtterance({ intent, lang, text }), () => (setText(''), refresh()));
            }}
          >
            <input aria-label={s.text} value={text} maxLength={500} onInput={(e) => setText(e.currentTarget.value)} />
            <button type="submit" class="primary" disabled={!text.trim()}>
              {s.addUtterance}
            </button>
          </form>
        </div>
        <Loaded load={list} retry={reload}>
          {(v) => (
            <table class="grid">
              <tbody>
                {v.utterances.map((u) => (
                  <UtteranceRow key={u.id} u={u} intents={intents.map((i) => i.intent)} onChanged={refresh} />
                ))}
              </tbody>
            </table>
          )}
        </Loaded>
      </div>
    </div>
  );
}

function UtteranceRow({ u, intents, onChanged }: { u: Utterance; intents: string[]; onChanged(): void }) {
  const { s, t } = useContext(SvCtx);
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const [text, setText] = useState(u.text);
  const change = useChange();
  return (
    <tr data-utterance={u.id}>
      <td>{u.text}</td>
      <td class="muted">
        {s.source[u.source] ?? u.source}
        {u.edited && ` · ${s.edited}`}
      </td>
      <td class="actions">
        <button type="button" class="link" onClick={() => setDialog('edit')}>
          {s.edit}
        </button>
        <select aria-label={s.move} value="" onChange={(e) => void change(() => api.editUtterance(u.id, { intent: e.currentTarget.value }), onChanged)}>
          <option value="">{s.move}…</option>
          {intents.filter((i) => i !== u.intent).map((i) => (
            <option value={i}>{i}</option>
          ))}
        </select>
        <button type="button" class="link danger-text" onClick={() => setDialog('delete')}>
          {s.del}
        </button>
        {dialog === 'delete' && <Confirm cancelLabel={t.cancel} title={s.del} text={s.confirmDelete(u.text)} onClose={() => setDialog(null)} onConfirm={() => void change(() => api.deleteUtterance(u.id), () => (setDialog(null), onChanged()))} />}
        {dialog === 'edit' && (
          <Dialog title={s.edit} onClose={() => setDialog(null)}>
            <form class="form" onSubmit={(e) => (e.preventDefault(), void change(() => api.editUtterance(u.id, { text }), () => (setDialog(null), onChanged())))}>
              <input aria-label={s.text} value={text} maxLength={500} onInput={(e) => setText(e.currentTarget.value)} />
              <button type="submit" class="primary" disabled={!text.trim() || text === u.text}>
                {s.save}
              </button>
            </form>
          </Dialog>
        )}
      </td>
    </tr>
  );
}
