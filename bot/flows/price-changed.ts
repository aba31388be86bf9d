// "The price changed": orders keep the price they were placed at; when the rules allow, offer to cancel so
// the buyer can order again at the new price.
import { money } from '../format';
import * as m from '../messages';
import { isCancellable, isClosed } from '../cancel';
import { statusText } from '../orders';
import type { OrderFlow } from './flow';

export const priceChanged: OrderFlow = async (turn, order) => {
  const explained = turn.t.priceChanged(order.orderNo, money(order.amountCents));
  if (isClosed(order)) {
    turn.say(m.text(turn.t.join(explained, turn.t.policyClosed(order.orderNo, statusText(turn, order)))));
    return;
  }
  if (!isCancellable(order)) {
    turn.say(m.text(turn.t.join(explained, turn.t.policyRevealed(order.orderNo))));
    return;
  }
  turn.say(
    m.choice(turn.t.join(explained, turn.t.priceCancelOffer), [
      { label: turn.t.cancelButton, postback: { action: 'cancel', orderNo: order.orderNo, reason: 'price_changed' } },
    ]),
  );
};
