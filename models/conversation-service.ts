// Persistence of widget conversations: the message log (buyer messages stored idempotently by clientMsgId),
// catch-up reads, and turn commits guarded by the conversation's version so that two nodes racing on the same
// turn cannot both apply it.
import { Op, Transaction, UniqueConstraintError } from 'sequelize';
import { z } from 'zod';
import type { Clock } from './clock';
import { CONVERSATION_LANGS, ConversationLang, HANDOFF_REASONS, MESSAGE_ROLES } from './conversation-enums';
import type { Database } from './db';
import { DomainError } from './errors';
import { Buyer, Conversation, ConversationMessage, Handoff, HandoffSummary } from './tables';
import { parseInput } from './validate';

export const CLIENT_MSG_ID = z.string().trim().min(1).max(64);

const messageDraft = z.object({
  role: z.enum(MESSAGE_ROLES),
  type: z.string().min(1).max(16),
  payload: z.record(z.string(), z.unknown()),
  replyTo: z.number().int().positive().nullish(),
});
export type MessageDraft = z.infer<typeof messageDraft>;

const buyerMessage = z.object({ clientMsgId: CLIENT_MSG_ID, type: z.string().min(1).max(16), payload: z.record(z.string(), z.unknown()) });

export interface HandoffDraft {
  reason: (typeof HANDOFF_REASONS)[number];
  intent: string | null;
  orderId: number | null;
  priority: number;
  summary: HandoffSummary;
}

export type StatePatch = Partial<Pick<Conversation, 'status' | 'lang' | 'intent' | 'pending' | 'orderId' | 'failedCount' | 'agentName'>>;

export interface Turn {
  /** The version the turn was computed from; the commit fails if another turn committed since. */
  version: number;
  state: StatePatch;
  messages: MessageDraft[];
  handoff?: HandoffDraft;
}

export interface TurnCommit {
  conversation: Conversation;
  messages: ConversationMessage[];
  handoff: Handoff | null;
}

/** Another turn committed first; the caller re-reads the conversation and decides again. */
export class StaleConversationError extends Error {
  readonly code = 'CONVERSATION_CHANGED';
  constructor(readonly conversationId: number) {
    super('The conversation changed meanwhile');
    this.name = 'StaleConversationError';
  }
}

export class ConversationService {
  constructor(private readonly deps: { db: Database; clock: Clock }) {}

  /** The buyer's open conversation, or a new one; the buyer row lock keeps two tabs from opening two. */
  async current(buyerId: number, lang: ConversationLang = 'zh'): Promise<Conversation> {
    const language = parseInput(z.enum(CONVERSATION_LANGS), lang);
    return this.deps.db.transaction(async (t) => {
      const buyer = await Buyer.findByPk(buyerId, { transaction: t, lock: t.LOCK.UPDATE });
      if (!buyer) throw new DomainError('BUYER_NOT_FOUND', undefined, { buyerId });
      const open = await Conversation.findOne({
        where: { buyerId, status: { [Op.ne]: 'closed' } },
        order: [['id', 'DESC']],
        transaction: t,
      });
      if (open) return open;
      const now = this.deps.clock.now();
      return Conversation.create(
        { buyerId, status: 'bot', lang: language, intent: null, pending: null, orderId: null, agentName: null, createdAt: now, updatedAt: now },
        { transaction: t },
      );
    });
  }

  async get(conversationId: number, t?: Transaction): Promise<Conversation> {
    const conversation = await Conversation.findByPk(conversationId, { transaction: t });
    if (!conversation) throw new DomainError('NOT_FOUND', 'No such conversation', { conversationId });
    return conversation;
  }

  /** Stores a buyer message once per clientMsgId; a repeat returns the stored message with `duplicate: true`. */
  async storeBuyerMessage(conversationId: number, input: z.input<typeof buyerMessage>): Promise<{ message: ConversationMessage; duplicate: boolean }> {
    const data = parseInput(buyerMessage, input);
    const find = (t?: Transaction) => ConversationMessage.findOne({ where: { conversationId, clientMsgId: data.clientMsgId }, transaction: t });
    try {
      return await this.deps.db.transaction(async (t) => {
        const known = await find(t);
        if (known) return { message: known, duplicate: true };
        await this.get(conversationId, t);
        const message = await ConversationMessage.create(
          { conversationId, role: 'buyer', type: data.type, payload: data.payload, clientMsgId: data.clientMsgId, replyTo: null, createdAt: this.deps.clock.now() },
          { transaction: t },
        );
        return { message, duplicate: false };
      });
    } catch (err) {
      // Two nodes storing the same retry at once: the unique index picks one, the other returns it.
      if (err instanceof UniqueConstraintError) {
        const known = await find();
        if (known) return { message: known, duplicate: true };
      }
      throw err;
    }
  }

  /** Messages after `afterId` in order, for a reconnecting client to catch up. */
  messagesAfter(conversationId: number, afterId: number, limit = 200): Promise<ConversationMessage[]> {
    return ConversationMessage.findAll({
      where: { conversationId, id: { [Op.gt]: afterId } },
      order: [['id', 'ASC']],
      limit,
    });
  }

  /** Whether the bot already answered this buyer message (a replayed or raced turn must not answer twice). */
  async isAnswered(messageId: number): Promise<boolean> {
    return (await ConversationMessage.count({ where: { replyTo: messageId } })) > 0;
  }

  /** Commits a turn atomically: state (if the version still matches), the replies, and a handoff. */
  async commitTurn(conversationId: number, turn: Turn): Promise<TurnCommit> {
    const drafts = turn.messages.map((m) => parseInput(messageDraft, m));
    return this.deps.db.transaction(async (t) => {
      const now = this.deps.clock.now();
      const [affected] = await Conversation.update(
        { ...turn.state, version: turn.version + 1, updatedAt: now },
        { where: { id: conversationId, version: turn.version }, transaction: t },
      );
      if (affected === 0) throw new StaleConversationError(conversationId);
      // The update holds the conversation row, so a reply another turn committed before it is visible now: if
      // this turn's buyer message got answered meanwhile, it lost the race and must not answer again.
      const answering = [...new Set(drafts.flatMap((m) => (m.replyTo ? [m.replyTo] : [])))];
      if (answering.length && (await ConversationMessage.count({ where: { replyTo: { [Op.in]: answering } }, transaction: t }))) {
        throw new StaleConversationError(conversationId);
      }
      const conversation = await this.get(conversationId, t);
      const messages: ConversationMessage[] = [];
      for (const m of drafts) {
        messages.push(await ConversationMessage.create({ conversationId, ...m, replyTo: m.replyTo ?? null, clientMsgId: null, createdAt: now }, { transaction: t }));
      }
      const handoff = turn.handoff
        ? await Handoff.create(
            { conversationId, buyerId: conversation.buyerId, ...turn.handoff, status: 'queued', claimedBy: null, claimedAt: null, closedAt: null, createdAt: now, updatedAt: now },
            { transaction: t },
          )
        : null;
      return { conversation, messages, handoff };
    });
  }
}
