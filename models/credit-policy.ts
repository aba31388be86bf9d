// The buyer-credit policy: which cancellation patterns are honest mistakes and which look like abuse.
// Thresholds are data so operators can tune them (server config), validated here.
import { z } from 'zod';
import type { CreditLevel } from './enums';

const thresholds = z.object({
  /** Cancellations of delivered (possibly viewed) keys or disputes turned refund: the pattern of key abuse. */
  afterDelivery: z.number().int().positive(),
  /** Buyer-initiated cancellations inside the burst window. */
  burst: z.number().int().positive(),
  /** Disputes an agent rejected. */
  rejectedDisputes: z.number().int().positive(),
  /** Buyer-initiated cancellations of paid orders in the whole window (unpaid slips are mistakes, not counted). */
  paidCancellations: z.number().int().positive(),
});

export const creditPolicySchema = z.object({
  windowDays: z.number().int().min(1).max(365),
  burstHours: z.number().int().min(1).max(24 * 7),
  watch: thresholds,
  restricted: thresholds,
});
export type CreditPolicy = z.infer<typeof creditPolicySchema>;

export const DEFAULT_CREDIT_POLICY: CreditPolicy = {
  windowDays: 30,
  burstHours: 24,
  watch: { afterDelivery: 2, burst: 4, rejectedDisputes: 1, paidCancellations: 4 },
  restricted: { afterDelivery: 4, burst: 8, rejectedDisputes: 2, paidCancellations: 8 },
};

export interface CreditStats {
  unpaidCancellations: number;
  paidCancellations: number;
  afterDelivery: number;
  burst: number;
  rejectedDisputes: number;
}

export const CREDIT_REASON_CODES = ['CANCELLED_AFTER_DELIVERY', 'CANCELLATION_BURST', 'REJECTED_DISPUTES', 'FREQUENT_PAID_CANCELLATIONS'] as const;

export interface CreditReason {
  code: (typeof CREDIT_REASON_CODES)[number];
  level: Exclude<CreditLevel, 'good'>;
  count: number;
  threshold: number;
  message: { zh: string; en: string };
}

const RULES: Array<{ code: CreditReason['code']; stat: keyof CreditStats; key: keyof CreditPolicy['watch']; zh: string; en: string }> = [
  { code: 'CANCELLED_AFTER_DELIVERY', stat: 'afterDelivery', key: 'afterDelivery', zh: '发货后取消/退款', en: 'cancellations after delivery' },
  { code: 'CANCELLATION_BURST', stat: 'burst', key: 'burst', zh: '短时间内频繁取消', en: 'cancellations in a short window' },
  { code: 'REJECTED_DISPUTES', stat: 'rejectedDisputes', key: 'rejectedDisputes', zh: '被驳回的争议', en: 'rejected disputes' },
  { code: 'FREQUENT_PAID_CANCELLATIONS', stat: 'paidCancellations', key: 'paidCancellations', zh: '已付款订单取消', en: 'cancellations of paid orders' },
];

/** Applies the policy to a buyer's stats: the level is the worst rule hit, and every hit is a reason. */
export function assessCredit(stats: CreditStats, policy: CreditPolicy): { level: CreditLevel; reasons: CreditReason[] } {
  const reasons: CreditReason[] = [];
  for (const rule of RULES) {
    const count = stats[rule.stat];
    const level = count >= policy.restricted[rule.key] ? 'restricted' : count >= policy.watch[rule.key] ? 'watch' : null;
    if (!level) continue;
    const threshold = policy[level][rule.key];
    const window = rule.stat === 'burst' ? `${policy.burstHours}h` : `${policy.windowDays}d`;
    reasons.push({
      code: rule.code,
      level,
      count,
      threshold,
      message: { zh: `${window}内${rule.zh} ${count} 次（阈值 ${threshold}）`, en: `${count} ${rule.en} in ${window} (threshold ${threshold})` },
    });
  }
  const level = reasons.some((r) => r.level === 'restricted') ? 'restricted' : reasons.length ? 'watch' : 'good';
  return { level, reasons };
}
