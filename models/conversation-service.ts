// Persistence of widget conversations: the message log (buyer messages stored idempotently by clientMsgId),
// catch-up reads, and turn commits guarded by the conversation's version so that two nodes racing on the same
// turn cannot both apply it.
import { randomUUID } from 'node:crypto';
import { ForeignKeyConstraintError, InferCreationAttributes, Op, Transaction, UniqueConstraintError } from 'sequelize';
import { z } from 'zod';
import type { Clock } from './clock';
import { CONVERSATION_LANGS, CONVERSATION_STATUSES, ConversationLang, HANDOFF_REASONS, MESSAGE_ROLES } from './conversation-enums';
import type { Database } from './db';
import { DomainError } from './errors';
import { sqliteLiteralSql } from './driver-statements';
import { columnList, insertParts, insertRows, queryRows, tableOf, toInstances } from './sql-rows';
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

/** What the NLU read in a buyer text, kept on the message for the supervisors' tuning inbox. */
const classification = z.object({ intent: z.string().min(1).max(64), confidence: z.number().min(0).max(1) });

const buyerMessage = z.object({
  clientMsgId: CLIENT_MSG_ID,
  type: z.string().min(1).max(16),
  payload: z.record(z.string(), z.unknown()),
  nlu: classification.optional(),
});

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
    const rows = await queryRows(Conversation, `SELECT ${columnList(Conversation)} FROM ${tableOf(Conversation)} WHERE "id" = :id`, { id: conversationId }, t);
    if (!rows.length) throw new DomainError('NOT_FOUND', 'No such conversation', { conversationId });
    return toInstances(Conversation, rows)[0]!;
  }

  /**
   * Stores a buyer message (with what the NLU read in it, if text) once per clientMsgId; a repeat returns the stored
   * message with `duplicate: true`. The INSERT alone decides, atomic by itself: the unique (conversation,
   * clientMsgId) index catches a repeat, the foreign key a conversation that does not exist.
   */
  async storeBuyerMessage(conversationId: number, input: z.input<typeof buyerMessage>): Promise<{ message: ConversationMessage; duplicate: boolean }> {
    const data = parseInput(buyerMessage, input);
    const values = {
      conversationId,
      role: 'buyer' as const,
      type: data.type,
      payload: data.payload,
      clientMsgId: data.clientMsgId,
      replyTo: null,
      nluIntent: data.nlu?.intent ?? null,
      nluConfidence: data.nlu?.confidence ?? null,
      createdAt: this.deps.clock.now(),
    };
    try {
      const [id] = await this.deps.db.autocommit((on) => insertRows(ConversationMessage, [values], on));
      return { message: toInstances(ConversationMessage, [{ id, ...values }])[0]!, duplicate: false };
    } catch (err) {
      if (err instanceof ForeignKeyConstraintError) throw new DomainError('NOT_FOUND', 'No such conversation', { conversationId });
      // A repeat, or two nodes storing the same retry at once: the unique index picks one, the other returns it.
      if (err instanceof UniqueConstraintError) {
        const known = await ConversationMessage.findOne({ where: { conversationId, clientMsgId: data.clientMsgId } });
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

  /** Commits a turn atomically: state (if the version still matches and its message is unanswered), replies, handoff. */
  async commitTurn(conversationId: number, turn: Turn): Promise<TurnCommit> {
    const drafts = turn.messages.map((m) => parseInput(messageDraft, m));
    const patch = parseInput(statePatch, turn.state);
    const now = this.deps.clock.now();
    const turnId = randomUUID();
    const answering = [...new Set(drafts.flatMap((m) => (m.replyTo ? [m.replyTo] : [])))];
    // updatedAt is the wall clock, as Sequelize's update() stamped it whatever the domain clock says.
    const update = versionedUpdate(conversationId, turn.version, answering, { ...patch, updatedAt: new Date() });
    const rows = drafts.map((m): ReplyRow => ({ conversationId, role: m.role, type: m.type, payload: m.payload, clientMsgId: null, replyTo: m.replyTo ?? null, turnId, createdAt: now }));
    // Every reply answers the same one buyer message (answering is the set of their replyTo).
    const answered = answering.length === 1 && rows.every((r) => r.replyTo !== null) ? answering[0]! : null;
    if (this.deps.db.dialect === 'sqlite' && !turn.handoff && answered !== null) return this.commitAsScript(conversationId, update, rows, turnId, answered);
    return this.deps.db.transaction(async (t) => {
      // The versioned update holds the row; the replies after it are undone by the rollback if it matched nothing.
      const [updated, ids] = await this.deps.db.inOrder([
        () => queryRows<Record<string, unknown>>(Conversation, `${update.sql} RETURNING ${columnList(Conversation)}`, update.replacements, t),
        () => insertRows(ConversationMessage, rows, t),
      ]);
      if (updated.length === 0) throw new StaleConversationError(conversationId);
      const conversation = toInstances(Conversation, updated)[0]!;
      const messages = storedReplies(rows, ids);
      const handoff = turn.handoff
        ? await Handoff.create(
            { conversationId, buyerId: conversation.buyerId, ...turn.handoff, status: 'queued', claimedBy: null, claimedAt: null, closedAt: null, createdAt: now, updatedAt: now },
            { transaction: t },
          )
        : null;
      return { conversation, messages, handoff };
    });
  }

  /**
   * A turn whose replies all answer one buyer message, on SQLite: the versioned update and the replies (inserted
   * only if the update matched) as one script, one trip to SQLite's thread under the write lock. The replies are
   * then read back by the turn's id: none means another turn won.
   */
  private async commitAsScript(conversationId: number, update: Sql, rows: ReplyRow[], turnId: string, answered: number): Promise<TurnCommit> {
    const insert = insertParts(ConversationMessage, rows);
    await this.deps.db.script([
      sqliteLiteralSql(update.sql, update.replacements),
      // changes(): the rows the update just changed, 0 when the turn lost its race.
      sqliteLiteralSql(`${insert.head} SELECT * FROM (${insert.values}) WHERE changes() = 1`, insert.replacements),
    ]);
    // One read: the conversation as it is now, a row per reply of this turn (none, and a null id, if it lost).
    const found = await queryRows<Record<string, unknown>>(
      Conversation,
      `SELECT ${columnList(Conversation, 'c')}, m."id" AS "replyId" FROM ${tableOf(Conversation)} c
        LEFT JOIN ${tableOf(ConversationMessage)} m ON m."reply_to" = :answered AND m."turn_id" = :turnId WHERE c."id" = :id ORDER BY m."id"`,
      { answered, turnId, id: conversationId },
    );
    const ids = found.flatMap(({ replyId }) => (replyId === null || replyId === undefined ? [] : [Number(replyId)]));
    if (ids.length === 0) throw new StaleConversationError(conversationId);
    const { replyId: _, ...state } = found[0]!;
    const conversation = toInstances(Conversation, [state])[0]!;
    const messages = storedReplies(rows, ids);
    return { conversation, messages, handoff: null };
  }
}

/** The bot's state patch, checked as the model's validators did (closed vocabularies, counts). */
const statePatch = z
  .object({
    status: z.enum(CONVERSATION_STATUSES),
    lang: z.enum(CONVERSATION_LANGS),
    intent: z.string().nullable(),
    pending: z.record(z.string(), z.unknown()).nullable(),
    orderId: z.number().int().positive().nullable(),
    failedCount: z.number().int().min(0),
    agentName: z.string().nullable(),
  })
  .partial();

type Sql = { sql: string; replacements: Record<string, unknown> };

/** A bot reply as a turn inserts it (the database numbers it). */
type ReplyRow = Omit<InferCreationAttributes<ConversationMessage>, 'id' | 'nluIntent' | 'nluConfidence'>;

/** A turn's replies as stored, with the ids the database gave them (in insertion order). */
const storedReplies = (rows: ReplyRow[], ids: number[]): ConversationMessage[] => toInstances(ConversationMessage, rows.map((r, i) => ({ id: ids[i], ...r })));

/**
 * UPDATE of the conversation's state, only at the version the turn was computed from and while none of
 * the buyer messages it answers has an answer. A turn that lost either race matches nothing. On PostgreSQL a racing
 * turn holds the row until it commits, and then has moved the version on, so the check cannot be outrun.
 */
function versionedUpdate(id: number, version: number, answering: number[], values: Record<string, unknown>): Sql {
  const attributes = Conversation.getAttributes() as Record<string, { field?: string }>;
  const replacements: Record<string, unknown> = { id, version, next: version + 1, answering };
  const sets = Object.entries(values).map(([name, value], i) => {
    replacements[`s${i}`] = name === 'pending' && value !== null ? JSON.stringify(value) : value;
    return `"${attributes[name]!.field ?? name}" = :s${i}`;
  });
  return {
    sql: `UPDATE ${tableOf(Conversation)} SET ${[...sets, '"version" = :next'].join(', ')} WHERE "id" = :id AND "version" = :version${
      answering.length ? ` AND NOT EXISTS (SELECT 1 FROM ${tableOf(ConversationMessage)} WHERE "reply_to" IN (:answering))` : ''
    }`,
    replacements,
  };
}
