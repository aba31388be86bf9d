// Derives a buyer's credit profile from their cancellation and dispute history in the policy's rolling window.
import { Op, Transaction } from 'sequelize';
import type { Clock } from './clock';
import { assessCredit, CreditPolicy, CreditReason, CreditStats } from './credit-policy';
import type { CreditLevel } from './enums';
import { Cancellation, Dispute } from './tables';

export interface CreditProfile {
  buyerId: number;
  level: CreditLevel;
  reasons: CreditReason[];
  stats: CreditStats;
  windowDays: number;
}

const AFTER_DELIVERY_STAGES = new Set(['delivered', 'completed', 'disputed']);
const UNPAID_STAGES = new Set(['pending_payment']);

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
    const [cancellations, rejectedDisputes] = await Promise.all([
      Cancellation.findAll({
        where: { buyerId, category: 'user_initiated', createdAt: { [Op.gte]: since } },
        attributes: ['stage', 'createdAt'],
        transaction,
        raw: true,
      }),
      Dispute.count({ where: { buyerId, status: 'rejected', createdAt: { [Op.gte]: since } }, transaction }),
    ]);
    const stats: CreditStats = { unpaidCancellations: 0, paidCancellations: 0, afterDelivery: 0, burst: 0, rejectedDisputes };
    for (const c of cancellations) {
      if (UNPAID_STAGES.has(c.stage)) stats.unpaidCancellations += 1;
      else stats.paidCancellations += 1;
      if (AFTER_DELIVERY_STAGES.has(c.stage)) stats.afterDelivery += 1;
      if (new Date(c.createdAt).getTime() >= burstSince) stats.burst += 1;
    }
    return { buyerId, ...assessCredit(stats, this.policy), stats, windowDays: this.policy.windowDays };
  }
}
