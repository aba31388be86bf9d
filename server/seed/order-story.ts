// One order's life replayed in memory, transition by transition, leaving exactly the rows OrderService would
// leave (order, keys, payments, refunds, cancellation, disputes, audit events). The seed cannot afford a
// transaction per step for a million orders, so it replays the service's rules here and writes the result in bulk;
// tests/server/seed.test.ts checks the two agree.
import type { InferAttributes, Model } from 'sequelize';
import type { Actor } from '../../models/actor';
import type { CancelCategory, CancelReason, OrderStatus, PaymentChannel } from '../../models/enums';
import { REFUND_MAX_WORKING_DAYS, REFUND_MIN_WORKING_DAYS } from '../../models/refunds';
import type { Cancellation, CardKey, Dispute, Order, OrderEvent, Payment, Refund } from '../../models/tables';
import { addWorkingDays } from '../../models/working-days';
import type { KeyText } from './card-keys';

/** Every column present, ids included: the writer inserts rows exactly as given. */
type Row<T extends Model> = InferAttributes<T>;
export type OrderRow = Row<Order>;
export type CardKeyRow = Row<CardKey>;
export type PaymentRow = Row<Payment>;
export type RefundRow = Row<Refund>;
export type CancellationRow = Row<Cancellation>;
export type DisputeRow = Row<Dispute>;
export type EventRow = Row<OrderEvent>;

export interface StoryRows {
  orders: OrderRow[];
  cardKeys: CardKeyRow[];
  payments: PaymentRow[];
  refunds: RefundRow[];
  cancellations: CancellationRow[];
  disputes: DisputeRow[];
  events: EventRow[];
}

export const emptyRows = (): StoryRows => ({ orders: [], cardKeys: [], payments: [], refunds: [], cancellations: [], disputes: [], events: [] });

export type Table = keyof StoryRows;

/** Hands out primary keys: the seed writes explicit ids so rows can reference each other without a round trip. */
export class Ids {
  private readonly next: Record<Table, number> = { orders: 1, cardKeys: 1, payments: 1, refunds: 1, cancellations: 1, disputes: 1, events: 1 };
  take(table: Table): number {
    const id = this.next[table];
    this.next[table] = id + 1;
    return id;
  }
  peek(table: Table): number {
    return this.next[table];
  }
}

export interface StoryProduct {
  id: number;
  merchantId: number;
  fulfilment: 'stock' | 'merchant';
  priceCents: number;
}

const CANCELLED_STAGES: ReadonlySet<OrderStatus> = new Set(['pending_payment', 'paid', 'delivering', 'delivered']);

export class OrderStory {
  readonly order: OrderRow;
  private readonly keys: CardKeyRow[] = [];
  private readonly payments: PaymentRow[] = [];
  private readonly refunds: RefundRow[] = [];

  constructor(
    private readonly ids: Ids,
    private readonly out: StoryRows,
    private readonly product: StoryProduct,
    init: { orderNo: string; buyerId: number; quantity: number; at: Date; paymentTtlMinutes: number },
  ) {
    this.order = {
      id: ids.take('orders'),
      orderNo: init.orderNo,
      requestId: null,
      buyerId: init.buyerId,
      merchantId: product.merchantId,
      productId: product.id,
      quantity: init.quantity,
      unitPriceCents: product.priceCents,
      amountCents: product.priceCents * init.quantity,
      status: 'pending_payment',
      paymentExpiresAt: new Date(init.at.getTime() + init.paymentTtlMinutes * 60_000),
      paidAt: null,
      deliveredAt: null,
      revealedAt: null,
      completedAt: null,
      cancelledAt: null,
      refundedAt: null,
      createdAt: init.at,
      updatedAt: init.at,
    };
    out.orders.push(this.order);
  }

  get status(): OrderStatus {
    return this.order.status;
  }

  get pendingRefunds(): readonly RefundRow[] {
    return this.refunds.filter((r) => r.status === 'pending');
  }

  private record(at: Date, action: string, to: OrderStatus, actor: Actor, reason: string | null = null, from: OrderStatus | null = this.order.status): void {
    this.order.status = to;
    this.order.updatedAt = at;
    this.out.events.push({
      id: this.ids.take('events'),
      orderId: this.order.id,
      action,
      fromStatus: from,
      toStatus: to,
      actorType: actor.type,
      actorId: actor.id ?? null,
      reason,
      createdAt: at,
    });
  }

  private moveKeys(from: CardKeyRow['status'][], change: (key: CardKeyRow) => void, at: Date): void {
    for (const key of this.keys) {
      if (key.orderId !== this.order.id || !from.includes(key.status)) continue;
      change(key);
      key.updatedAt = at;
    }
  }

  private newKey(text: KeyText, at: Date, loadedAt: Date, status: 'reserved' | 'delivered'): void {
    const key: CardKeyRow = {
      id: this.ids.take('cardKeys'),
      productId: this.product.id,
      serial: text.serial,
      secret: text.secret,
      status,
      orderId: this.order.id,
      reservedAt: status === 'reserved' ? at : null,
      deliveredAt: status === 'delivered' ? at : null,
      revealedAt: null,
      revokedCount: 0,
      createdAt: loadedAt,
      updatedAt: at,
    };
    this.keys.push(key);
    this.out.cardKeys.push(key);
  }

  /** The order is created; stock products reserve their keys (taken from stock loaded at `loadedAt`). */
  created(actor: Actor, keys: (() => KeyText) | null, loadedAt: Date): void {
    const at = this.order.createdAt;
    if (this.product.fulfilment === 'stock' && keys) {
      for (let i = 0; i < this.order.quantity; i += 1) this.newKey(keys(), at, loadedAt, 'reserved');
    }
    this.record(at, 'created', 'pending_payment', actor, null, null);
  }

  paid(at: Date, channel: PaymentChannel, externalId: string, actor: Actor): void {
    const payment: PaymentRow = {
      id: this.ids.take('payments'),
      orderId: this.order.id,
      externalId,
      channel,
      amountCents: this.order.amountCents,
      status: 'succeeded',
      paidAt: at,
      createdAt: at,
      updatedAt: at,
    };
    this.payments.push(payment);
    this.out.payments.push(payment);
    this.order.paidAt = at;
    this.record(at, 'paid', 'paid', actor);
  }

  deliveryStarted(at: Date, actor: Actor): void {
    this.record(at, 'delivering', 'delivering', actor);
  }

  /** Stock products hand over their reserved keys; merchant-fulfilled ones get the keys the merchant supplies. */
  delivered(at: Date, actor: Actor, supplied: (() => KeyText) | null): void {
    if (this.product.fulfilment === 'merchant' && supplied) {
      for (let i = 0; i < this.order.quantity; i += 1) this.newKey(supplied(), at, at, 'delivered');
    } else {
      this.moveKeys(['reserved'], (k) => ((k.status = 'delivered'), (k.deliveredAt = at)), at);
    }
    this.order.deliveredAt = at;
    this.record(at, 'delivered', 'delivered', actor);
  }

  revealed(at: Date, actor: Actor): void {
    this.moveKeys(['delivered'], (k) => ((k.status = 'revealed'), (k.revealedAt = at)), at);
    this.order.revealedAt = at;
    this.record(at, 'revealed', this.order.status, actor);
  }

  completed(at: Date, actor: Actor): void {
    this.order.completedAt = at;
    this.record(at, 'completed', 'completed', actor);
  }

  private refundAll(at: Date, reason: string): number {
    const refunded = new Set(this.refunds.map((r) => r.paymentId));
    let total = 0;
    for (const p of this.payments) {
      if (refunded.has(p.id)) continue;
      const refund: RefundRow = {
        id: this.ids.take('refunds'),
        orderId: this.order.id,
        paymentId: p.id,
        amountCents: p.amountCents,
        channel: p.channel,
        status: 'pending',
        reason,
        expectedFrom: addWorkingDays(at, REFUND_MIN_WORKING_DAYS),
        expectedBy: addWorkingDays(at, REFUND_MAX_WORKING_DAYS),
        completedAt: null,
        createdAt: at,
        updatedAt: at,
      };
      this.refunds.push(refund);
      this.out.refunds.push(refund);
      total += refund.amountCents;
    }
    return total;
  }

  private cancellation(at: Date, stage: OrderStatus, actor: Actor, category: CancelCategory, reasonCode: CancelReason, note: string | null, refundedCents: number): void {
    this.out.cancellations.push({
      id: this.ids.take('cancellations'),
      orderId: this.order.id,
      buyerId: this.order.buyerId,
      merchantId: this.order.merchantId,
      productId: this.order.productId,
      stage,
      initiatorType: actor.type,
      initiatorId: actor.id ?? null,
      category,
      reasonCode,
      note,
      refundedCents,
      createdAt: at,
    });
  }

  /** OrderService.cancel: release or revoke the keys, refund what was paid, tag the cancellation. */
  cancelled(at: Date, actor: Actor, category: CancelCategory, reasonCode: CancelReason, note: string | null = null): void {
    const stage = this.order.status;
    if (!CANCELLED_STAGES.has(stage) || this.order.revealedAt) throw new Error(`seed bug: cannot cancel a ${stage} order`);
    if (stage === 'delivered') {
      this.moveKeys(['delivered'], (k) => {
        k.status = 'available';
        k.orderId = null;
        k.reservedAt = null;
        k.deliveredAt = null;
        k.revokedCount = (k.revokedCount ?? 0) + 1;
      }, at);
    } else {
      this.moveKeys(['reserved'], (k) => ((k.status = 'available'), (k.orderId = null), (k.reservedAt = null)), at);
    }
    const refundedCents = stage === 'pending_payment' ? 0 : this.refundAll(at, `cancel:${reasonCode}`);
    this.cancellation(at, stage, actor, category, reasonCode, note, refundedCents);
    this.order.cancelledAt = at;
    this.record(at, 'cancelled', stage === 'pending_payment' ? 'cancelled' : 'refund_pending', actor, `${category}:${reasonCode}`);
  }

  refundCompleted(at: Date, refund: RefundRow, actor: Actor): void {
    refund.status = 'succeeded';
    refund.completedAt = at;
    refund.updatedAt = at;
    const payment = this.payments.find((p) => p.id === refund.paymentId)!;
    payment.status = 'refunded';
    payment.updatedAt = at;
    const done = this.pendingRefunds.length === 0 && this.order.status === 'refund_pending';
    if (done) this.order.refundedAt = at;
    this.record(at, 'refund_completed', done ? 'refunded' : this.order.status, actor);
  }

  disputeOpened(at: Date, actor: Actor, reasonCode: CancelReason, description: string): DisputeRow {
    const dispute: DisputeRow = {
      id: this.ids.take('disputes'),
      orderId: this.order.id,
      buyerId: this.order.buyerId,
      reasonCode,
      description,
      status: 'open',
      resolution: null,
      resolvedBy: null,
      resolvedAt: null,
      createdAt: at,
      updatedAt: at,
    };
    this.out.disputes.push(dispute);
    this.record(at, 'disputed', 'disputed', actor, reasonCode);
    return dispute;
  }

  disputeRejected(at: Date, dispute: DisputeRow, actor: Actor, resolution: string): void {
    Object.assign(dispute, { status: 'rejected', resolution, resolvedBy: actor.id ?? actor.type, resolvedAt: at, updatedAt: at });
    this.record(at, 'dispute_rejected', this.order.completedAt ? 'completed' : 'delivered', actor, resolution);
  }

  /** The agent refunds a dispute: shown keys are voided (they stay on the order), the money goes back. */
  disputeRefunded(at: Date, dispute: DisputeRow, actor: Actor, category: CancelCategory, reasonCode: CancelReason, resolution: string): void {
    Object.assign(dispute, { status: 'resolved', resolution, resolvedBy: actor.id ?? actor.type, resolvedAt: at, updatedAt: at });
    this.moveKeys(['delivered', 'revealed'], (k) => (k.status = 'void'), at);
    const refundedCents = this.refundAll(at, `dispute:${reasonCode}`);
    this.cancellation(at, 'disputed', actor, category, reasonCode, resolution, refundedCents);
    this.order.cancelledAt = at;
    this.record(at, 'dispute_refunded', 'refund_pending', actor, `${category}:${reasonCode}`);
  }
}
