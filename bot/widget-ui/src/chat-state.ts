// Everything the widget shows, as one reducer: the server's messages de-duplicated by id and kept in order,
// the buyer's messages still in flight, live order statuses, the conversation phase, typing and the CSAT prompt.
import type { OrderInfo, ServerMessage } from './protocol';

export type Phase = 'bot' | 'queued' | 'agent' | 'closed';
export type Connection = 'connecting' | 'online' | 'offline' | 'auth_error';

export interface Notice {
  kind: 'notice';
  key: string;
  text: { type: 'agentJoined' | 'agentLeft'; name: string } | { type: 'queued' | 'closed' };
  at: number;
}
export interface Outgoing {
  clientMsgId: string;
  text: string;
  status: 'sending' | 'failed';
}

export interface ChatState {
  messages: ServerMessage[];
  notices: Notice[];
  outgoing: Outgoing[];
  orders: Record<string, OrderInfo>;
  phase: Phase;
  agentName: string | null;
  conversationId: string | number | null;
  typing: boolean;
  csat: 'none' | 'open' | 'sent';
  connection: Connection;
  error: string | null;
}

export const initialState: ChatState = {
  messages: [],
  notices: [],
  outgoing: [],
  orders: {},
  phase: 'bot',
  agentName: null,
  conversationId: null,
  typing: false,
  csat: 'none',
  connection: 'connecting',
  error: null,
};

export type ChatEvent =
  | { type: 'messages'; messages: ServerMessage[] }
  | { type: 'sending'; clientMsgId: string; text: string }
  | { type: 'sent'; clientMsgId: string; message?: ServerMessage }
  | { type: 'send-failed'; clientMsgId: string }
  | { type: 'order'; order: OrderInfo }
  | { type: 'conversation'; status: string; agentName: string | null; conversationId: string | number | null }
  | { type: 'typing'; on: boolean }
  | { type: 'csat-sent' }
  | { type: 'connection'; connection: Connection; error?: string };

const time = (m: ServerMessage) => (m.createdAt ? Date.parse(m.createdAt) : 0);
const numeric = (v: string | number) => (typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : NaN);

/** Server order: creation time, then id (numeric ids compare as numbers). */
export function compareMessages(a: ServerMessage, b: ServerMessage): number {
  const dt = time(a) - time(b);
  if (dt !== 0) return dt;
  const na = numeric(a.id);
  const nb = numeric(b.id);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return String(a.id).localeCompare(String(b.id));
}

export const orderKey = (o: { id?: string | number; orderNo?: string }) => String(o.orderNo ?? o.id ?? '');

function mergeMessages(current: ServerMessage[], incoming: ServerMessage[]): ServerMessage[] {
  const byId = new Map(current.map((m) => [String(m.id), m]));
  for (const m of incoming) byId.set(String(m.id), m);
  return [...byId.values()].sort(compareMessages);
}

function phaseOf(status: string): Phase {
  if (status === 'queued' || status === 'closed' || status === 'bot') return status;
  if (status === 'agent' || status === 'with_agent' || status === 'assigned') return 'agent';
  return 'bot';
}

export function reduce(state: ChatState, event: ChatEvent): ChatState {
  switch (event.type) {
    case 'messages': {
      const fresh = event.messages.filter((m) => !state.messages.some((x) => String(x.id) === String(m.id)));
      const fromOthers = fresh.some((m) => m.role !== 'buyer');
      return { ...state, messages: mergeMessages(state.messages, event.messages), typing: fromOthers ? false : state.typing };
    }
    case 'sending':
      return {
        ...state,
        outgoing: [...state.outgoing.filter((o) => o.clientMsgId !== event.clientMsgId), { clientMsgId: event.clientMsgId, text: event.text, status: 'sending' }],
      };
    case 'sent':
      return {
        ...state,
        outgoing: state.outgoing.filter((o) => o.clientMsgId !== event.clientMsgId),
        messages: event.message ? mergeMessages(state.messages, [event.message]) : state.messages,
      };
    case 'send-failed':
      return { ...state, outgoing: state.outgoing.map((o) => (o.clientMsgId === event.clientMsgId ? { ...o, status: 'failed' } : o)) };
    case 'order': {
      const key = orderKey(event.order);
      if (!key) return state;
      return { ...state, orders: { ...state.orders, [key]: { ...state.orders[key], ...event.order } } };
    }
    case 'conversation': {
      const phase = phaseOf(event.status);
      const notices = [...state.notices];
      const at = Date.now();
      const key = `${phase}:${at}:${notices.length}`;
      const name = event.agentName ?? state.agentName ?? '';
      if (phase === 'agent' && (state.phase !== 'agent' || name !== state.agentName)) notices.push({ kind: 'notice', key, text: { type: 'agentJoined', name }, at });
      else if (state.phase === 'agent' && phase !== 'agent') notices.push({ kind: 'notice', key, text: { type: 'agentLeft', name: state.agentName ?? '' }, at });
      if (phase === 'queued' && state.phase !== 'queued') notices.push({ kind: 'notice', key: `${key}:q`, text: { type: 'queued' }, at });
      if (phase === 'closed' && state.phase !== 'closed') notices.push({ kind: 'notice', key: `${key}:c`, text: { type: 'closed' }, at });
      const reopened = state.phase === 'closed' && phase !== 'closed';
      return {
        ...state,
        phase,
        notices,
        agentName: phase === 'agent' ? name : null,
        conversationId: event.conversationId ?? state.conversationId,
        csat: phase === 'closed' && state.csat === 'none' ? 'open' : reopened ? 'none' : state.csat,
        typing: false,
      };
    }
    case 'typing':
      return { ...state, typing: event.on };
    case 'csat-sent':
      return { ...state, csat: 'sent' };
    case 'connection':
      return { ...state, connection: event.connection, error: event.error ?? null };
  }
}

/** The newest server message id, for `sync {afterId}` after a reconnect. */
export const lastMessageId = (state: ChatState) => state.messages.at(-1)?.id ?? null;
