// The desk's state and its reducer: handoffs keyed by id (a snapshot replaces them, live events merge in),
// transcripts de-duplicated by message id, live order updates, SLA alerts. Pure: no DOM, no socket.
import type { AgentProfile, Canned, HandoffState, HandoffView, Note, OrderSummary, SlaBreach, WireMessage } from './protocol';

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface DeskState {
  me: AgentProfile | null;
  handoffs: Record<number, HandoffView>;
  selectedId: number | null;
  connection: ConnectionState;
  alerts: SlaBreach[];
  canned: Canned[];
}

export type DeskEvent =
  | { type: 'snapshot'; handoffs: HandoffView[]; me: AgentProfile }
  | { type: 'view'; handoff: HandoffView }
  | { type: 'state'; state: HandoffState }
  | { type: 'message'; handoffId: number; message: WireMessage }
  | { type: 'note'; handoffId: number; note: Note }
  | { type: 'order'; handoffId: number; order: OrderSummary }
  | { type: 'select'; handoffId: number | null }
  | { type: 'connection'; connection: ConnectionState }
  | { type: 'alert'; alert: SlaBreach }
  | { type: 'dismiss-alert'; handoffId: number }
  | { type: 'canned'; canned: Canned[] };

export const initialState: DeskState = { me: null, handoffs: {}, selectedId: null, connection: 'connecting', alerts: [], canned: [] };

const mergeById = <T extends { id: number }>(list: T[], item: T): T[] =>
  list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item].sort((a, b) => a.id - b.id);

const isMine = (h: HandoffState, me: AgentProfile | null): boolean => Boolean(me && h.claimedBy === String(me.id));

/** What this agent's list shows: the queue, their own chats, and (supervisors) every claimed one. */
export function visible(h: HandoffState, me: AgentProfile | null): boolean {
  if (h.status === 'queued') return true;
  if (h.status !== 'claimed') return false;
  return isMine(h, me) || me?.role === 'supervisor';
}

function upsert(state: DeskState, h: HandoffView): DeskState {
  return { ...state, handoffs: { ...state.handoffs, [h.handoffId]: h } };
}

function patch(state: DeskState, handoffId: number, change: (h: HandoffView) => HandoffView): DeskState {
  const h = state.handoffs[handoffId];
  return h ? upsert(state, change(h)) : state;
}

export function reduce(state: DeskState, e: DeskEvent): DeskState {
  switch (e.type) {
    case 'snapshot': {
      // The open conversation stays even when it left this agent's list meanwhile (closed, taken).
      const kept = state.selectedId !== null ? state.handoffs[state.selectedId] : undefined;
      const handoffs: Record<number, HandoffView> = kept ? { [kept.handoffId]: kept } : {};
      for (const h of e.handoffs) handoffs[h.handoffId] = h;
      return { ...state, me: e.me, handoffs };
    }
    case 'view':
      return upsert(state, e.handoff);
    case 'state': {
      const known = state.handoffs[e.state.handoffId];
      if (!known) return state;
      const merged = { ...known, ...e.state };
      if (!visible(merged, state.me) && state.selectedId !== merged.handoffId) {
        const { [merged.handoffId]: _gone, ...rest } = state.handoffs;
        return { ...state, handoffs: rest };
      }
      return upsert(state, merged);
    }
    case 'message':
      return patch(state, e.handoffId, (h) => ({ ...h, transcript: mergeById(h.transcript, e.message) }));
    case 'note':
      return patch(state, e.handoffId, (h) => ({ ...h, notes: mergeById(h.notes, e.note) }));
    case 'order':
      return patch(state, e.handoffId, (h) => ({ ...h, orders: h.orders.some((o) => o.id === e.order.id) ? h.orders.map((o) => (o.id === e.order.id ? e.order : o)) : [e.order, ...h.orders] }));
    case 'select':
      return { ...state, selectedId: e.handoffId };
    case 'connection':
      return { ...state, connection: e.connection };
    case 'alert':
      return { ...state, alerts: [...state.alerts.filter((a) => a.handoffId !== e.alert.handoffId), e.alert] };
    case 'dismiss-alert':
      return { ...state, alerts: state.alerts.filter((a) => a.handoffId !== e.handoffId) };
    case 'canned':
      return { ...state, canned: e.canned };
  }
}

/** The time the SLA clock runs against: the first-reply deadline, else the claimed chat's reply deadline. */
export const dueAt = (h: HandoffState): string | null => (h.firstResponseAt ? h.replyDueAt : (h.slaDueAt ?? h.replyDueAt));

/** List order: the queue by priority then waiting time, then the chats in hand. */
export function ordered(state: DeskState): HandoffView[] {
  const rank = (h: HandoffView) => (h.status === 'queued' ? 0 : isMine(h, state.me) ? 1 : 2);
  return Object.values(state.handoffs)
    .filter((h) => visible(h, state.me))
    .sort((a, b) => rank(a) - rank(b) || b.priority - a.priority || a.createdAt.localeCompare(b.createdAt) || a.handoffId - b.handoffId);
}

export const holdsIt = (h: HandoffState, me: AgentProfile | null): boolean => h.status === 'claimed' && isMine(h, me);
