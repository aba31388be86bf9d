// The desk: top bar, queue, the open conversation and its buyer/order panel. Owns the connection, the state,
// toasts and the keyboard shortcuts.
import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import * as api from '../api';
import { initialState, ordered, reduce } from '../desk-state';
import { TEXTS, type Lang } from '../i18n';
import { cannedSchema, handoffViewSchema, parsed, type AgentProfile } from '../protocol';
import { connectDesk, type DeskConnection } from './connection';
import { Ctx, type DeskContext } from './context';
import { Conversation } from './Conversation';
import { useOutbox } from './outbox';
import { QueueList } from './QueueList';
import { ShortcutHelp } from './ShortcutHelp';
import { useShortcuts } from './shortcuts';
import { Toasts, useToasts } from './toasts';
import { TopBar } from './TopBar';

export function Desk({ lang, agent, onLang, onSignedOut }: { lang: Lang; agent: AgentProfile; onLang(): void; onSignedOut(): void }) {
  const t = TEXTS[lang];
  // The open conversation is in the address (#h=<id>), so a reload or a shared link comes back to it.
  const [state, dispatch] = useReducer(reduce, { ...initialState, me: agent, selectedId: Number(/^#h=(\d+)$/.exec(location.hash)?.[1]) || null });
  useEffect(() => history.replaceState(null, '', state.selectedId === null ? location.pathname : `#h=${state.selectedId}`), [state.selectedId]);
  const { toasts, toast } = useToasts();
  const [help, setHelp] = useState(false);
  const selected = useRef<number | null>(null);
  selected.current = state.selectedId;

  const [conn] = useState<DeskConnection>(() => {
    const c: DeskConnection = connectDesk({
      dispatch,
      signedOut: onSignedOut,
      resynced: () => {
        void c.request('canned:list', {}).then((r) => {
          if (!r.ok || !Array.isArray(r.data.canned)) return;
          dispatch({ type: 'canned', canned: r.data.canned.flatMap((x) => parsed(cannedSchema, x)) });
        });
        // The open conversation may have grown while the socket was down.
        const id = selected.current;
        if (id === null) return;
        void c.request('handoff:open', { handoffId: id }).then((r) => {
          for (const view of r.ok ? parsed(handoffViewSchema, r.data.handoff) : []) dispatch({ type: 'view', handoff: view });
        });
      },
    });
    return c;
  });
  useEffect(() => () => conn.close(), []);
  const outbox = useOutbox(conn, dispatch);

  const list = useMemo(() => ordered(state), [state.handoffs, state.me]);
  const open = state.selectedId !== null ? (state.handoffs[state.selectedId] ?? null) : null;
  const ctx: DeskContext = { t, lang, me: state.me, conn, dispatch, toast, outbox };

  const signOut = async () => {
    await api.logout();
    onSignedOut();
  };

  useShortcuts({ list, state, ctx, openHelp: () => setHelp(true), closeHelp: () => setHelp(false), helpOpen: help });

  return (
    <Ctx.Provider value={ctx}>
      <div class="desk">
        <TopBar connection={state.connection} onLang={onLang} onHelp={() => setHelp(true)} onSignOut={signOut} />
        {state.alerts.length > 0 && (
          <div class="alerts" role="alert">
            {state.alerts.map((a) => (
              <div class="alert">
                <button type="button" class="link" onClick={() => dispatch({ type: 'select', handoffId: a.handoffId })}>
                  {t.slaAlert(a.kind, a.handoffId)}
                </button>
                <button type="button" class="icon" aria-label={t.dismiss} onClick={() => dispatch({ type: 'dismiss-alert', handoffId: a.handoffId })}>
                  ×
                </button>
              </div>
            ))}
          </div>
        )}
        <div class="columns">
          <QueueList list={list} selectedId={state.selectedId} />
          {open ? (
            <Conversation key={open.handoffId} handoff={open} canned={state.canned} />
          ) : (
            <section class="conversation empty">
              <p>{t.nothingOpen}</p>
            </section>
          )}
        </div>
        <Toasts toasts={toasts} />
        {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      </div>
    </Ctx.Provider>
  );
}
