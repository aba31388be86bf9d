// Domain events published after a transaction commits. They are in-process: each node announces the changes it
// made, and the namespaces forward them to Socket.IO rooms (which the adapter spreads across nodes).
import { EventEmitter } from 'node:events';
import type { ConversationStatus, MessageRole } from './conversation-enums';
import type { ActorType, OrderStatus } from './enums';

export interface OrderChanged {
  orderId: number;
  orderNo: string;
  buyerId: number;
  action: string;
  from: OrderStatus | null;
  to: OrderStatus;
  actorType: ActorType;
  at: string;
}

/** A stored conversation message in its wire shape (bot/protocol.ts `WireMessage`). */
export interface StoredMessage {
  id: number;
  conversationId: number;
  role: MessageRole;
  type: string;
  payload: Record<string, unknown>;
  createdAt: string;
  replyTo: number | null;
}

export interface HandoffCreated {
  handoffId: number;
  conversationId: number;
  buyerId: number;
}

/** A buyer, agent or system message stored for a conversation; `status` is the conversation's at that moment. */
export interface ConversationMessageEvent {
  conversationId: number;
  buyerId: number;
  status: ConversationStatus;
  message: StoredMessage;
}

/** The conversation moved (queued, with agent <name>, closed, back to the bot); `csat` asks the buyer for a rating. */
export interface ConversationStatusEvent {
  conversationId: number;
  buyerId: number;
  status: ConversationStatus;
  agentName: string | null;
  csat: boolean;
}

/** Where a queued buyer stands. `open` is false outside business hours or with no agent online. */
export interface ConversationQueueEvent {
  conversationId: number;
  buyerId: number;
  position: number;
  estimatedWaitSeconds: number;
  agentsOnline: number;
  open: boolean;
}

/** An agent started or stopped typing in a conversation. */
export interface ConversationTypingEvent {
  conversationId: number;
  role: 'agent';
  typing: boolean;
}

export const HANDOFF_CHANGES = ['admitted', 'claimed', 'assigned', 'taken_over', 'transferred', 'requeued', 'tagged', 'breached', 'closed', 'cancellation'] as const;
export type HandoffChange = (typeof HANDOFF_CHANGES)[number];

/** A handoff's desk state changed; `cause` says why (a breach or an idle agent are the timers'). */
export interface HandoffChanged {
  handoffId: number;
  conversationId: number;
  change: HandoffChange;
  cause: 'agent' | 'first_reply' | 'agent_idle' | 'disconnected' | null;
  /** The agent who held it before a transfer, requeue or takeover. */
  previousAgentId: string | null;
}

/** A product was created or changed (name, aliases, brand, …) through the catalog service. */
export interface CatalogChanged {
  productId: number;
  sku: string;
}

export interface DomainEvents {
  'order.changed': OrderChanged;
  'catalog.changed': CatalogChanged;
  'handoff.created': HandoffCreated;
  'handoff.changed': HandoffChanged;
  'conversation.message': ConversationMessageEvent;
  'conversation.status': ConversationStatusEvent;
  'conversation.queue': ConversationQueueEvent;
  'conversation.typing': ConversationTypingEvent;
}

export class DomainEventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish<K extends keyof DomainEvents>(name: K, event: DomainEvents[K]): void {
    this.emitter.emit(name, event);
  }

  subscribe<K extends keyof DomainEvents>(name: K, listener: (event: DomainEvents[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
