// Cancelling an order from the chat: checked first (rules, amount limit, credit), confirmed by the buyer, then
// done through the order service with a tagged reason. Anything the bot may not do goes to a person.
import { CancelCategory, isDomainError, OrderSummary } from '../models';
import { day, money, channel } from './format';
import { handOff } from './handoff';
import * as m from './messages';
import { productName, statusText } from './orders';
import type { BuyerCancelReason } from './postbacks';
import type { OrderIntent, Wanted } from './state';
import { suggestAlternatives } from './suggestions';
import type { TurnContext } from './turn';

const CLOSED = new Set(['cancelled', 'refund_pending', 'refunded']);

export const isClosed = (order: OrderSummary): boolean => CLOSED.has(order.status);

/** The order service's own rule, read off a summary: unpaid, paid but undelivered, or delivered but never viewed. */
export const isCancellable = (order: OrderSummary): boolean =>
  order.status === 'pending_payment' || order.status === 'paid' || order.status === 'delivering' || (order.status === 'delivered' && !order.revealedAt);

/** Paid and past the product's delivery promise. */
export function isOverdue(turn: TurnContext, order: OrderSummary): boolean {
  if (!order.paidAt || !order.product || (order.status !== 'paid' && order.status !== 'delivering')) return false;
  return turn.deps.domain.clock.now().getTime() > new Date(order.paidAt).getTime() + order.product.deliveryMinutes * 60_000;
}

/** A late delivery the buyer cancels over is the merchant's fault, not theirs (it must not hurt their credit). */
const categoryOf = (turn: TurnContext, order: OrderSummary, reason: BuyerCancelReason): CancelCategory =>
  reason === 'delivery_delay' && isOverdue(turn, order) ? 'merchant_fault' : 'user_initiated';

const isPaid = (order: OrderSummary): boolean => order.payments.length > 0;

/** Asks the buyer to confirm a cancellation, or hands off when the bot may not do it. */
export async function proposeCancel(turn: TurnContext, order: OrderSummary, reason: BuyerCancelReason, intent: OrderIntent, wanted?: Wanted): Promise<void> {
  turn.state.orderId = order.id;
  turn.state.intent = intent;
  if (isClosed(order)) {
    turn.say(m.text(turn.t.alreadyCancelled(order.orderNo, statusText(turn, order))));
    turn.pending = null;
    return;
  }
  if (!isCancellable(order)) {
    await handOff(turn, 'not_cancellable', { intent, order, detail: `buyer wants to cancel (${reason}); status ${order.status}, card revealed` });
    return;
  }
  if (isPaid(order) && order.amountCents > turn.deps.config.handoffAmountLimitCents) {
    await handOff(turn, 'amount_limit', { intent, order, detail: `cancel (${reason}) of ${money(order.amountCents)} is above the bot's limit` });
    return;
  }
  const credit = await turn.deps.domain.credit.profile(turn.buyerId);
  if (credit.level === 'restricted') {
    await handOff(turn, 'credit_restricted', { intent, order, detail: `cancel (${reason}) refused to the bot: ${credit.reasons.map((r) => r.code).join(', ')}` });
    return;
  }
  const note = isPaid(order) ? turn.t.refundNote(money(order.amountCents)) : turn.t.noRefundNote;
  turn.say(
    m.choice(turn.t.join(turn.t.confirmCancel(order.orderNo, productName(order), money(order.amountCents)), note), [
      { label: turn.t.confirmButton, postback: { action: 'confirm', orderNo: order.orderNo } },
      { label: turn.t.keepButton, postback: { action: 'deny' } },
    ]),
  );
  turn.pending = { kind: 'confirm', orderNo: order.orderNo, reason, intent, ...(wanted ? { wanted } : {}) };
}

/** Performs the confirmed cancellation; domain refusals (credit, revealed meanwhile) become handoffs. */
export async function executeCancel(turn: TurnContext, order: OrderSummary, reason: BuyerCancelReason, intent: OrderIntent, wanted?: Wanted): Promise<void> {
  turn.pending = null;
  try {
    const { refunds, replayed } = await turn.deps.domain.orders.cancel(
      order.orderNo,
      { category: categoryOf(turn, order, reason), reasonCode: reason, note: `chat: ${intent}` },
      turn.actor,
    );
    if (!replayed) turn.actions.push(`cancelled ${order.orderNo} (${reason})`);
    const refund = refunds[0];
    turn.say(
      m.text(
        refund
          ? turn.t.cancelledRefund(order.orderNo, money(refunds.reduce((s, r) => s + r.amountCents, 0)), channel(turn.lang, refund.channel), day(turn.lang, refund.expectedFrom), day(turn.lang, refund.expectedBy))
          : turn.t.cancelledNoRefund(order.orderNo),
      ),
    );
  } catch (err) {
    if (isDomainError(err) && err.code === 'CREDIT_RESTRICTED') {
      await handOff(turn, 'credit_restricted', { intent, order, detail: `cancel (${reason}) refused: CREDIT_RESTRICTED` });
      return;
    }
    if (isDomainError(err) && (err.code === 'ORDER_NOT_CANCELLABLE' || err.code === 'INVALID_TRANSITION')) {
      await handOff(turn, 'not_cancellable', { intent, order, detail: `cancel (${reason}) refused: ${err.code}` });
      return;
    }
    throw err;
  }
  if (intent === 'wrong_item' && order.product) await suggestAlternatives(turn, order, wanted);
}
