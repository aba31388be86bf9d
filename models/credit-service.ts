// Derives a buyer's credit profile from their cancellation and dispute history in the policy's rolling window.
import type { Transaction } from 'sequelize';
import type { Clock } from './clock';
import { assessCredit, CreditPolicy, CreditReason, CreditStats } from './credit-policy';
import { overrideView, OverrideView } from './credit-override';
import { runStatement } from './driver-statements';
import type { CreditLevel } from './enums';
import { Cancellation, CreditOverride } from './tables';

/** A cancellation or rejected dispute in the window, or the override in force (level … set only there). */
type HistoryRow = {
  kind: 'cancellation' | 'rejected_dispute' | 'override';
  stage: string | null;
  createdAt: string | Date;
  level: CreditOverride['level'] | null;
  note: string | null;
  createdBy: number | string | null;
  expiresAt: string | Date | null;
};

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
    const now = this.clock.now();
    const since = new Date(now.getTime() - this.policy.windowDays * 86_400_000);
    const burstSince = now.getTime() - this.policy.burstHours * 3_600_000;
    // Only what the buyer chose counts against them: merchant and system faults are not the buyer's doing.
    // One statement for the history and the override in force: this runs inside every automatic cancellation,
    // where each statement counts (tests/bench/orders.bench.ts).
    const rows = await runStatement<HistoryRow>(
      Cancellation.sequelize!,
      // The override first: its columns give each UNION column its type (PostgreSQL types a bare NULL as text).
      `SELECT * FROM (
         SELECT 'override' AS kind, NULL AS stage, created_at AS "createdAt", level, note, created_by AS "createdBy", expires_at AS "expiresAt"
           FROM credit_overrides
          WHERE buyer_id = :buyerId AND cleared_at IS NULL AND (expires_at IS NULL OR expires_at > :now) ORDER BY id DESC LIMIT 1) AS o
       UNION ALL
       SELECT 'cancellation', stage, created_at, NULL, NULL, NULL, NULL
         FROM cancellations WHERE buyer_id = :buyerId AND category = 'user_initiated' AND created_at >= :since
       UNION ALL
       SELECT 'rejected_dispute', NULL, created_at, NULL, NULL, NULL, NULL
         FROM disputes WHERE buyer_id = :buyerId AND status = 'rejected' AND created_at >= :since`,
      { buyerId, since, now },
      transaction,
    );
    const stats: CreditStats = { unpaidCancellations: 0, paidCancellations: 0, afterDelivery: 0, burst: 0, rejectedDisputes: 0 };
    let override: OverrideView | null = null;
    for (const r of rows) {
      if (r.kind === 'override') {
        override = overrideView({ level: r.level!, note: r.note!, createdBy: Number(r.createdBy), createdAt: new Date(r.createdAt), expiresAt: r.expiresAt === null ? null : new Date(r.expiresAt) });
      } else if (r.kind === 'rejected_dispute') {
        stats.rejectedDisputes += 1;
      } else {
        if (UNPAID_STAGES.has(r.stage!)) stats.unpaidCancellations += 1;
        else stats.paidCancellations += 1;
        if (AFTER_DELIVERY_STAGES.has(r.stage!)) stats.afterDelivery += 1;
        if (new Date(r.createdAt).getTime() >= burstSince) stats.burst += 1;
      }
    }
    const { level, reasons } = assessCredit(stats, this.policy);
    return { buyerId, level: override?.level ?? level, computedLevel: level, override, reasons, stats, windowDays: this.policy.windowDays };
  }
}
