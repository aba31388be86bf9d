// Refunds go back to the original payment method: one refund per payment (a unique index makes a double
// refund impossible even if two code paths race), promised within 1–3 working days.
import type { Transaction } from 'sequelize';
import { addWorkingDays } from './working-days';
import { Payment, Refund } from './tables';

export const REFUND_MIN_WORKING_DAYS = 1;
export const REFUND_MAX_WORKING_DAYS = 3;

/** Refunds every payment of the order that has no refund yet; returns the refunds created. */
export async function refundPayments(t: Transaction, orderId: number, reason: string, now: Date): Promise<Refund[]> {
  const payments = await Payment.findAll({ where: { orderId }, transaction: t });
  if (payments.length === 0) return [];
  const refunded = new Set(
    (await Refund.findAll({ where: { orderId }, attributes: ['paymentId'], transaction: t })).map((r) => r.paymentId),
  );
  const todo = payments.filter((p) => !refunded.has(p.id));
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
