// Refunds go back to the original payment method: one refund per payment (a unique index makes a double
// refund impossible even if two code paths race), promised within 1–3 working days.
import { literal, Op, Transaction } from 'sequelize';
import { addWorkingDays } from './working-days';
import { Payment, Refund } from './tables';

export const REFUND_MIN_WORKING_DAYS = 1;
export const REFUND_MAX_WORKING_DAYS = 3;

/** Refunds every payment of the order that has no refund yet; returns the refunds created. */
export async function refundPayments(t: Transaction, orderId: number, reason: string, now: Date): Promise<Refund[]> {
  // One statement rather than payments then refunds: this runs inside every paid cancellation.
  const todo = await Payment.findAll({
    where: { orderId, id: { [Op.notIn]: literal(`(SELECT payment_id FROM refunds WHERE order_id = ${Math.trunc(orderId)})`) } },
    transaction: t,
  });
  return Promise.all(todo.map((p) => refundPayment(t, p, reason, now)));
}

export function refundPayment(t: Transaction, payment: Payment, reason: string, now: Date): Promise<Refund> {
  return Refund.create(
    {
      orderId: payment.orderId,
      paymentId: payment.id,
      amountCents: payment.amountCents,
      channel: payment.channel,
      status: 'pending',
      reason,
      expectedFrom: addWorkingDays(now, REFUND_MIN_WORKING_DAYS),
      expectedBy: addWorkingDays(now, REFUND_MAX_WORKING_DAYS),
      completedAt: null,
    },
    { transaction: t },
  );
}
