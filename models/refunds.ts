// Refunds go back to the original payment method: one refund per payment (a unique index makes a double
// refund impossible even if two code paths race), promised within 1–3 working days.
import type { Transaction } from 'sequelize';
import { columnList, queryRows, tableOf, toInstances } from './sql-rows';
import { addWorkingDays } from './working-days';
import { Payment, Refund } from './tables';

export const REFUND_MIN_WORKING_DAYS = 1;
export const REFUND_MAX_WORKING_DAYS = 3;

/** Refunds every payment of the order that has no refund yet; returns the refunds created. */
export async function refundPayments(t: Transaction, orderId: number, reason: string, now: Date): Promise<Refund[]> {
  // One statement for the lookup and the inserts: this runs inside every paid cancellation. (The CTE in front
  // also makes Sequelize's SQLite dialect return the RETURNING rows: it runs a bare INSERT without reading any.)
  const rows = await queryRows(
    Refund,
    `WITH todo AS (
       SELECT id, order_id, amount_cents, channel FROM payments
        WHERE order_id = :orderId AND id NOT IN (SELECT payment_id FROM refunds WHERE order_id = :orderId))
     INSERT INTO ${tableOf(Refund)} (order_id, payment_id, amount_cents, channel, status, reason, expected_from, expected_by, completed_at, created_at, updated_at)
     SELECT order_id, id, amount_cents, channel, 'pending', :reason, :from, :by, NULL, :stamp, :stamp FROM todo ORDER BY id
     RETURNING ${columnList(Refund)}`,
    {
      orderId,
      reason,
      from: addWorkingDays(now, REFUND_MIN_WORKING_DAYS),
      by: addWorkingDays(now, REFUND_MAX_WORKING_DAYS),
      // Sequelize stamps created/updated with the wall clock, not the domain clock; so do these rows.
      stamp: new Date(),
    },
    t,
  );
  return toInstances(Refund, rows.sort((a, b) => Number(a.id) - Number(b.id)));
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
