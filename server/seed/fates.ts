// What happens to each demo order after it is created: the store's everyday patterns (forgotten payments,
// late deliveries, wrong purchases, disputes, refunds landing) and the problems the demo is meant to show
// (the weekend-evening game-card cancellations, an oversold product, abusive buyers). Steps run in time order
// and stop at `now`, so recent orders are left mid-flight exactly as a live store would have them.
import type { Actor } from '../../models/actor';
import type { CancelCategory, CancelReason, PaymentChannel } from '../../models/enums';
import type { KeyText } from './card-keys';
import type { CreditTimeline } from './credit-timeline';
import type { OrderStory } from './order-story';
import { Random, WeightedTable } from './random';

const MIN = 60_000;
const HOUR = 60 * MIN;

export const RATES = {
  unpaid: 0.09,
  /** Of unpaid orders, the share the buyer cancels before the window closes (the rest expire). */
  unpaidCancelledByBuyer: 0.25,
  late: { stock: 0.05, merchant: 0.12 },
  /** Of late orders, the share cancelled before the keys arrive. */
  lateCancelled: 0.45,
  cancelBeforeDelivery: 0.015,
  cancelAfterDelivery: 0.01,
  /** Friday–Sunday evenings: game-card merchants fall behind and buyers cancel that much more. */
  weekendEveningGameFactor: 4,
  oversold: 0.4,
  revealed: 0.93,
  disputed: 0.015,
  disputeRefunded: 0.55,
};

const CHANNELS: PaymentChannel[] = ['alipay', 'wechat', 'unionpay', 'balance'];
const CHANNEL_TABLE = new WeightedTable([45, 45, 5, 5]);
const CHANNEL_PREFIX: Record<PaymentChannel, string> = { alipay: '2026', wechat: '4200', unionpay: 'UP', balance: 'BAL' };

const AGENTS: Actor[] = ['agent-lin', 'agent-zhou', 'agent-chen'].map((id) => ({ type: 'agent', id }));
export const GATEWAY: Actor = { type: 'merchant', id: 'gateway' };
const EXPIRY: Actor = { type: 'system', id: 'payment-expiry' };
const AUTO_COMPLETE: Actor = { type: 'system', id: 'auto-complete' };
const BOT: Actor = { type: 'bot', id: 'kadesk-bot' };

const NOTES: Partial<Record<CancelReason, string[]>> = {
  wrong_item: ['买错区服了', '拍错面值了', '买成安卓区了，要苹果的', '下错单了'],
  price_changed: ['别家更便宜', '刚看到有活动价'],
  delivery_delay: ['等了半小时还没发货', '太慢了，不要了', '急用，等不了'],
  oversold: ['商家缺货，无法发货'],
};
const DISPUTE_TEXTS = ['充值提示卡密已被使用', '卡密无效，兑换失败', '兑换后余额没有到账', '提示该卡已过期'];
const REJECTION = '已向供货商核实，卡密在发货后已被成功兑换，驳回';
const REFUND_RESOLUTION = '供货商确认卡密无效，全额退款';

export interface FateContext {
  random: Random;
  now: number;
  buyer: { actor: Actor; abusive: boolean };
  credit: CreditTimeline;
  product: { fulfilment: 'stock' | 'merchant'; deliveryMinutes: number; oversold: boolean; gameCard: boolean; merchant: Actor };
  weekendEvening: boolean;
  /** A scripted abusive order: delivered, then cancelled or disputed after the buyer has the keys. */
  abuse: boolean;
  supplyKey: () => KeyText;
}

const automatic = (actor: Actor): boolean => actor.type === 'buyer' || actor.type === 'bot';

/** Drives one order from creation to wherever it is at `now`. */
export function live(story: OrderStory, c: FateContext): void {
  const { random: r, now } = c;
  const between = (from: number, to: number) => from + r.float() * (to - from);
  const at = (t: number) => new Date(t);
  const note = (reason: CancelReason) => (NOTES[reason] && r.chance(0.6) ? r.pick(NOTES[reason]!) : null);

  /**
   * Cancels as OrderService would let this actor: automatic actors need the buyer not to be restricted at that
   * instant; a restricted buyer's request goes to an agent, or is refused. Returns whether it happened.
   */
  const cancel = (t: number, actor: Actor, category: CancelCategory, reason: CancelReason, ifRestricted: 'agent' | 'refuse'): boolean => {
    if (t > now) return false;
    const touchesCredit = category === 'user_initiated' || automatic(actor);
    if (touchesCredit && !c.credit.canActAt(t)) return false;
    let by = actor;
    if (automatic(actor) && c.credit.restrictedAt(t)) {
      if (ifRestricted === 'refuse') return false;
      by = r.pick(AGENTS);
    }
    const stage = story.status;
    story.cancelled(at(t), by, category, reason, note(reason));
    if (category === 'user_initiated') c.credit.addCancellation(t, stage);
    settleRefunds(t);
    return true;
  };

  /** Refunds land within their promise; the ones not landed by `now` stay pending (refunds in flight). */
  const settleRefunds = (from: number) => {
    for (const refund of story.pendingRefunds) {
      const landed = between(from + 2 * HOUR, refund.expectedBy.getTime());
      if (landed <= now) story.refundCompleted(at(landed), refund, GATEWAY);
    }
  };

  const buyerOrBot = () => (r.chance(0.5) ? c.buyer.actor : BOT);
  const spike = c.product.gameCard && c.weekendEvening ? RATES.weekendEveningGameFactor : 1;
  const t0 = story.order.createdAt.getTime();
  const expiresAt = story.order.paymentExpiresAt.getTime();

  // The expiry job sweeps within a minute of the window closing.
  const expiredAt = between(expiresAt, expiresAt + MIN);
  if (!c.abuse && r.chance(RATES.unpaid) && c.credit.canActAt(expiredAt)) {
    if (r.chance(RATES.unpaidCancelledByBuyer)) {
      const reason = r.pick<CancelReason>(['wrong_item', 'price_changed', 'other']);
      if (cancel(between(t0 + MIN, expiresAt - MIN), c.buyer.actor, 'user_initiated', reason, 'refuse')) return;
    }
    cancel(expiredAt, EXPIRY, 'user_initiated', 'forgot_to_pay', 'refuse');
    return;
  }

  const paidAt = between(t0 + 15_000, t0 + 8 * MIN);
  if (paidAt > now) return;
  const channel = CHANNELS[CHANNEL_TABLE.sample(r)]!;
  story.paid(at(paidAt), channel, `${CHANNEL_PREFIX[channel]}${story.order.orderNo.slice(2)}`, GATEWAY);

  const promise = c.product.deliveryMinutes * MIN;
  let startedAt = paidAt;
  if (c.product.fulfilment === 'merchant') {
    startedAt = between(paidAt + 20_000, paidAt + 2 * MIN);
    if (startedAt > now) return;
    story.deliveryStarted(at(startedAt), c.product.merchant);
  }

  if (c.product.oversold && r.chance(RATES.oversold)) {
    cancel(between(startedAt + 5 * MIN, paidAt + 2 * promise), c.product.merchant, 'merchant_fault', 'oversold', 'agent');
    return;
  }

  const late = !c.abuse && r.chance(RATES.late[c.product.fulfilment] * spike);
  const deliveredAt = late ? paidAt + promise * between(1.5, 12) : between(startedAt + 10_000, paidAt + promise * 0.9);
  if (late && r.chance(RATES.lateCancelled)) {
    if (cancel(between(paidAt + promise * 1.1, deliveredAt), buyerOrBot(), 'merchant_fault', 'delivery_delay', 'agent')) return;
  } else if (!c.abuse && r.chance(RATES.cancelBeforeDelivery * spike)) {
    const reason = r.chance(0.8) ? 'wrong_item' : 'price_changed';
    if (cancel(between(startedAt, deliveredAt), buyerOrBot(), 'user_initiated', reason, 'agent')) return;
  }
  if (deliveredAt > now) return;
  story.delivered(at(deliveredAt), c.product.merchant, c.product.fulfilment === 'merchant' ? c.supplyKey : null);

  const cancelsAfterDelivery = c.abuse || r.chance(RATES.cancelAfterDelivery * spike);
  if (cancelsAfterDelivery && cancel(between(deliveredAt + 2 * MIN, deliveredAt + 40 * MIN), c.buyer.actor, 'user_initiated', 'wrong_item', 'refuse')) return;

  let completeAt = deliveredAt + 24 * HOUR;
  const revealedAt = between(deliveredAt + 30_000, deliveredAt + (c.abuse ? 15 * MIN : 2 * HOUR));
  if (!(c.abuse || r.chance(RATES.revealed))) {
    if (completeAt <= now) story.completed(at(completeAt), AUTO_COMPLETE);
    return;
  }
  if (revealedAt > now) return;
  story.revealed(at(revealedAt), c.buyer.actor);

  if (c.abuse || r.chance(RATES.disputed)) {
    const openedAt = between(revealedAt + 10 * MIN, revealedAt + 6 * HOUR);
    if (openedAt > now) return;
    const dispute = story.disputeOpened(at(openedAt), c.buyer.actor, 'card_invalid', r.pick(DISPUTE_TEXTS));
    const decidedAt = between(openedAt + HOUR, openedAt + 72 * HOUR);
    if (decidedAt > now) return;
    const agent = r.pick(AGENTS);
    const rejects = (c.abuse || !r.chance(RATES.disputeRefunded)) && c.credit.canActAt(decidedAt);
    if (!rejects) {
      story.disputeRefunded(at(decidedAt), dispute, agent, 'merchant_fault', 'card_invalid', REFUND_RESOLUTION);
      settleRefunds(decidedAt);
      return;
    }
    story.disputeRejected(at(decidedAt), dispute, agent, REJECTION);
    c.credit.addRejectedDispute(openedAt, decidedAt);
    completeAt = Math.max(completeAt, decidedAt + HOUR);
  }
  if (completeAt <= now) story.completed(at(completeAt), AUTO_COMPLETE);
}
