// The one place that changes orders. Every operation is one transaction, idempotent (a repeat has no second
// effect and reports `replayed: true`), audited with its actor, and announced after commit.
import { randomInt } from 'node:crypto';
import { Op, UniqueConstraintError } from 'sequelize';
import type { z } from 'zod';
import { Actor, actorSchema, isAutomatic } from './actor';
import type { CreditService } from './credit-service';
import type { OrderStatus } from './enums';
import { DomainError } from './errors';
import * as inputs from './order-inputs';
import { findOrder, OrderRef, OrderTx, OrderTxDeps, orderTx, withOrder } from './order-transaction';
import { refundPayment, refundPayments } from './refunds';
import { insertRows, toInstances } from './sql-rows';
import * as stock from './stock';
import { Buyer, Cancellation, CardKey, Dispute, Order, OrderEvent, Payment, Product, Refund } from './tables';
import { parseInput } from './validate';

export interface OrderServiceDeps extends OrderTxDeps {
  credit: CreditService;
  paymentTtlMinutes: number;
}

export interface Outcome {
  order: Order;
  replayed: boolean;
}

const CANCELLED_STATES: ReadonlySet<OrderStatus> = new Set(['cancelled', 'refund_pending', 'refunded']);
const EXPIRY: Actor = { type: 'system', id: 'payment-expiry' };
const UNDELIVERED_PAID: ReadonlySet<OrderStatus> = new Set(['paid', 'delivering']);

/**
 * The last four digits count up from a random start instead of being drawn afresh: a busy second (tens of orders)
 * would otherwise collide on the unique number (birthday problem). Two nodes can still meet; create() then retries.
 */
let orderNoCounter = randomInt(0, 10_000);
const ORDER_NO_ATTEMPTS = 3;

/** KM + 14 digits of CST time + 4 digits: sortable, and within the 14–18 digit form buyers paste. */
function newOrderNo(now: Date): string {
  const cst = new Date(now.getTime() + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
  orderNoCounter = (orderNoCounter + 1) % 10_000;
  return `KM${cst}${String(orderNoCounter).padStart(4, '0')}`;
}

/** Whether a unique violation is on `column` (SQLite reports the columns as a list, PostgreSQL as an object). */
const violates = (err: UniqueConstraintError, column: string): boolean => {
  const fields = err.fields as unknown;
  return Array.isArray(fields) ? fields.includes(column) : Object.keys((fields as object | undefined) ?? {}).includes(column);
};

export class OrderService {
  constructor(private readonly deps: OrderServiceDeps) {}

  private tx<T>(ref: OrderRef, actor: Actor, fn: (tx: OrderTx) => Promise<T>): Promise<T> {
    return withOrder(this.deps, ref, parseInput(actorSchema, actor), fn);
  }

  async get(ref: OrderRef): Promise<Order> {
    const order = await findOrder(ref);
    if (!order) throw new DomainError('ORDER_NOT_FOUND', undefined, { order: ref });
    return order;
  }

  /** Creates an order and reserves its card keys atomically: the last key goes to exactly one buyer. */
  async create(input: inputs.CreateOrderInput, actor: Actor): Promise<Outcome> {
    const data = parseInput(inputs.createOrderInput, input);
    const who = parseInput(actorSchema, actor);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.deps.db.transaction(async (t) => {
          if (data.requestId) {
            const existing = await Order.findOne({ where: { requestId: data.requestId }, transaction: t });
            if (existing) return { order: this.sameRequest(existing, data), replayed: true };
          }
          if (data.orderNo && (await Order.count({ where: { orderNo: data.orderNo }, transaction: t }))) {
            throw new DomainError('ORDER_NO_TAKEN', undefined, { orderNo: data.orderNo });
          }
          const [product, buyer] = await Promise.all([
            Product.findByPk(data.productId, { transaction: t }),
            Buyer.findByPk(data.buyerId, { transaction: t }),
          ]);
          if (!product) throw new DomainError('PRODUCT_NOT_FOUND', undefined, { productId: data.productId });
          if (!buyer) throw new DomainError('BUYER_NOT_FOUND', undefined, { buyerId: data.buyerId });
          if (!product.active) throw new DomainError('PRODUCT_INACTIVE', undefined, { productId: product.id });
          const now = this.deps.clock.now();
          const ttl = data.paymentTtlMinutes ?? this.deps.paymentTtlMinutes;
          const order = await Order.create(
            {
              orderNo: data.orderNo ?? newOrderNo(now),
              requestId: data.requestId ?? null,
              buyerId: buyer.id,
              merchantId: product.merchantId,
              productId: product.id,
              quantity: data.quantity,
              unitPriceCents: product.priceCents,
              amountCents: product.priceCents * data.quantity,
              status: 'pending_payment',
              paymentExpiresAt: new Date(now.getTime() + ttl * 60_000),
              paidAt: null,
              deliveredAt: null,
              revealedAt: null,
              completedAt: null,
              cancelledAt: null,
              refundedAt: null,
              createdAt: now,
              updatedAt: now,
            },
            { transaction: t },
          );
          if (product.fulfilment === 'stock') {
            const got = await stock.reserve(this.deps.db, t, product.id, order.id, data.quantity, now);
            if (got < data.quantity) {
              throw new DomainError('OUT_OF_STOCK', undefined, { productId: product.id, requested: data.quantity, available: got });
            }
          }
          const tx = orderTx(this.deps, t, order, who, true);
          await tx.record('created', 'pending_payment');
          return { order, replayed: false };
        });
      } catch (err) {
        // Two concurrent creates with one request id: the loser of the unique index returns the winner's order.
        if (err instanceof UniqueConstraintError && data.requestId) {
          const existing = await Order.findOne({ where: { requestId: data.requestId } });
          if (existing) return { order: this.sameRequest(existing, data), replayed: true };
        }
        if (err instanceof UniqueConstraintError && data.orderNo) {
          throw new DomainError('ORDER_NO_TAKEN', undefined, { orderNo: data.orderNo });
        }
        // A generated number another node took in the same second: nothing was written, draw the next one.
        if (err instanceof UniqueConstraintError && violates(err, 'order_no') && attempt < ORDER_NO_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  private sameRequest(order: Order, data: { buyerId: number; productId: number; quantity: number }): Order {
    if (order.buyerId !== data.buyerId || order.productId !== data.productId || order.quantity !== data.quantity) {
      throw new DomainError('IDEMPOTENCY_CONFLICT', undefined, { orderNo: order.orderNo });
    }
    return order;
  }

  /**
   * The gateway's payment callback, idempotent by payment id. Money arriving for an order that can no longer
   * use it (cancelled, or already paid by another payment) is refunded at once instead of reviving the order.
   */
  async recordPayment(ref: OrderRef, input: inputs.PaymentInput, actor: Actor): Promise<Outcome & { payment: Payment; refund: Refund | null }> {
    const data = parseInput(inputs.paymentInput, input);
    return this.tx(ref, actor, async (tx) => {
      const { order, t, now } = tx;
      const known = await Payment.findOne({ where: { externalId: data.paymentId }, transaction: t });
      if (known) {
        if (known.orderId !== order.id) throw new DomainError('PAYMENT_CONFLICT', undefined, { paymentId: data.paymentId });
        const refund = await Refund.findOne({ where: { paymentId: known.id }, transaction: t });
        return { order, payment: known, refund, replayed: true };
      }
      if (data.amountCents !== order.amountCents) {
        throw new DomainError('PAYMENT_AMOUNT_MISMATCH', undefined, { expected: order.amountCents, got: data.amountCents });
      }
      const payment = await Payment.create(
        { orderId: order.id, externalId: data.paymentId, channel: data.channel, amountCents: data.amountCents, status: 'succeeded', paidAt: data.paidAt ?? now },
        { transaction: t },
      );
      if (order.status === 'pending_payment') {
        order.paidAt = payment.paidAt;
        await tx.record('paid', 'paid', null, { paymentId: data.paymentId, amountCents: data.amountCents });
        return { order, payment, refund: null, replayed: false };
      }
      const late = CANCELLED_STATES.has(order.status);
      const refund = await refundPayment(t, payment, late ? 'late_payment' : 'duplicate_payment', now);
      await tx.record(late ? 'late_payment_refunded' : 'duplicate_payment_refunded', late ? 'refund_pending' : order.status, null, {
        paymentId: data.paymentId,
        refundAmountCents: refund.amountCents,
      });
      return { order, payment, refund, replayed: false };
    });
  }

  /** The merchant or supplier started fulfilment (paid → delivering). */
  async startDelivery(ref: OrderRef, actor: Actor): Promise<Outcome> {
    return this.tx(ref, actor, async (tx) => {
      // A retried "start" that arrives after the delivery itself has nothing left to do.
      if (['delivering', 'delivered', 'completed'].includes(tx.order.status)) return { order: tx.order, replayed: true };
      this.expect(tx.order, ['paid'], 'start_delivery');
      await tx.record('delivering', 'delivering');
      return { order: tx.order, replayed: false };
    });
  }

  /** Hands the keys over: reserved stock keys, or the keys a merchant-fulfilled product's merchant supplies. */
  async deliver(ref: OrderRef, input: inputs.DeliverInput, actor: Actor): Promise<Outcome> {
    const data = parseInput(inputs.deliverInput, input);
    return this.tx(ref, actor, async (tx) => {
      const { order, t, now } = tx;
      if (order.status === 'delivered' || order.status === 'completed') return { order, replayed: true };
      this.expect(order, ['paid', 'delivering'], 'deliver');
      const product = await Product.findByPk(order.productId, { transaction: t });
      if (product?.fulfilment === 'merchant') {
        if (!data.cards || data.cards.length !== order.quantity) {
          throw new DomainError('CARD_KEYS_REQUIRED', `Exactly ${order.quantity} card key(s) must be supplied`);
        }
        await stock.addDelivered(t, order.productId, order.id, data.cards, now);
      } else {
        await stock.deliverReserved(this.deps.db, t, order.id, now);
      }
      order.deliveredAt = now;
      await tx.record('delivered', 'delivered');
      return { order, replayed: false };
    });
  }

  /** The buyer viewed the keys; from here on they may have used them, so no automatic cancellation. */
  async reveal(ref: OrderRef, actor: Actor): Promise<Outcome & { cards: Array<{ serial: string; secret: string }> }> {
    return this.tx(ref, actor, async (tx) => {
      const { order, t, now } = tx;
      this.expect(order, ['delivered', 'completed', 'disputed'], 'reveal');
      const replayed = order.revealedAt !== null;
      if (!replayed) {
        await stock.markRevealed(this.deps.db, t, order.id, now);
        order.revealedAt = now;
        await tx.record('revealed', order.status);
      }
      const keys = await CardKey.findAll({ where: { orderId: order.id }, order: [['id', 'ASC']], transaction: t });
      return { order, replayed, cards: keys.map((k) => ({ serial: k.serial, secret: k.secret })) };
    });
  }

  async complete(ref: OrderRef, actor: Actor): Promise<Outcome> {
    return this.tx(ref, actor, async (tx) => {
      if (tx.order.status === 'completed') return { order: tx.order, replayed: true };
      this.expect(tx.order, ['delivered'], 'complete');
      tx.order.completedAt = tx.now;
      await tx.record('completed', 'completed');
      return { order: tx.order, replayed: false };
    });
  }

  /**
   * Cancels by the rules of the order's stage: unpaid → cancelled and stock released; paid but undelivered →
   * full refund and stock released; delivered but never revealed → keys revoked to stock and refunded;
   * revealed or later → ORDER_NOT_CANCELLABLE (a dispute for an agent). Restricted buyers never get an
   * automatic cancellation.
   */
  async cancel(ref: OrderRef, input: inputs.CancelInput, actor: Actor): Promise<Outcome & { cancellation: Cancellation; refunds: Refund[] }> {
    const data = parseInput(inputs.cancelInput, input);
    return this.tx(ref, actor, (tx) => this.cancelLocked(tx, data));
  }

  private async cancelLocked(tx: OrderTx, data: z.infer<typeof inputs.cancelInput>): Promise<Outcome & { cancellation: Cancellation; refunds: Refund[] }> {
    const { order, t, now } = tx;
    if (CANCELLED_STATES.has(order.status)) {
      const cancellation = await Cancellation.findOne({ where: { orderId: order.id }, transaction: t });
      if (cancellation) {
        const refunds = await Refund.findAll({ where: { orderId: order.id }, transaction: t });
        return { order, cancellation, refunds, replayed: true };
      }
    }
    const stage = order.status;
    const cancellable = stage === 'pending_payment' || UNDELIVERED_PAID.has(stage) || (stage === 'delivered' && !order.revealedAt);
    if (!cancellable) {
      throw new DomainError('ORDER_NOT_CANCELLABLE', undefined, { orderNo: order.orderNo, status: stage, revealed: order.revealedAt !== null });
    }
    if (isAutomatic(tx.actor)) {
      const credit = await this.deps.credit.profile(order.buyerId, t);
      if (credit.level === 'restricted') {
        throw new DomainError('CREDIT_RESTRICTED', undefined, { buyerId: order.buyerId, reasons: credit.reasons.map((r) => r.code) });
      }
    }
    const [, refunds] = await this.deps.db.inOrder([
      () => (stage === 'delivered' ? stock.revoke(this.deps.db, t, order.id, now) : stock.release(this.deps.db, t, order.id, now)),
      async () => (stage === 'pending_payment' ? [] : refundPayments(t, order.id, `cancel:${data.reasonCode}`, now)),
    ]);
    const refundedCents = refunds.reduce((sum, r) => sum + r.amountCents, 0);
    const values = {
      orderId: order.id,
      buyerId: order.buyerId,
      merchantId: order.merchantId,
      productId: order.productId,
      stage,
      initiatorType: tx.actor.type,
      initiatorId: tx.actor.id ?? null,
      category: data.category,
      reasonCode: data.reasonCode,
      note: data.note ?? null,
      refundedCents,
      createdAt: now,
    };
    order.cancelledAt = now;
    // A plain INSERT: every value is the service's own or validated by cancelInput.
    const [[id]] = await this.deps.db.inOrder([
      () => insertRows(Cancellation, [values], t),
      () =>
        tx.record('cancelled', refunds.length ? 'refund_pending' : 'cancelled', `${data.category}:${data.reasonCode}`, {
          category: data.category,
          reasonCode: data.reasonCode,
          refundedCents,
        }),
    ]);
    return { order, cancellation: toInstances(Cancellation, [{ id, ...values }])[0]!, refunds, replayed: false };
  }

  /** The payment gateway confirmed a refund arrived; the order is refunded once all its refunds have. */
  async completeRefund(refundId: number, actor: Actor): Promise<Outcome & { refund: Refund }> {
    const refund = await Refund.findByPk(refundId);
    if (!refund) throw new DomainError('REFUND_NOT_FOUND', undefined, { refundId });
    return this.tx(refund.orderId, actor, async (tx) => {
      const { order, t, now } = tx;
      const current = await Refund.findByPk(refundId, { transaction: t, rejectOnEmpty: true });
      if (current.status === 'succeeded') return { order, refund: current, replayed: true };
      current.status = 'succeeded';
      current.completedAt = now;
      await current.save({ transaction: t });
      await Payment.update({ status: 'refunded' }, { where: { id: current.paymentId }, transaction: t });
      const open = await Refund.count({ where: { orderId: order.id, status: 'pending' }, transaction: t });
      const done = open === 0 && order.status === 'refund_pending';
      if (done) order.refundedAt = now;
      await tx.record('refund_completed', done ? 'refunded' : order.status, null, { refundId, amountCents: current.amountCents });
      return { order, refund: current, replayed: false };
    });
  }

  /** The buyer contests a delivered order (e.g. a revealed key that does not work): an agent will decide. */
  async openDispute(ref: OrderRef, input: inputs.DisputeInput, actor: Actor): Promise<Outcome & { dispute: Dispute }> {
    const data = parseInput(inputs.disputeInput, input);
    return this.tx(ref, actor, async (tx) => {
      const { order, t } = tx;
      if (order.status === 'disputed') {
        const dispute = await Dispute.findOne({ where: { orderId: order.id, status: 'open' }, transaction: t, rejectOnEmpty: true });
        return { order, dispute, replayed: true };
      }
      this.expect(order, ['delivered', 'completed'], 'open_dispute');
      const dispute = await Dispute.create(
        { orderId: order.id, buyerId: order.buyerId, reasonCode: data.reasonCode, description: data.description ?? null, status: 'open', resolution: null, resolvedBy: null, resolvedAt: null },
        { transaction: t },
      );
      await tx.record('disputed', 'disputed', data.reasonCode);
      return { order, dispute, replayed: false };
    });
  }

  /** An agent decides a dispute: refund (the shown keys are voided) or reject (the order returns to where it was). */
  async resolveDispute(ref: OrderRef, input: inputs.ResolveDisputeInput, actor: Actor): Promise<Outcome & { dispute: Dispute; refunds: Refund[] }> {
    const data = parseInput(inputs.resolveDisputeInput, input);
    return this.tx(ref, actor, async (tx) => {
      const { order, t, now } = tx;
      const dispute = await Dispute.findOne({ where: { orderId: order.id }, order: [['id', 'DESC']], transaction: t });
      if (!dispute) throw new DomainError('INVALID_TRANSITION', 'The order has no dispute', { orderNo: order.orderNo });
      if (dispute.status !== 'open') return { order, dispute, refunds: [], replayed: true };
      dispute.status = data.outcome === 'refund' ? 'resolved' : 'rejected';
      dispute.resolution = data.resolution;
      dispute.resolvedBy = tx.actor.id ?? tx.actor.type;
      dispute.resolvedAt = now;
      await dispute.save({ transaction: t });
      if (data.outcome === 'reject') {
        await tx.record('dispute_rejected', order.completedAt ? 'completed' : 'delivered', data.resolution);
        return { order, dispute, refunds: [], replayed: false };
      }
      await stock.voidShown(this.deps.db, t, order.id, now);
      const refunds = await refundPayments(t, order.id, `dispute:${data.reasonCode}`, now);
      const refundedCents = refunds.reduce((sum, r) => sum + r.amountCents, 0);
      await Cancellation.create(
        {
          orderId: order.id,
          buyerId: order.buyerId,
          merchantId: order.merchantId,
          productId: order.productId,
          stage: 'disputed',
          initiatorType: tx.actor.type,
          initiatorId: tx.actor.id ?? null,
          category: data.category,
          reasonCode: data.reasonCode,
          note: data.resolution,
          refundedCents,
          createdAt: now,
        },
        { transaction: t },
      );
      order.cancelledAt = now;
      await tx.record('dispute_refunded', 'refund_pending', `${data.category}:${data.reasonCode}`, { refundedCents });
      return { order, dispute, refunds, replayed: false };
    });
  }

  /**
   * Re-delivers a stocked order with fresh keys: the delivered or revealed keys are voided (never sold again) and
   * as many new ones are reserved and delivered in the same transaction. An open dispute about the keys is
   * resolved by it and the order is `delivered` again. A repeat of the request id is a replay.
   */
  async replaceKeys(ref: OrderRef, input: inputs.ReplaceKeysInput, actor: Actor): Promise<Outcome & { replaced: number }> {
    const data = parseInput(inputs.replaceKeysInput, input);
    return this.tx(ref, actor, async (tx) => {
      const { order, t, now } = tx;
      const auditReason = `${data.reasonCode}:${data.requestId}`;
      const done = await OrderEvent.findOne({ where: { orderId: order.id, action: 'keys_replaced', reason: auditReason }, transaction: t });
      if (done) return { order, replaced: 0, replayed: true };
      this.expect(order, ['delivered', 'completed', 'disputed'], 'replace_keys');
      const product = await Product.findByPk(order.productId, { transaction: t, rejectOnEmpty: true });
      if (product.fulfilment !== 'stock') throw new DomainError('PRODUCT_NOT_STOCKED', undefined, { productId: product.id });
      const replaced = await stock.voidShown(this.deps.db, t, order.id, now);
      if (replaced === 0) throw new DomainError('INVALID_TRANSITION', 'The order has no delivered keys to replace', { orderNo: order.orderNo });
      const got = await stock.reserve(this.deps.db, t, product.id, order.id, replaced, now);
      if (got < replaced) throw new DomainError('OUT_OF_STOCK', undefined, { productId: product.id, requested: replaced, available: got });
      await stock.deliverReserved(this.deps.db, t, order.id, now);
      if (order.status === 'disputed') {
        const resolution = `keys replaced${data.note ? `: ${data.note}` : ''}`;
        await Dispute.update(
          { status: 'resolved', resolution, resolvedBy: tx.actor.id ?? tx.actor.type, resolvedAt: now },
          { where: { orderId: order.id, status: 'open' }, transaction: t },
        );
      }
      order.deliveredAt = now;
      order.revealedAt = null;
      await tx.record('keys_replaced', order.status === 'disputed' ? 'delivered' : order.status, auditReason, { replaced });
      return { order, replaced, replayed: false };
    });
  }

  /** Cancels unpaid orders whose payment window has passed, releasing their keys; returns how many. */
  async expireUnpaid(limit = 500): Promise<number> {
    const due = await Order.findAll({
      where: { status: 'pending_payment', paymentExpiresAt: { [Op.lt]: this.deps.clock.now() } },
      attributes: ['id'],
      order: [['paymentExpiresAt', 'ASC']],
      limit,
    });
    let expired = 0;
    for (const { id } of due) {
      // Re-checked under the lock: a payment may have landed since the scan, and that order must not be cancelled.
      const done = await this.tx(id, EXPIRY, async (tx) => {
        if (tx.order.status !== 'pending_payment' || tx.order.paymentExpiresAt > tx.now) return false;
        await this.cancelLocked(tx, { category: 'user_initiated', reasonCode: 'forgot_to_pay', note: 'payment window expired' });
        return true;
      });
      if (done) expired += 1;
    }
    return expired;
  }

  private expect(order: Order, allowed: OrderStatus[], action: string): void {
    if (!allowed.includes(order.status)) {
      throw new DomainError('INVALID_TRANSITION', `Cannot ${action} an order that is ${order.status}`, { orderNo: order.orderNo, status: order.status, action });
    }
  }
}
