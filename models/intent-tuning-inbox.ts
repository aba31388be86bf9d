// The tuning inbox: real buyer messages worth a supervisor's look — the bot was unsure (low confidence), fell
// back (out_of_scope), or an agent said it misunderstood ("it was X"). One action turns a message into a training
// utterance. The NLU result of every buyer text is stored with the message (ConversationService.storeBuyerMessage).
import { QueryTypes, Transaction } from 'sequelize';
import { z } from 'zod';
import { parseRange, rangeQuery } from './analytics-range';
import type { Clock } from './clock';
import type { Database } from './db';
import { DomainError } from './errors';
import type { UtteranceService, UtteranceView } from './intent-tuning-utterances';
import { isoTime } from './iso-time';
import { audit, DeskActor } from './supervisor-audit';
import { ConversationMessage, IntentInboxEntry } from './tables';
import { INBOX_STATUSES, InboxStatus } from './tables/intent-inbox-entry';
import { parseInput } from './validate';

export const INBOX_REASONS = ['low_confidence', 'out_of_scope', 'relabelled'] as const;
export type InboxReason = (typeof INBOX_REASONS)[number];
const FALLBACK_INTENT = 'out_of_scope';

export interface InboxItem {
  messageId: number;
  conversationId: number;
  text: string;
  lang: string;
  createdAt: string;
  nlu: { intent: string; confidence: number } | null;
  reasons: InboxReason[];
  relabel: { intent: string; agentId: number | null; agentName: string | null; at: string } | null;
  status: InboxStatus;
  utteranceId: string | null;
}

interface InboxRow {
  messageId: number;
  conversationId: number;
  payload: string | Record<string, unknown>;
  lang: string;
  createdAt: string | Date;
  nluIntent: string | null;
  nluConfidence: number | null;
  relabelIntent: string | null;
  relabelledBy: number | null;
  relabelledAt: string | Date | null;
  agentName: string | null;
  status: InboxStatus | null;
  utteranceId: number | null;
}

const DEFAULT_BELOW = 0.6;

export interface InboxDeps {
  db: Database;
  clock: Clock;
  utterances: UtteranceService;
  intents: readonly string[];
  langs: readonly string[];
}

const textOf = (payload: InboxRow['payload']): string | null => {
  const p = typeof payload === 'string' ? (JSON.parse(payload) as Record<string, unknown>) : payload;
  return typeof p.text === 'string' && p.postback === undefined ? p.text : null;
};

export class InboxService {
  private readonly listQuery;
  private readonly relabelInput;
  private readonly addInput;

  constructor(private readonly deps: InboxDeps) {
    const intent = z.enum(deps.intents as [string, ...string[]]);
    this.listQuery = rangeQuery
      .extend({
        status: z.enum(INBOX_STATUSES).default('open'),
        reason: z.enum(INBOX_REASONS).optional(),
        below: z.coerce.number().min(0).max(1).default(DEFAULT_BELOW),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        before: z.coerce.number().int().positive().optional(),
      })
      .strict();
    this.relabelInput = z.object({ messageId: z.number().int().positive(), intent }).strict();
    this.addInput = z.object({ intent: intent.optional(), lang: z.enum(deps.langs as [string, ...string[]]).optional() }).strict();
  }

  private select(where: string, tail = ''): string {
    return `SELECT m.id AS "messageId", m.conversation_id AS "conversationId", m.payload, c.lang, m.created_at AS "createdAt",
        m.nlu_intent AS "nluIntent", m.nlu_confidence AS "nluConfidence", i.relabel_intent AS "relabelIntent",
        i.relabelled_by AS "relabelledBy", i.relabelled_at AS "relabelledAt", a.name AS "agentName", i.status, i.utterance_id AS "utteranceId"
      FROM conversation_messages m
      JOIN conversations c ON c.id = m.conversation_id
      LEFT JOIN intent_inbox i ON i.message_id = m.id
      LEFT JOIN agents a ON a.id = i.relabelled_by
      WHERE m.role = 'buyer' AND ${where} ${tail}`;
  }

  private view(row: InboxRow, below: number): InboxItem {
    const reasons: InboxReason[] = [];
    if (row.nluConfidence !== null && row.nluConfidence < below) reasons.push('low_confidence');
    if (row.nluIntent === FALLBACK_INTENT) reasons.push('out_of_scope');
    if (row.relabelIntent) reasons.push('relabelled');
    return {
      messageId: row.messageId,
      conversationId: row.conversationId,
      text: textOf(row.payload) ?? '',
      lang: row.lang,
      createdAt: isoTime(row.createdAt),
      nlu: row.nluIntent !== null && row.nluConfidence !== null ? { intent: row.nluIntent, confidence: row.nluConfidence } : null,
      reasons,
      relabel: row.relabelIntent ? { intent: row.relabelIntent, agentId: row.relabelledBy, agentName: row.agentName, at: isoTime(row.relabelledAt!) } : null,
      status: row.status ?? 'open',
      utteranceId: row.utteranceId ? `u-${row.utteranceId}` : null,
    };
  }

  async list(query: unknown): Promise<InboxItem[]> {
    const q = parseInput(this.listQuery, query);
    const range = parseRange({ from: q.from, to: q.to }, this.deps.clock.now());
    const conditions: Record<InboxReason, string> = {
      low_confidence: 'm.nlu_confidence < :below',
      out_of_scope: 'm.nlu_intent = :fallback',
      relabelled: 'i.relabel_intent IS NOT NULL',
    };
    const worth = q.reason ? conditions[q.reason] : `(${Object.values(conditions).join(' OR ')})`;
    const where = [worth, `COALESCE(i.status, 'open') = :status`, 'm.created_at >= :start AND m.created_at < :end', ...(q.before ? ['m.id < :before'] : [])].join(' AND ');
    const rows = await this.deps.db.sequelize.query<InboxRow>(this.select(where, 'ORDER BY m.id DESC LIMIT :limit'), {
      replacements: { below: q.below, fallback: FALLBACK_INTENT, status: q.status, start: range.start, end: range.end, before: q.before ?? 0, limit: q.limit },
      type: QueryTypes.SELECT,
    });
    return rows.map((r) => this.view(r, q.below));
  }

  private async item(messageId: number, t?: Transaction): Promise<{ row: InboxRow; text: string }> {
    const [row] = await this.deps.db.sequelize.query<InboxRow>(this.select('m.id = :messageId'), { replacements: { messageId }, type: QueryTypes.SELECT, transaction: t });
    const text = row ? textOf(row.payload) : null;
    if (!row || text === null) throw new DomainError('NOT_FOUND', 'No such buyer text message', { kind: 'message', messageId });
    return { row, text };
  }

  async get(messageId: number): Promise<InboxItem> {
    return this.view((await this.item(messageId)).row, DEFAULT_BELOW);
  }

  private async entry(messageId: number, t: Transaction): Promise<IntentInboxEntry> {
    const found = await IntentInboxEntry.findOne({ where: { messageId }, transaction: t });
    return (
      found ??
      IntentInboxEntry.build({ messageId, relabelIntent: null, relabelledBy: null, relabelledAt: null, status: 'open', utteranceId: null, resolvedBy: null, resolvedAt: null })
    );
  }

  /** An agent (or supervisor) says what the buyer meant; a dismissed message comes back to the inbox. */
  async relabel(actor: DeskActor, input: unknown): Promise<InboxItem> {
    const data = parseInput(this.relabelInput, input);
    await this.deps.db.transaction(async (t) => {
      const { row } = await this.item(data.messageId, t);
      const entry = await this.entry(data.messageId, t);
      const now = this.deps.clock.now();
      const before = { intent: entry.relabelIntent ?? row.nluIntent };
      entry.set({ relabelIntent: data.intent, relabelledBy: actor.id, relabelledAt: now, ...(entry.status === 'dismissed' ? { status: 'open' as const } : {}) });
      await entry.save({ transaction: t });
      await audit(actor, { area: 'intents', action: 'inbox.relabel', subject: `message:${data.messageId}`, before, after: { intent: data.intent } }, now, t);
    });
    return this.get(data.messageId);
  }

  /** Adds the message's text to an intent's training data (the re-label's intent unless one is given). */
  async add(actor: DeskActor, messageId: number, input: unknown): Promise<{ utterance: UtteranceView; item: InboxItem }> {
    const data = parseInput(this.addInput, input ?? {});
    const utterance = await this.deps.db.transaction(async (t) => {
      const { row, text } = await this.item(messageId, t);
      const entry = await this.entry(messageId, t);
      if (entry.status === 'added') throw new DomainError('INVALID_TRANSITION', 'This message is already in the training data', { messageId, utteranceId: `u-${entry.utteranceId}` });
      const intent = data.intent ?? row.relabelIntent;
      if (!intent) throw new DomainError('VALIDATION_FAILED', 'intent: required (the message has no re-label)', { messageId });
      const added = await this.deps.utterances.add(actor, { intent, lang: data.lang ?? row.lang, text }, 'inbox', t);
      entry.set({ status: 'added', utteranceId: Number(added.id.slice(2)), resolvedBy: actor.id, resolvedAt: this.deps.clock.now() });
      await entry.save({ transaction: t });
      return added;
    });
    return { utterance, item: await this.get(messageId) };
  }

  async dismiss(actor: DeskActor, messageId: number): Promise<InboxItem> {
    await this.deps.db.transaction(async (t) => {
      await this.item(messageId, t);
      const entry = await this.entry(messageId, t);
      if (entry.status === 'added') throw new DomainError('INVALID_TRANSITION', 'This message is already in the training data', { messageId });
      const now = this.deps.clock.now();
      entry.set({ status: 'dismissed', resolvedBy: actor.id, resolvedAt: now });
      await entry.save({ transaction: t });
      await audit(actor, { area: 'intents', action: 'inbox.dismiss', subject: `message:${messageId}`, before: null, after: null }, now, t);
    });
    return this.get(messageId);
  }
}
