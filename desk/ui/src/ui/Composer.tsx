// Writing to the buyer (or a private note): drafts are kept per conversation in this browser, Ctrl+Enter sends,
// `/` opens the canned responses, and the buyer sees "typing" while the agent writes.
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { noteSchema, parsed, type Canned, type HandoffView } from '../protocol';
import { CannedPicker } from './CannedPicker';
import { Ctx } from './context';
import { errorText } from './errors';

type Mode = 'reply' | 'note';
const TYPING_IDLE_MS = 4_000;
const draftKey = (handoffId: number, mode: Mode) => `kadesk.desk.draft.${handoffId}.${mode}`;

export function Composer({ handoff, canned, canReply, canNote }: { handoff: HandoffView; canned: Canned[]; canReply: boolean; canNote: boolean }) {
  const { t, lang, conn, dispatch, toast, outbox } = useContext(Ctx);
  const id = handoff.handoffId;
  const [mode, setMode] = useState<Mode>(canReply ? 'reply' : 'note');
  const [text, setText] = useState(() => localStorage.getItem(draftKey(id, mode)) ?? '');
  const [picking, setPicking] = useState(false);
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const enabled = mode === 'reply' ? canReply : canNote;

  // Claiming (or losing) the conversation switches between replying and notes.
  useEffect(() => setMode(canReply ? 'reply' : 'note'), [canReply]);
  useEffect(() => setText(localStorage.getItem(draftKey(id, mode)) ?? ''), [mode]);
  useEffect(() => {
    if (text) localStorage.setItem(draftKey(id, mode), text);
    else localStorage.removeItem(draftKey(id, mode));
  }, [text]);
  useEffect(() => () => stopTyping(), []);

  function stopTyping() {
    if (!typing.current) return;
    clearTimeout(typing.current);
    typing.current = null;
    void conn.request('typing', { handoffId: id, typing: false });
  }
  function startTyping() {
    if (mode !== 'reply' || !canReply) return;
    if (typing.current) clearTimeout(typing.current);
    else void conn.request('typing', { handoffId: id, typing: true });
    typing.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  const submit = async () => {
    const body = text.trim();
    if (!body || !enabled) return;
    if (mode === 'reply') {
      stopTyping();
      outbox.send(id, body);
      setText('');
      return;
    }
    const r = await conn.request('note:add', { handoffId: id, text: body });
    if (!r.ok) return toast({ kind: 'error', text: errorText(lang, r.error) });
    for (const note of parsed(noteSchema, r.data.note)) dispatch({ type: 'note', handoffId: id, note });
    setText('');
  };

  const pick = async (c: Canned) => {
    setPicking(false);
    const r = await conn.request('canned:render', { handoffId: id, cannedId: c.id });
    if (!r.ok || typeof r.data.text !== 'string') return toast({ kind: 'error', text: r.ok ? t.canned : errorText(lang, r.error) });
    const rendered = r.data.text;
    setText((old) => (old.trim() ? `${old.trimEnd()}\n${rendered}` : rendered));
    area.current?.focus();
  };

  return (
    <div class={`composer ${mode}`}>
      {picking && <CannedPicker canned={canned} onPick={pick} onClose={() => (setPicking(false), area.current?.focus())} />}
      <div class="composer-tools">
        <div class="segmented" role="group">
          <button type="button" aria-pressed={mode === 'reply'} disabled={!canReply} onClick={() => setMode('reply')}>
            {t.reply}
          </button>
          <button type="button" aria-pressed={mode === 'note'} disabled={!canNote} data-shortcut="note-mode" onClick={() => setMode(mode === 'note' && canReply ? 'reply' : 'note')}>
            {t.note} <kbd>N</kbd>
          </button>
        </div>
        <button type="button" class="ghost" data-shortcut="canned" disabled={!canReply || mode !== 'reply'} onClick={() => setPicking(true)}>
          {t.canned} <kbd>/</kbd>
        </button>
        {!canReply && <span class="muted">{handoff.status === 'queued' ? t.mustClaim : t.readOnly}</span>}
      </div>
      <div class="composer-row">
        <textarea
          id="composer"
          ref={area}
          aria-label={mode === 'reply' ? t.composerLabel : t.addNote}
          placeholder={mode === 'reply' ? t.replyPlaceholder : t.notePlaceholder}
          disabled={!enabled}
          value={text}
          rows={3}
          onInput={(e) => (setText(e.currentTarget.value), startTyping())}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) (e.preventDefault(), void submit());
            else if (e.key === '/' && !text && mode === 'reply') (e.preventDefault(), setPicking(true));
          }}
        />
        <button type="button" class="primary send" disabled={!enabled || !text.trim()} onClick={() => void submit()}>
          {mode === 'reply' ? t.send : t.addNote}
          <kbd>Ctrl+↵</kbd>
        </button>
      </div>
    </div>
  );
}
