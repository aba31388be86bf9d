// Replays a buyer's credit the way CreditService computes it, at the instant of each automatic cancellation,
// so the seed never lets a buyer cancel by themselves while the real service would have refused them.
import { assessCredit, CreditPolicy, CreditStats } from '../../models/credit-policy';
import type { OrderStatus } from '../../models/enums';

const UNPAID_STAGES: ReadonlySet<OrderStatus> = new Set(['pending_payment']);
const AFTER_DELIVERY_STAGES: ReadonlySet<OrderStatus> = new Set(['delivered', 'completed', 'disputed']);

export class CreditTimeline {
  private readonly cancellations: Array<{ at: number; stage: OrderStatus }> = [];
  private readonly rejectedDisputes: Array<{ openedAt: number; rejectedAt: number }> = [];
  /**
   * The latest instant this buyer's credit was read or changed. Orders are generated one at a time, so a later
   * order may only add history or read credit after it: then every read sees exactly the history before it.
   */
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly policy: CreditPolicy) {}

  /** Whether an action touching credit at `at` keeps the replay exact (see `last`). */
  canActAt(at: number): boolean {
    return at > this.last;
  }

  /** Whether CreditService would say `restricted` at `at`; marks the read. */
  restrictedAt(at: number): boolean {
    this.last = Math.max(this.last, at);
    const since = at - this.policy.windowDays * 86_400_000;
    const burstSince = at - this.policy.burstHours * 3_600_000;
    const stats: CreditStats = { unpaidCancellations: 0, paidCancellations: 0, afterDelivery: 0, burst: 0, rejectedDisputes: 0 };
    for (const c of this.cancellations) {
      if (c.at < since || c.at > at) continue;
      if (UNPAID_STAGES.has(c.stage)) stats.unpaidCancellations += 1;
      else stats.paidCancellations += 1;
      if (AFTER_DELIVERY_STAGES.has(c.stage)) stats.afterDelivery += 1;
      if (c.at >= burstSince) stats.burst += 1;
    }
    for (const d of this.rejectedDisputes) if (d.openedAt >= since && d.rejectedAt <= at) stats.rejectedDisputes += 1;
    return assessCredit(stats, this.policy).level === 'restricted';
  }

  /** A user-initiated cancellation (whoever carried it out) counts against the buyer. */
  addCancellation(at: number, stage: OrderStatus): void {
    this.last = Math.max(this.last, at);
    this.cancellations.push({ at, stage });
  }

  addRejectedDispute(openedAt: number, rejectedAt: number): void {
    this.last = Math.max(this.last, rejectedAt);
    this.rejectedDisputes.push({ openedAt, rejectedAt });
  }
}
