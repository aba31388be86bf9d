// The desk's timers, all DB timestamps on handoffs: the first-reply SLA, the idle holder, and the disconnected
// holder's grace period. A due row is taken with a conditional UPDATE, so each timer fires once across nodes
// and a restart loses none.
import { Op } from 'sequelize';
import { DomainError } from './errors';
import { BREACH_BOOST, HandoffService } from './handoff-service';
import { Handoff } from './tables';

export type TimerKind = 'first_reply' | 'agent_idle' | 'disconnected';

export interface FiredTimer {
  kind: TimerKind;
  handoff: Handoff;
  /** Who held the conversation when the timer fired. */
  claimedBy: string | null;
}

const BATCH = 100;

export class HandoffTimers {
  constructor(private readonly handoffs: HandoffService) {}

  private now(): Date {
    return this.handoffs.deps.clock.now();
  }

  /** The holder's last desk connection dropped: the grace period starts (once; a second drop does not extend it). */
  async disconnected(agentId: number): Promise<number> {
    const now = this.now();
    const [n] = await Handoff.update(
      { graceDueAt: new Date(now.getTime() + this.handoffs.deps.timings.graceMs), updatedAt: now },
      { where: { claimedBy: String(agentId), status: 'claimed', graceDueAt: null } },
    );
    return n;
  }

  async reconnected(agentId: number): Promise<number> {
    const [n] = await Handoff.update({ graceDueAt: null, updatedAt: this.now() }, { where: { claimedBy: String(agentId), status: 'claimed', graceDueAt: { [Op.ne]: null } } });
    return n;
  }

  /** The buyer wrote to a held conversation: the holder's answer is now due (unless it already was). */
  async buyerWrote(conversationId: number): Promise<void> {
    const now = this.now();
    await Handoff.update(
      { replyDueAt: new Date(now.getTime() + this.handoffs.deps.timings.reassignMs), updatedAt: now },
      { where: { conversationId, status: 'claimed', replyDueAt: null } },
    );
  }

  /** Fires every due timer; returns what fired here (another node's firing of the same row is not repeated). */
  async run(): Promise<FiredTimer[]> {
    const fired: FiredTimer[] = [];
    const now = this.now();
    // Handoffs whose node went down between the commit and the admission.
    const unadmitted = await Handoff.findAll({ where: { status: 'queued', slaDueAt: null, firstResponseAt: null }, attributes: ['id'], limit: BATCH });
    for (const { id } of unadmitted) await this.handoffs.admit(id);

    const breached = await Handoff.findAll({ where: { status: { [Op.ne]: 'closed' }, breachedAt: null, slaDueAt: { [Op.lte]: now } }, limit: BATCH });
    for (const h of breached) {
      const [won] = await Handoff.update(
        { breachedAt: now, priority: Handoff.sequelize!.literal(`priority + ${BREACH_BOOST}`) as unknown as number, updatedAt: now },
        { where: { id: h.id, breachedAt: null, slaDueAt: { [Op.lte]: now } } },
      );
      if (!won) continue;
      const fresh = await this.handoffs.get(h.id);
      this.handoffs.announce(fresh, 'breached', 'first_reply');
      fired.push({ kind: 'first_reply', handoff: fresh, claimedBy: fresh.claimedBy });
    }

    for (const [kind, column] of [['agent_idle', 'replyDueAt'], ['disconnected', 'graceDueAt']] as const) {
      const due = await Handoff.findAll({ where: { status: 'claimed', [column]: { [Op.lte]: now } }, limit: BATCH });
      for (const h of due) {
        try {
          fired.push({ kind, handoff: await this.handoffs.requeue(h.id, kind, null), claimedBy: h.claimedBy });
        } catch (err) {
          // Another node fired it, or the agent answered or reconnected in between: nothing left to do.
          if (!(err instanceof DomainError)) throw err;
        }
      }
    }
    return fired;
  }
}
