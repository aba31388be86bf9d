// "Where is my refund": amount, channel, status and the 1–3 working-day window, or why there is no refund.
import { channel, day, money } from '../format';
import * as m from '../messages';
import { statusText } from '../orders';
import type { OrderFlow } from './flow';

export const refundStatus: OrderFlow = async (turn, order) => {
  const t = turn.t;
  if (order.refunds.length === 0) {
    turn.say(m.text(order.payments.length === 0 ? t.refundNoneUnpaid(order.orderNo) : t.refundNoneActive(order.orderNo, statusText(turn, order))));
    return;
  }
  const lines = order.refunds.map((r) =>
    r.status === 'succeeded' && r.completedAt
      ? t.refundDone(money(r.amountCents), channel(turn.lang, r.channel), day(turn.lang, r.completedAt))
      : t.refundLine(money(r.amountCents), channel(turn.lang, r.channel), t.refundStatus[r.status as keyof typeof t.refundStatus] ?? r.status, day(turn.lang, r.expectedFrom), day(turn.lang, r.expectedBy)),
  );
  turn.say(m.text([t.refundHeader(order.orderNo), ...lines].join('\n')));
};
