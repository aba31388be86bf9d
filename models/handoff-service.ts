// The desk's side of handoffs: admission to the queue (SLA due time, priority), atomic claims (one conditional
// UPDATE: exactly one winner on SQLite and PostgreSQL), transfers, takeovers, agent messages, notes, tagging and
// closing. Every change commits with the conversation's status and is announced after commit.
import { col, fn, Op, Transaction } from 'sequelize';
import { z } from 'zod';
import type { Clock } from './clock';
import type { ConversationStatus } from './conversation-enums';
import { CLIENT_MSG_ID } from './conversation-service';
import type { Database } from './db';
import { CANCEL_CATEGORIES, CANCEL_REASONS } from './enums';
import { DomainError } from './errors';
import type { DomainEventBus, HandoffChanged, StoredMessage } from './events';
import { pickAssignee } from './handoff-assignment';
import { wireOf } from './message-wire';
import { Agent, Cancellation, Conversation, ConversationMessage, Handoff, HandoffNote, Order } from './tables';
import { parseInput } from './validate';

export interface DeskTimings {
  /** First agent reply due this long after the handoff was created. */
  firstReplyMs: number;
  /** A holder who leaves the buyer waiting this long loses the claim. */
  reassignMs: number;
  /** A holder whose desk disconnected keeps the claim this long. */
  graceMs: number;
}

export interface HandoffDeps {
  db: Database;
  clock: Clock;
  events: DomainEventBus;
  timings: DeskTimings;
}

/** Paid orders at least this large jump the queue a step. */
const HIGH_VALUE_CENTS = 50_000;
/** How far a breached handoff moves up. */
export const BREACH_BOOST = 10;
/** Handoffs the bot opened because a cancellation was asked for. */
const CANCELLATION_REASONS: ReadonlySet<string> = new Set(['credit_restricted', 'amount_limit', 'not_cancellable']);

export const agentMessageInput = z.object({ clientMsgId: CLIENT_MSG_ID.max(60), text: z.string().trim().min(1).max(2000) });
export const tagInput = z.object({ category: z.enum(CANCEL_CATEGORIES), reasonCode: z.enum(CANCEL_REASONS) });
export const noteInput = z.object({ text: z.string().trim().min(1).max(4000) });
export const CLOSE_TARGETS = ['closed', 'bot'] as const;


const agentKey = (agent: Agent | number): string => String(typeof agent === 'number' ? agent : agent.id);

export class HandoffService {
  constructor(readonly deps: HandoffDeps) {}

  private now(): Date {
    return this.deps.clock.now();
  }

  async get(handoffId: number, t?: Transaction, lock = false): Promise<Handoff> {
    const h = await Handoff.findByPk(handoffId, { transaction: t, lock: lock && t ? t.LOCK.UPDATE : undefined });
    if (!h) throw new DomainError('NOT_FOUND', 'No such handoff', { handoffId });
    return h;
  }

  /** Queued handoffs, most urgent first (priority, then waiting time). */
  queue(): Promise<Handoff[]> {
    return Handoff.findAll({ where: { status: 'queued' }, order: [['priority', 'DESC'], ['createdAt', 'ASC'], ['id', 'ASC']] });
  }

  /** What an agent works on: their own claims; a supervisor sees every claimed handoff. */
  held(agent: Agent): Promise<Handoff[]> {
    const where = agent.role === 'supervisor' ? { status: 'claimed' as const } : { status: 'claimed' as const, claimedBy: agentKey(agent) };
    return Handoff.findAll({ where, order: [['claimedAt', 'ASC']] });
  }

  /** Claimed handoffs per agent id (agents holding none are absent). */
  async heldCounts(t?: Transaction): Promise<Map<string, number>> {
    const rows = (await Handoff.findAll({
      attributes: ['claimedBy', [fn('COUNT', col('id')), 'held']],
      where: { status: 'claimed' },
      group: [col('claimed_by')],
      raw: true,
      transaction: t,
    })) as unknown as Array<{ claimedBy: string; held: number | string }>;
    return new Map(rows.map((r) => [r.claimedBy, Number(r.held)]));
  }

  activeFor(conversationId: number): Promise<Handoff | null> {
    return Handoff.findOne({ where: { conversationId, status: { [Op.ne]: 'closed' } }, order: [['id', 'DESC']] });
  }

  /** Mean handling time of the last closed handoffs, for the buyer's wait estimate. */
  async meanHandlingMs(fallbackMs = 180_000): Promise<number> {
    const rows = await Handoff.findAll({ where: { status: 'closed', handlingMs: { [Op.ne]: null } }, attributes: ['handlingMs'], order: [['id', 'DESC']], limit: 50, raw: true });
    if (rows.length === 0) return fallbackMs;
    return rows.reduce((sum, r) => sum + (r.handlingMs ?? 0), 0) / rows.length;
  }

  /**
   * Puts a new handoff on the desk's clock: its first-reply due time (from its creation, so a late admission
   * does not extend it) and a step up for high-value orders. Once only: a repeat changes nothing.
   */
  async admit(handoffId: number): Promise<boolean> {
    const h = await this.get(handoffId);
    const order = h.orderId ? await Order.findByPk(h.orderId, { attributes: ['amountCents'] }) : null;
    const boost = order && order.amountCents >= HIGH_VALUE_CENTS ? 1 : 0;
    const [affected] = await Handoff.update(
      { slaDueAt: new Date(new Date(h.createdAt).getTime() + this.deps.timings.firstReplyMs), priority: h.priority + boost, updatedAt: this.now() },
      { where: { id: h.id, slaDueAt: null, firstResponseAt: null, status: 'queued' } },
    );
    if (affected) this.announce(h, 'admitted');
    return affected === 1;
  }

  /** Exactly one of several agents claiming one handoff at once wins; the others get HANDOFF_TAKEN. */
  async claim(handoffId: number, agent: Agent): Promise<Handoff> {
    const now = this.now();
    return this.change(async (t, after) => {
      await this.assertCapacity(agent, t);
      const [won] = await Handoff.update(
        { status: 'claimed', claimedBy: agentKey(agent), claimedAt: now, replyDueAt: this.replyDue(now), graceDueAt: null, updatedAt: now },
        { where: { id: handoffId, status: 'queued' }, transaction: t },
      );
      const h = await this.get(handoffId, t);
      if (!won) {
        if (h.status === 'claimed' && h.claimedBy === agentKey(agent)) return h;
        throw await this.unavailable(h, t);
      }
      await this.setConversation(t, h.conversationId, { status: 'agent', agentName: agent.name }, after);
      after.push(() => this.announce(h, 'claimed'));
      return h;
    });
  }

  /**
   * Round-robin: gives a queued handoff to the online agent with room who least recently got one (`pickAssignee`),
   * as one transaction whose conditional UPDATE loses to a manual claim made meanwhile. Null when nobody fits.
   */
  async autoAssign(handoffId: number, online: number[], exclude: string | null = null): Promise<Handoff | null> {
    const now = this.now();
    return this.change(async (t, after) => {
      const agent = await pickAssignee(t, online.filter((id) => String(id) !== exclude), () => this.heldCounts(t));
      if (!agent) return null;
      const [won] = await Handoff.update(
        { status: 'claimed', claimedBy: agentKey(agent), claimedAt: now, replyDueAt: this.replyDue(now), graceDueAt: null, updatedAt: now },
        { where: { id: handoffId, status: 'queued' }, transaction: t },
      );
      if (!won) return null;
      const h = await this.get(handoffId, t);
      await this.setConversation(t, h.conversationId, { status: 'agent', agentName: agent.name }, after);
      after.push(() => this.announce(h, 'assigned'));
      return h;
    });
  }

  /** A supervisor takes a queued or claimed conversation, whoever holds it. */
  async takeover(handoffId: number, supervisor: Agent): Promise<Handoff> {
    if (supervisor.role !== 'supervisor') throw new DomainError('FORBIDDEN');
    const now = this.now();
    return this.change(async (t, after) => {
      const before = await this.get(handoffId, t, true);
      if (before.status === 'closed') throw new DomainError('HANDOFF_CLOSED', undefined, { handoffId });
      const previous = before.claimedBy;
      await before.update({ status: 'claimed', claimedBy: agentKey(supervisor), claimedAt: now, replyDueAt: this.replyDue(now), graceDueAt: null, updatedAt: now }, { transaction: t });
      await this.setConversation(t, before.conversationId, { status: 'agent', agentName: supervisor.name }, after);
      after.push(() => this.announce(before, 'taken_over', 'agent', previous));
      return before;
    });
  }

  /** Hands a held conversation to another agent (who must have room), or back to the queue (`to` null). */
  async transfer(handoffId: number, from: Agent, to: number | null): Promise<Handoff> {
    if (to === null) return this.requeue(handoffId, 'agent', from);
    const now = this.now();
    return this.change(async (t, after) => {
      const target = await Agent.findByPk(to, { transaction: t });
      if (!target) throw new DomainError('NOT_FOUND', 'No such agent', { agentId: to });
      await this.assertCapacity(target, t);
      const [moved] = await Handoff.update(
        { claimedBy: agentKey(target), claimedAt: now, replyDueAt: this.replyDue(now), graceDueAt: null, updatedAt: now },
        { where: { id: handoffId, status: 'claimed', ...this.holderClause(from) }, transaction: t },
      );
      const h = await this.get(handoffId, t);
      if (!moved) throw this.notHolder(h);
      await this.setConversation(t, h.conversationId, { status: 'agent', agentName: target.name }, after);
      after.push(() => this.announce(h, 'transferred', 'agent', agentKey(from)));
      return h;
    });
  }

  /**
   * Returns a claim to the queue: the holder (or a supervisor) giving it back, or a timer (`cause`) whose due
   * time has passed — the condition is in the UPDATE, so a timer fires once however many nodes run it.
   */
  async requeue(handoffId: number, cause: NonNullable<HandoffChanged['cause']>, by: Agent | null): Promise<Handoff> {
    const now = this.now();
    const due = { [Op.lte]: now };
    const condition =
      cause === 'agent_idle' ? { replyDueAt: due } : cause === 'disconnected' ? { graceDueAt: due } : by ? this.holderClause(by) : {};
    return this.change(async (t, after) => {
      const before = await this.get(handoffId, t);
      const [moved] = await Handoff.update(
        { status: 'queued', claimedBy: null, claimedAt: null, replyDueAt: null, graceDueAt: null, updatedAt: now },
        { where: { id: handoffId, status: 'claimed', ...condition }, transaction: t },
      );
      if (!moved) throw this.notHolder(before);
      const h = await this.get(handoffId, t);
      await this.setConversation(t, h.conversationId, { status: 'queued', agentName: null }, after);
      after.push(() => this.announce(h, 'requeued', cause, before.claimedBy));
      return h;
    });
  }

  /** An agent's reply: stored once per clientMsgId, and the first one stops the SLA clock. */
  async agentMessage(handoffId: number, agent: Agent, input: z.input<typeof agentMessageInput>): Promise<{ message: StoredMessage; duplicate: boolean }> {
    const data = parseInput(agentMessageInput, input);
    const clientMsgId = `a:${data.clientMsgId}`;
    const now = this.now();
    return this.change(async (t, after) => {
      const h = await this.get(handoffId, t, true);
      this.assertHolder(h, agent, false);
      const known = await ConversationMessage.findOne({ where: { conversationId: h.conversationId, clientMsgId }, transaction: t });
      if (known) return { message: wireOf(known), duplicate: true };
      const message = await ConversationMessage.create(
        { conversationId: h.conversationId, role: 'agent', type: 'text', payload: { text: data.text, agentName: agent.name }, clientMsgId, replyTo: null, createdAt: now },
        { transaction: t },
      );
      const first = h.firstResponseAt === null;
      await h.update(
        {
          replyDueAt: null,
          slaDueAt: null,
          ...(first ? { firstResponseAt: now, firstResponseMs: now.getTime() - new Date(h.createdAt).getTime() } : {}),
          updatedAt: now,
        },
        { transaction: t },
      );
      const conversation = await Conversation.findByPk(h.conversationId, { transaction: t, rejectOnEmpty: true });
      const wire = wireOf(message);
      after.push(() => this.deps.events.publish('conversation.message', { conversationId: h.conversationId, buyerId: conversation.buyerId, status: conversation.status, message: wire }));
      return { message: wire, duplicate: false };
    });
  }

  /** A message from the desk itself (SLA updates, offline notices) shown to the buyer as `system`. */
  async systemMessage(conversationId: number, text: { zh: string; en: string }): Promise<StoredMessage> {
    const now = this.now();
    return this.change(async (t, after) => {
      const conversation = await Conversation.findByPk(conversationId, { transaction: t, rejectOnEmpty: true });
      const message = await ConversationMessage.create(
        { conversationId, role: 'system', type: 'text', payload: { text: text[conversation.lang] }, clientMsgId: null, replyTo: null, createdAt: now },
        { transaction: t },
      );
      const wire = wireOf(message);
      after.push(() => this.deps.events.publish('conversation.message', { conversationId, buyerId: conversation.buyerId, status: conversation.status, message: wire }));
      return wire;
    });
  }

  async addNote(handoffId: number, agent: Agent, input: z.input<typeof noteInput>): Promise<HandoffNote> {
    const data = parseInput(noteInput, input);
    const h = await this.get(handoffId);
    this.assertHolder(h, agent, true);
    return HandoffNote.create({ handoffId, agentId: agent.id, text: data.text, createdAt: this.now() });
  }

  notes(handoffId: number): Promise<HandoffNote[]> {
    return HandoffNote.findAll({ where: { handoffId }, order: [['id', 'ASC']] });
  }

  async tag(handoffId: number, agent: Agent, input: z.input<typeof tagInput>): Promise<Handoff> {
    const data = parseInput(tagInput, input);
    const h = await this.get(handoffId);
    this.assertHolder(h, agent, false);
    await h.update({ tagCategory: data.category, tagReason: data.reasonCode, updatedAt: this.now() });
    this.announce(h, 'tagged');
    return h;
  }

  /** An agent cancelled or refunded an order in this conversation: closing now needs the tags. */
  async markCancellation(handoffId: number): Promise<void> {
    const [changed] = await Handoff.update({ involvesCancellation: true, updatedAt: this.now() }, { where: { id: handoffId, involvesCancellation: false } });
    if (changed) this.announce(await this.get(handoffId), 'cancellation');
  }

  /** Whether closing needs a cancellation category and reason: an agent's cancellation, the bot's, or the reason it came. */
  async involvesCancellation(h: Handoff, t?: Transaction): Promise<boolean> {
    if (h.involvesCancellation || CANCELLATION_REASONS.has(h.reason)) return true;
    const byBot = await Cancellation.count({ where: { initiatorType: 'bot', initiatorId: `conversation:${h.conversationId}` }, transaction: t });
    return byBot > 0;
  }

  /** Ends the desk's part: `closed` (the buyer is asked for a rating) or `bot` (the bot resumes). */
  async close(handoffId: number, agent: Agent, to: (typeof CLOSE_TARGETS)[number]): Promise<Handoff> {
    const target = parseInput(z.enum(CLOSE_TARGETS), to);
    const now = this.now();
    return this.change(async (t, after) => {
      const h = await this.get(handoffId, t, true);
      if (h.status === 'closed') return h;
      this.assertHolder(h, agent, true);
      if ((await this.involvesCancellation(h, t)) && (!h.tagCategory || !h.tagReason)) {
        throw new DomainError('TAG_REQUIRED', undefined, { handoffId, categories: CANCEL_CATEGORIES });
      }
      await h.update(
        {
          status: 'closed',
          closedAt: now,
          closedTo: target,
          handlingMs: h.claimedAt ? now.getTime() - new Date(h.claimedAt).getTime() : null,
          slaDueAt: null,
          replyDueAt: null,
          graceDueAt: null,
          updatedAt: now,
        },
        { transaction: t },
      );
      const resume = target === 'bot' ? { pending: null, intent: null, failedCount: 0 } : {};
      await this.setConversation(t, h.conversationId, { status: target, agentName: null, ...resume }, after, target === 'closed');
      after.push(() => this.announce(h, 'closed'));
      return h;
    });
  }

  private replyDue(from: Date): Date {
    return new Date(from.getTime() + this.deps.timings.reassignMs);
  }

  /**
   * Runs `fn` in a transaction and the announcements it queued after the commit (never for a rollback). On
   * SQLite the transaction is serialised; on PostgreSQL the conditional UPDATEs and row locks do the work.
   */
  private async change<T>(fn: (t: Transaction, after: Array<() => void>) => Promise<T>): Promise<T> {
    const after: Array<() => void> = [];
    const result = await this.deps.db.transaction((t) => fn(t, after));
    for (const announce of after) announce();
    return result;
  }

  private async setConversation(
    t: Transaction,
    conversationId: number,
    patch: { status: ConversationStatus; agentName: string | null; pending?: null; intent?: null; failedCount?: number },
    after: Array<() => void>,
    csat = false,
  ): Promise<void> {
    // The version bump makes a bot turn computed before this change lose its commit.
    const sequelize = Conversation.sequelize!;
    await Conversation.update(
      { ...patch, version: sequelize.literal('version + 1') as unknown as number, updatedAt: this.now() },
      { where: { id: conversationId }, transaction: t },
    );
    const c = await Conversation.findByPk(conversationId, { transaction: t, rejectOnEmpty: true });
    after.push(() => this.deps.events.publish('conversation.status', { conversationId, buyerId: c.buyerId, status: patch.status, agentName: patch.agentName, csat }));
  }

  /** Serialises one agent's claims (row lock on PostgreSQL) so two at once cannot both squeeze under the cap. */
  private async assertCapacity(agent: Agent, t: Transaction): Promise<void> {
    const fresh = await Agent.findByPk(agent.id, { transaction: t, lock: t.LOCK.UPDATE, rejectOnEmpty: true });
    const held = await Handoff.count({ where: { claimedBy: agentKey(fresh), status: 'claimed' }, transaction: t });
    if (held >= fresh.maxChats) throw new DomainError('CAPACITY_REACHED', undefined, { agentId: fresh.id, maxChats: fresh.maxChats, held });
  }

  private holderClause(agent: Agent): { claimedBy?: string } {
    return agent.role === 'supervisor' ? {} : { claimedBy: agentKey(agent) };
  }

  /** Only the holder writes into a conversation; supervisors may add notes and close, and take over to write. */
  assertHolder(h: Handoff, agent: Agent, supervisorMay: boolean): void {
    if (h.status === 'closed') throw new DomainError('HANDOFF_CLOSED', undefined, { handoffId: h.id });
    if (h.status === 'claimed' && h.claimedBy === agentKey(agent)) return;
    if (supervisorMay && agent.role === 'supervisor') return;
    throw this.notHolder(h);
  }

  private notHolder(h: Handoff): DomainError {
    if (h.status === 'closed') return new DomainError('HANDOFF_CLOSED', undefined, { handoffId: h.id });
    return new DomainError('NOT_HOLDER', undefined, { handoffId: h.id, status: h.status, claimedBy: h.claimedBy });
  }

  /** The loser of a claim race learns who won, by name, so the desk can say so. */
  private async unavailable(h: Handoff, t: Transaction): Promise<DomainError> {
    if (h.status === 'closed') return new DomainError('HANDOFF_CLOSED', undefined, { handoffId: h.id });
    const winner = h.claimedBy ? await Agent.findByPk(Number(h.claimedBy), { attributes: ['name'], transaction: t }) : null;
    return new DomainError('HANDOFF_TAKEN', undefined, { handoffId: h.id, claimedBy: h.claimedBy, claimedByName: winner?.name ?? null });
  }

  announce(h: Handoff, change: HandoffChanged['change'], cause: HandoffChanged['cause'] = null, previousAgentId: string | null = null): void {
    this.deps.events.publish('handoff.changed', { handoffId: h.id, conversationId: h.conversationId, change, cause, previousAgentId });
  }
}
