// The conversation so far: buyer, bot, agent and system messages with the agents' private notes in time order,
// then this agent's replies still on their way. Follows the newest line unless the agent scrolled up.
import { useContext, useLayoutEffect, useRef } from 'preact/hooks';
import { label } from '../i18n';
import type { HandoffView, Note, WireMessage } from '../protocol';
import { Ctx } from './context';
import { clockTime } from './format';
import { MessageBody } from './MessageBody';
import type { Outgoing } from './outbox';

type Line = { at: string; message: WireMessage } | { at: string; note: Note };

export function Transcript({ handoff, pending }: { handoff: HandoffView; pending: Outgoing[] }) {
  const { t, lang, outbox } = useContext(Ctx);
  const box = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const lines: Line[] = [...handoff.transcript.map((m) => ({ at: m.createdAt, message: m })), ...handoff.notes.map((n) => ({ at: n.createdAt, note: n }))].sort((a, b) =>
    a.at.localeCompare(b.at),
  );

  useLayoutEffect(() => {
    if (pinned.current && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines.length, pending.length]);

  return (
    <div
      class="transcript"
      ref={box}
      role="log"
      aria-live="polite"
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {lines.map((line) =>
        'note' in line ? (
          <div class="line note" data-note-id={line.note.id}>
            <div class="meta">
              {t.noteBy(line.note.agentName)} · {clockTime(line.at, lang)}
            </div>
            <p class="text">{line.note.text}</p>
          </div>
        ) : (
          <div class={`line ${line.message.role}`} data-message-id={line.message.id} data-role={line.message.role}>
            {line.message.role !== 'system' && (
              <div class="meta">
                {line.message.role === 'agent' && typeof line.message.payload.agentName === 'string' ? line.message.payload.agentName : label(t.messageRoles, line.message.role)} ·{' '}
                {clockTime(line.at, lang)}
              </div>
            )}
            <div class="bubble">
              <MessageBody message={line.message} />
            </div>
          </div>
        ),
      )}
      {pending.map((o) => (
        <div class="line agent pending" data-client-msg-id={o.clientMsgId}>
          <div class="meta">
            {o.failed ? `${t.notSent} (${o.failed})` : t.pending}
            {o.failed && (
              <button type="button" class="link" onClick={() => outbox.discard(o.clientMsgId)}>
                {t.dismiss}
              </button>
            )}
          </div>
          <div class="bubble">
            <p class="text">{o.text}</p>
          </div>
        </div>
      ))}
    </div>
  );
}
