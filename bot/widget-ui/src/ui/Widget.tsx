// The launcher bubble and the chat panel. Connects on first open; focus moves into the panel on open and
// back to the launcher on close (Escape closes too).
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { initialState, lastMessageId, reduce, type ChatEvent, type ChatState, type Notice } from '../chat-state';
import { strings, type Strings } from '../i18n';
import type { WidgetOptions } from '../options';
import type { ServerMessage } from '../protocol';
import { connect, type Connection } from './connection';
import { Ctx, type WidgetContext } from './context';
import { Composer } from './Composer';
import { CsatPrompt } from './CsatPrompt';
import { MessageView } from './MessageView';

const ChatIcon = () => (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
    <path d="M21 11.5a8.4 8.4 0 0 1-9 8.4 9 9 0 0 1-3.9-.9L3 21l1.9-5A8.4 8.4 0 0 1 12 3a8.5 8.5 0 0 1 9 8.5z" />
  </svg>
);
const CloseIcon = () => (
  <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true">
    <path d="M6 6l12 12M18 6L6 18" />
  </svg>
);

function noticeText(t: Strings, n: Notice): string {
  switch (n.text.type) {
    case 'agentJoined':
      return t.agentJoined(n.text.name);
    case 'agentLeft':
      return t.agentLeft(n.text.name);
    case 'queued':
      return t.queued;
    case 'closed':
      return t.closed;
  }
}

type Entry = { at: number; message: ServerMessage } | { at: number; notice: Notice };

function timeline(state: ChatState): Entry[] {
  const entries: Entry[] = [
    ...state.messages.map((m) => ({ at: m.createdAt ? Date.parse(m.createdAt) : 0, message: m })),
    ...state.notices.map((n) => ({ at: n.at, notice: n })),
  ];
  // Stable sort: messages keep the server order among themselves.
  return entries.sort((a, b) => a.at - b.at);
}

function statusLine(t: Strings, state: ChatState): string {
  if (state.phase === 'agent') return t.agentJoined(state.agentName ?? '');
  if (state.phase === 'queued') return t.queued;
  if (state.phase === 'closed') return t.closed;
  return t.subtitle;
}

export function Widget({ options }: { options: WidgetOptions }) {
  const t = strings[options.lang];
  const [state, dispatchState] = useReducer(reduce, initialState);
  const [open, setOpen] = useState(false);
  const conn = useRef<Connection | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  const launcherRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);

  const dispatch = useCallback((e: ChatEvent) => {
    dispatchState(e);
    // The host page may refresh its own order list when the chat changes an order.
    if (e.type === 'order') document.dispatchEvent(new CustomEvent('kadesk:order-update', { detail: e.order }));
  }, []);

  useEffect(() => {
    if (open && !conn.current) conn.current = connect(options, dispatch, () => lastMessageId(stateRef.current));
  }, [open]);
  useEffect(() => () => conn.current?.close(), []);

  useEffect(() => {
    if (open) inputRef.current?.focus();
    else if (wasOpen.current) launcherRef.current?.focus();
    wasOpen.current = open;
  }, [open]);

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [state.messages, state.notices, state.outgoing, state.typing, state.csat, open]);

  const ctx: WidgetContext = useMemo(
    () => ({
      t,
      orders: state.orders,
      postback: (p) => void conn.current?.sendPostback(p),
      say: (text) => void conn.current?.sendText(text),
    }),
    [t, state.orders],
  );

  const entries = timeline(state);
  const lastOther = [...state.messages].reverse().find((m) => m.role !== 'buyer');
  const lastMessage = state.messages.at(-1);
  const activeId = lastOther && lastMessage === lastOther && state.outgoing.length === 0 ? lastOther.id : null;
  const banner =
    state.connection === 'auth_error' ? { cls: 'error', text: t.authError } : state.connection === 'offline' ? { cls: '', text: t.offline } : state.connection === 'connecting' ? { cls: '', text: t.connecting } : null;

  return (
    <Ctx.Provider value={ctx}>
      <button
        ref={launcherRef}
        type="button"
        class={`launcher ${options.position}`}
        aria-label={open ? t.close : t.open}
        aria-expanded={open}
        aria-controls="kd-panel"
        onClick={() => setOpen(!open)}
      >
        {open ? <CloseIcon /> : <ChatIcon />}
      </button>
      <div
        id="kd-panel"
        class={`panel ${options.position}`}
        role="dialog"
        aria-labelledby="kd-title"
        hidden={!open}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      >
        <div class="header">
          <div class="avatar" aria-hidden="true">
            {state.phase === 'agent' ? (state.agentName ?? '').slice(0, 1) || '客' : 'K'}
          </div>
          <div class="titles">
            <h2 id="kd-title">{t.title}</h2>
            <p class="phase" data-phase={state.phase}>
              {statusLine(t, state)}
            </p>
          </div>
          <button type="button" class="icon-button" aria-label={t.close} onClick={() => setOpen(false)}>
            <CloseIcon />
          </button>
        </div>
        {banner && (
          <div class={`status-bar ${banner.cls}`} role="status">
            {banner.text}
          </div>
        )}
        <div class="log" ref={logRef} role="log" aria-live="polite" aria-labelledby="kd-title">
          {entries.map((e) =>
            'notice' in e ? (
              <div class="notice" key={e.notice.key} data-notice={e.notice.text.type}>
                {noticeText(t, e.notice)}
              </div>
            ) : (
              <MessageView key={String(e.message.id)} message={e.message} active={e.message.id === activeId} />
            ),
          )}
          {state.outgoing.map((o) => (
            <div class="row mine" key={o.clientMsgId} data-pending={o.status}>
              <div class="bubble">{o.text}</div>
              <div class={`meta ${o.status}`}>
                {o.status === 'failed' ? (
                  <>
                    {t.failed}
                    <button type="button" class="link-button" onClick={() => void conn.current?.sendText(o.text, o.clientMsgId)}>
                      {t.retry}
                    </button>
                  </>
                ) : (
                  t.sending
                )}
              </div>
            </div>
          ))}
          {state.typing && (
            <div class="typing" role="status" aria-label={t.typing}>
              <span />
              <span />
              <span />
            </div>
          )}
        </div>
        {state.csat !== 'none' && (
          <CsatPrompt state={state.csat} onSubmit={(rating, comment) => conn.current?.sendCsat(rating, comment, state.conversationId) ?? Promise.resolve(false)} />
        )}
        <Composer inputRef={inputRef} />
      </div>
    </Ctx.Provider>
  );
}
