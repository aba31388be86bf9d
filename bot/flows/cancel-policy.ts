// "Can I cancel?": the rule that applies to this order right now, with the cancel button when it is allowed.
import { clock } from '../format';
import * as m from '../messages';
import { isClosed } from '../cancel';
import { statusText } from '../orders';
import type { OrderFlow } from './flow';

export const cancelPolicy: OrderFlow = async (turn, order) => {
  const t = turn.t;
  const no = order.orderNo;
  if (isClosed(order)) {
    turn.say(m.text(t.policyClosed(no, statusText(turn, order))));
    return;
  }
  const rule =
    order.status === 'pending_payment'
      ? t.policyUnpaid(no, clock(order.paymentExpiresAt))
      : order.status === 'paid' || order.status === 'delivering'
        ? t.policyUndelivered(no)
        : order.status === 'delivered' && !order.revealedAt
          ? t.policyUnrevealed(no)
          : null;
  if (!rule) {
    turn.say(m.choice(t.policyRevealed(no), [{ label: t.humanButton, postback: { action: 'human' } }]));
    return;
  }
  turn.say(m.choice(rule, [{ label: t.cancelButton, postback: { action: 'cancel', orderNo: no } }]));
};
