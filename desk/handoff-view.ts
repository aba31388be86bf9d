// What an agent sees of a handoff. `HandoffState` is the queue row; `HandoffView` adds everything needed to act
// without another round trip: the buyer with credit and history, the last 50 orders, the transcript, the notes.
import { Op } from 'sequelize';
import { Agent, Buyer, Cancellation, Conversation, ConversationMessage, Handoff, HandoffNote, recentOrders, type Domain, type OrderSummary } from '../models';
import type { StoredMessage } from '../models/events';
import { wireOf } from '../models/message-wire';

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

export interface HandoffState {
  handoffId: number;
  conversationId: number;
  buyerId: number;
  status: Handoff['status'];
  reason: Handoff['reason'];
  intent: string | null;
  orderId: number | null;
  priority: number;
  claimedBy: string | null;
  claimedByName: string | null;
  slaDueAt: string | null;
  replyDueAt: string | null;
  breachedAt: string | null;
  firstResponseAt: string | null;
  firstResponseMs: number | null;
  handlingMs: number | null;
  tags: { category: string; reasonCode: string } | null;
  involvesCancellation: boolean;
  createdAt: string;
  claimedAt: string | null;
  closedAt: string | null;
}

export interface NoteView {
  id: number;
  agentId: number;
  agentName: string;
  text: string;
  createdAt: string;
}

export interface HandoffView extends HandoffState {
  summary: Handoff['summary'];
  buyer: {
    id: number;
    externalId: string;
    name: string | null;
    credit: Awaited<ReturnType<Domain['credit']['profile']>>;
    previousConversations: number;
    cancellations: number;
  };
  orders: OrderSummary[];
  transcript: StoredMessage[];
  notes: NoteView[];
}

const TRANSCRIPT_LIMIT = 500;

async function agentNames(ids: Array<string | number | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string | number => id !== null).map(Number))];
  if (wanted.length === 0) return new Map();
  const agents = await Agent.findAll({ where: { id: { [Op.in]: wanted } }, attributes: ['id', 'name'], raw: true });
  return new Map(agents.map((a) => [String(a.id), a.name]));
}

function stateWith(h: Handoff, names: Map<string, string>): HandoffState {
  return {
    handoffId: h.id,
    conversationId: h.conversationId,
    buyerId: h.buyerId,
    status: h.status,
    reason: h.reason,
    intent: h.intent,
    orderId: h.orderId,
    priority: h.priority,
    claimedBy: h.claimedBy,
    claimedByName: h.claimedBy ? (names.get(h.claimedBy) ?? null) : null,
    slaDueAt: iso(h.slaDueAt),
    replyDueAt: iso(h.replyDueAt),
    breachedAt: iso(h.breachedAt),
    firstResponseAt: iso(h.firstResponseAt),
    firstResponseMs: h.firstResponseMs ?? null,
    handlingMs: h.handlingMs ?? null,
    tags: h.tagCategory && h.tagReason ? { category: h.tagCategory, reasonCode: h.tagReason } : null,
    involvesCancellation: Boolean(h.involvesCancellation),
    createdAt: iso(h.createdAt)!,
    claimedAt: iso(h.claimedAt),
    closedAt: iso(h.closedAt),
  };
}

export async function handoffState(h: Handoff): Promise<HandoffState> {
  return stateWith(h, await agentNames([h.claimedBy]));
}

export async function noteViews(notes: HandoffNote[]): Promise<NoteView[]> {
  const names = await agentNames(notes.map((n) => n.agentId));
  return notes.map((n) => ({ id: n.id, agentId: n.agentId, agentName: names.get(String(n.agentId)) ?? '', text: n.text, createdAt: iso(n.createdAt)! }));
}

/** One query per table (orders are batched by `recentOrders`); built once per handoff event, then broadcast. */
export async function handoffView(domain: Domain, h: Handoff, involvesCancellation: boolean): Promise<HandoffView> {
  const [buyer, credit, orders, transcript, notes, conversations, cancellations, names] = await Promise.all([
    Buyer.findByPk(h.buyerId, { rejectOnEmpty: true }),
    domain.credit.profile(h.buyerId),
    recentOrders(h.buyerId, 50),
    ConversationMessage.findAll({ where: { conversationId: h.conversationId }, order: [['id', 'ASC']], limit: TRANSCRIPT_LIMIT }),
    HandoffNote.findAll({ where: { handoffId: h.id }, order: [['id', 'ASC']] }),
    Conversation.count({ where: { buyerId: h.buyerId, id: { [Op.ne]: h.conversationId } } }),
    Cancellation.count({ where: { buyerId: h.buyerId } }),
    agentNames([h.claimedBy]),
  ]);
  return {
    ...stateWith(h, names),
    involvesCancellation,
    summary: h.summary,
    buyer: { id: buyer.id, externalId: buyer.externalId, name: buyer.name, credit, previousConversations: conversations, cancellations },
    orders,
    transcript: transcript.map(wireOf),
    notes: await noteViews(notes),
  };
}
