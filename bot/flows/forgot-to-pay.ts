// "I forgot to pay": a pay link while the window is open (or cancel, after confirmation); expired windows are
// cleaned up by the expiry job; paid orders just get their status.
import { clock, money } from '../format';
import * as m from '../messages';
import { isClosed } from '../cancel';
import { payUrl, statusText } from '../orders';
import type { OrderFlow } from './flow';

export const forgotToPay: OrderFlow = async (turn, order) => {
  if (isClosed(order)) {
    turn.say(m.text(turn.t.alreadyCancelled(order.orderNo, statusText(turn, order))));
    return;
  }
  if (order.status !== 'pending_payment') {
    turn.say(m.text(turn.t.alreadyPaid(order.orderNo, statusText(turn, order))));
    return;
  }
  if (new Date(order.paymentExpiresAt) <= turn.deps.domain.clock.now()) {
    turn.say(m.text(turn.t.paymentExpired(order.orderNo)));
    return;
  }
  turn.say(
    m.card({
      title: turn.t.payNow(order.orderNo, money(order.amountCents), clock(order.paymentExpiresAt)),
      buttons: [
        { label: turn.t.payButton, url: payUrl(turn, order.orderNo) },
        { label: turn.t.cancelButton, postback: { action: 'cancel', orderNo: order.orderNo, reason: 'forgot_to_pay' } },
      ],
    }),
  );
};
