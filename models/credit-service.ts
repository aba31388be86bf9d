// Derives a buyer's credit profile from their cancellation and dispute history in the policy's rolling window.
import { QueryTypes, Transaction } from 'sequelize';
import type { Clock } from './clock';
import { assessCredit, CreditPolicy, CreditReason, CreditStats } from './credit-policy';
import { activeOverride, overrideView, OverrideView } from './credit-override';
import type { CreditLevel } from './enums';
import { Cancellation } from './tables';

export interface CreditProfile {
  buyerId: number;
  /** The level in force: a supervisor's override if there is one, else the computed level. */
  level: CreditLevel;
  /** What the policy alone says; the reasons explain it even when overridden. */
  computedLevel: CreditLevel;
  override: OverrideView | null;
  reasons: CreditReason[];
  stats: CreditStats;
  windowDays: number;
}

export const AFTER_DELIVERY_STAGES = new Set(['delivered', 'completed', 'disputed']);
export const UNPAID_STAGES = new Set(['pending_payment']);

export class CreditService {
  constructor(
    private readonly clock: Clock,
    private policy: CreditPolicy,
  ) {}

  setPolicy(policy: CreditPolicy): void {
    this.policy = policy;
  }

  getPolicy(): CreditPolicy {
    return this.policy;
  }

  async profile(buyerId: number, transaction?: Transaction): Promise<CreditProfile> {
    const now = this.clock.now().getTime();
    const since = new Date(now - this.policy.windowDays * 86_400_000);
    const burstSince = now - this.policy.burstHours * 3_600_000;
    // Only what the buyer chose counts against them: merchant and system faults are not the buyer's doing.
    // One statement for both tables: this runs inside every automatic cancellation, where each round trip counts.
    const rows = await Cancellation.sequelize!.query<{ kind: 'cancellation' | 'rejected_dispute'; stage: string; createdAt: string | Date }>(
      `SELECT 'cancellation' AS kind, stage, created_at AS "createdAt" FROM cancellations
         WHERE buyer_id = :buyerId AND category = 'user_initiated' AND created_at >= :since
       UNION ALL
       SELECT 'rejected_dispute' AS kind, NULL AS stage, created_at AS "createdAt" FROM disputes
         WHERE buyer_id = :buyerId AND status = 'rejected' AND created_at >= :since`,
      { replacements: { buyerId, since }, transaction, type: QueryTypes.SELECT },
    );
    const cancellations = rows.filter((r) => r.kind === 'cancellation');
    const stats: CreditStats = { unpaidCancellations: 0, paidCancellations: 0, afterDelivery: 0, burst: 0, rejectedDisputes: rows.length - cancellations.length };
    for (const c of cancellations) {
      if (UNPAID_STAGES.has(c.stage)) stats.unpaidCancellations += 1;
      else stats.paidCancellations += 1;
      if (AFTER_DELIVERY_STAGES.has(c.stage)) stats.afterDelivery += 1;
      if (new Date(c.createdAt).getTime() >= burstSince) stats.burst += 1;
    }
    const { level, reasons } = assessCredit(stats, this.policy);
    const override = await activeOverride(buyerId, new Date(now), transaction);
    return { buyerId, level: override?.level ?? level, computedLevel: level, override: override && overrideView(override), reasons, stats, windowDays: this.policy.windowDays };
  }
}
