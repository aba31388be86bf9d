// "Cancel my order": ask why (the answer tags the cancellation and picks the flow that finishes it).
import { handOff } from '../handoff';
import * as m from '../messages';
import { isCancellable, isClosed } from '../cancel';
import { statusText } from '../orders';
import type { BuyerCancelReason } from '../postbacks';
import type { OrderFlow } from './flow';

export const cancelOrder: OrderFlow = async (turn, order) => {
  turn.state.intent = 'cancel_order';
  if (isClosed(order)) {
    turn.say(m.text(turn.t.alreadyCancelled(order.orderNo, statusText(turn, order))));
    return;
  }
  if (!isCancellable(order)) {
    await handOff(turn, 'not_cancellable', { intent: 'cancel_order', order, detail: `cancel requested, but the card was revealed (status ${order.status})` });
    return;
  }
  const unpaid = order.status === 'pending_payment';
  const reasons: BuyerCancelReason[] = unpaid ? ['forgot_to_pay', 'wrong_item', 'price_changed', 'other'] : ['wrong_item', 'price_changed', 'delivery_delay', 'other'];
  turn.say(
    m.choice(
      turn.t.askReason(order.orderNo),
      reasons.map((reason) => ({ label: turn.t.reasons[reason], postback: { action: 'cancel', orderNo: order.orderNo, reason } })),
    ),
  );
  turn.pending = { kind: 'reason', orderNo: order.orderNo };
};
