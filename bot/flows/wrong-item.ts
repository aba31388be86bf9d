// "I bought the wrong thing": undelivered or never-viewed orders are cancelled with a full refund after
// confirmation, then the right product is offered; a viewed card goes to a person.
import { handOff } from '../handoff';
import * as m from '../messages';
import { isCancellable, isClosed, proposeCancel } from '../cancel';
import { statusText } from '../orders';
import type { OrderFlow } from './flow';

export const wrongItem: OrderFlow = async (turn, order, wanted) => {
  if (isClosed(order)) {
    turn.say(m.text(turn.t.alreadyCancelled(order.orderNo, statusText(turn, order))));
    return;
  }
  if (!isCancellable(order)) {
    await handOff(turn, 'not_cancellable', { intent: 'wrong_item', order, detail: `wrong item, but the card was revealed (status ${order.status})` });
    return;
  }
  await proposeCancel(turn, order, 'wrong_item', 'wrong_item', wanted);
};
