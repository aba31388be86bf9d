// "Where is my order": the live status; past the delivery promise, an apology and a way out (cancel with a
// full refund, or a person to chase it).
import * as m from '../messages';
import { isOverdue } from '../cancel';
import { statusText } from '../orders';
import type { OrderFlow } from './flow';
import { forgotToPay } from './forgot-to-pay';

export const orderStatus: OrderFlow = async (turn, order, wanted) => {
  if (order.status === 'pending_payment') {
    await forgotToPay(turn, order, wanted);
    return;
  }
  if (isOverdue(turn, order)) {
    turn.say(
      m.choice(turn.t.overdue(order.orderNo, order.product!.deliveryMinutes), [
        { label: turn.t.cancelRefundButton, postback: { action: 'cancel', orderNo: order.orderNo, reason: 'delivery_delay' } },
        { label: turn.t.humanButton, postback: { action: 'human' } },
      ]),
    );
    return;
  }
  const eta = (order.status === 'paid' || order.status === 'delivering') && order.product ? turn.t.deliveringEta(order.product.deliveryMinutes) : '';
  turn.say(m.text(turn.t.join(turn.t.status(order.orderNo, statusText(turn, order)), eta)));
};
