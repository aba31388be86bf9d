import { CardKey, Cancellation, DomainError, Order, OrderEvent, Payment, Refund } from '../../models';
import { dialects } from '../helpers/databases';
import { makeBuyer, makeCatalog, openTestDomain, TestDomain } from '../helpers/domain';

const buyerActor = { type: 'buyer' as const, id: 'b1' };
const gateway = { type: 'merchant' as const, id: 'gateway' };
const userCancel = { category: 'user_initiated' as const, reasonCode: 'wrong_item' as const };

async function expectCode(p: Promise<unknown>, code: string) {
  await expect(p).rejects.toMatchObject({ name: 'DomainError', code });
}

describe.each(dialects())('order service on %s', (dialect) => {
  let d: TestDomain;
  beforeAll(async () => {
    d = await openTestDomain(dialect, { webhooks: true });
  });
  afterAll(() => d.teardown());

  const keysOf = async (orderId: number) => (await CardKey.findAll({ where: { orderId } })).map((k) => k.status);
  const available = (productId: number) => CardKey.count({ where: { productId, status: 'available' } });

  async function paidOrder(quantity = 1) {
    const c = await makeCatalog();
    const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity }, buyerActor);
    await d.orders.recordPayment(order.id, { paymentId: `pay-${order.id}`, amountCents: order.amountCents, channel: 'alipay' }, gateway);
    return { ...c, order: await d.orders.get(order.id) };
  }

  test('create reserves stock, audits, and numbers the order KM + digits', async () => {
    const c = await makeCatalog({ keys: 3 });
    const { order, replayed } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 2 }, buyerActor);
    expect(replayed).toBe(false);
    expect(order.orderNo).toMatch(/^KM\d{18}$/);
    expect(order.status).toBe('pending_payment');
    expect(order.amountCents).toBe(2 * 9_800);
    expect(await keysOf(order.id)).toEqual(['reserved', 'reserved']);
    expect(await available(c.product.id)).toBe(1);
    const events = await OrderEvent.findAll({ where: { orderId: order.id } });
    expect(events.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorType])).toEqual([['created', null, 'pending_payment', 'buyer']]);
  });

  test('create is idempotent by request id and rejects a reused id with other content', async () => {
    const c = await makeCatalog({ keys: 5 });
    const input = { buyerId: c.buyer.id, productId: c.product.id, quantity: 1, requestId: `req-${c.product.id}` };
    const first = await d.orders.create(input, buyerActor);
    const again = await d.orders.create(input, buyerActor);
    expect(again.replayed).toBe(true);
    expect(again.order.id).toBe(first.order.id);
    expect(await available(c.product.id)).toBe(4);
    await expectCode(d.orders.create({ ...input, quantity: 2 }, buyerActor), 'IDEMPOTENCY_CONFLICT');
  });

  test("a store's order number is taken once; a retried start after delivery is a replay", async () => {
    const c = await makeCatalog({ keys: 3 });
    const orderNo = `KM${String(c.product.id).padStart(16, '0')}`;
    const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1, orderNo }, buyerActor);
    expect(order.orderNo).toBe(orderNo);
    await expectCode(d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1, orderNo }, buyerActor), 'ORDER_NO_TAKEN');
    expect(await available(c.product.id)).toBe(2);
    await d.orders.recordPayment(order.id, { paymentId: `p-${orderNo}`, amountCents: order.amountCents, channel: 'alipay' }, gateway);
    await d.orders.deliver(order.id, {}, gateway);
    expect((await d.orders.startDelivery(order.id, gateway)).replayed).toBe(true);
    expect((await d.orders.get(order.id)).status).toBe('delivered');
  });

  test('out of stock changes nothing', async () => {
    const c = await makeCatalog({ keys: 1 });
    const before = await Order.count();
    await expectCode(d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 2 }, buyerActor), 'OUT_OF_STOCK');
    expect(await Order.count()).toBe(before);
    expect(await available(c.product.id)).toBe(1);
  });

  test('malformed input and unknown ids are typed errors', async () => {
    const c = await makeCatalog({ keys: 1 });
    await expectCode(d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 0 }, buyerActor), 'VALIDATION_FAILED');
    await expectCode(d.orders.create({ buyerId: c.buyer.id, productId: 999_999, quantity: 1 }, buyerActor), 'PRODUCT_NOT_FOUND');
    await expectCode(d.orders.create({ buyerId: 999_999, productId: c.product.id, quantity: 1 }, buyerActor), 'BUYER_NOT_FOUND');
    await expectCode(d.orders.cancel('KM00000000000000', userCancel, buyerActor), 'ORDER_NOT_FOUND');
    await expectCode(d.orders.cancel(1, { category: 'nope', reasonCode: 'wrong_item' } as never, buyerActor), 'VALIDATION_FAILED');
    await expectCode(d.orders.cancel(1, userCancel, { type: 'hacker' } as never), 'VALIDATION_FAILED');
    expect(await available(c.product.id)).toBe(1);
  });

  test('many buyers racing for the last keys: no overselling', async () => {
    const c = await makeCatalog({ keys: 5 });
    const buyers = await Promise.all(Array.from({ length: 20 }, () => makeBuyer()));
    const results = await Promise.allSettled(buyers.map((b) => d.orders.create({ buyerId: b.id, productId: c.product.id, quantity: 1 }, buyerActor)));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(5);
    expect(lost.every((r) => r.reason instanceof DomainError && r.reason.code === 'OUT_OF_STOCK')).toBe(true);
    expect(await available(c.product.id)).toBe(0);
    const reserved = await CardKey.findAll({ where: { productId: c.product.id } });
    expect(new Set(reserved.map((k) => k.orderId)).size).toBe(5);
    expect(await Order.count({ where: { productId: c.product.id } })).toBe(5);
  });

  test('payment callback is idempotent by payment id and checks the amount', async () => {
    const c = await makeCatalog();
    const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor);
    await expectCode(d.orders.recordPayment(order.id, { paymentId: 'p-x', amountCents: 1, channel: 'alipay' }, gateway), 'PAYMENT_AMOUNT_MISMATCH');
    const pay = { paymentId: `p-${order.id}`, amountCents: order.amountCents, channel: 'wechat' as const };
    const first = await d.orders.recordPayment(order.orderNo, pay, gateway);
    const second = await d.orders.recordPayment(order.orderNo, pay, gateway);
    expect(first.order.status).toBe('paid');
    expect([first.replayed, second.replayed]).toEqual([false, true]);
    expect(await Payment.count({ where: { orderId: order.id } })).toBe(1);
    const other = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor);
    await expectCode(d.orders.recordPayment(other.order.id, { ...pay, amountCents: other.order.amountCents }, gateway), 'PAYMENT_CONFLICT');
  });

  test('a second payment for a paid order is refunded, the order keeps going', async () => {
    const { order } = await paidOrder();
    const dup = await d.orders.recordPayment(order.id, { paymentId: `dup-${order.id}`, amountCents: order.amountCents, channel: 'alipay' }, gateway);
    expect(dup.order.status).toBe('paid');
    expect(dup.refund).toMatchObject({ status: 'pending', reason: 'duplicate_payment', amountCents: order.amountCents });
  });

  test('cancel unpaid: cancelled at once, stock released, no refund; repeat is one effect', async () => {
    const c = await makeCatalog({ keys: 2 });
    const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 2 }, buyerActor);
    const r = await d.orders.cancel(order.id, { category: 'user_initiated', reasonCode: 'forgot_to_pay' }, buyerActor);
    expect(r.order.status).toBe('cancelled');
    expect(r.refunds).toEqual([]);
    expect(r.cancellation).toMatchObject({ stage: 'pending_payment', category: 'user_initiated', reasonCode: 'forgot_to_pay', initiatorType: 'buyer' });
    expect(await available(c.product.id)).toBe(2);
    const again = await d.orders.cancel(order.id, { category: 'user_initiated', reasonCode: 'forgot_to_pay' }, buyerActor);
    expect(again.replayed).toBe(true);
    expect(await Cancellation.count({ where: { orderId: order.id } })).toBe(1);
  });

  test('cancel paid but undelivered: full refund within 1–3 working days, stock released', async () => {
    const { order, product } = await paidOrder(2);
    const availableBefore = await available(product.id);
    const r = await d.orders.cancel(order.id, userCancel, buyerActor);
    expect(r.order.status).toBe('refund_pending');
    expect(r.refunds).toHaveLength(1);
    expect(r.refunds[0]).toMatchObject({ amountCents: order.amountCents, channel: 'alipay', status: 'pending' });
    // 2026-11-02 is a Monday: 1 working day → Tuesday, 3 → Thursday.
    expect(r.refunds[0]!.expectedFrom.toISOString()).toBe('2026-11-03T10:00:00.000Z');
    expect(r.refunds[0]!.expectedBy.toISOString()).toBe('2026-11-05T10:00:00.000Z');
    expect(await available(product.id)).toBe(availableBefore + 2);
    const done = await d.orders.completeRefund(r.refunds[0]!.id, gateway);
    expect(done.order.status).toBe('refunded');
    expect((await d.orders.completeRefund(r.refunds[0]!.id, gateway)).replayed).toBe(true);
  });

  test('cancel delivered but never revealed: keys revoked to stock and refunded', async () => {
    const { order, product } = await paidOrder();
    await d.orders.deliver(order.id, {}, gateway);
    expect(await keysOf(order.id)).toEqual(['delivered']);
    const r = await d.orders.cancel(order.id, { category: 'merchant_fault', reasonCode: 'delivery_delay' }, { type: 'agent', id: 'a1' });
    expect(r.order.status).toBe('refund_pending');
    expect(r.cancellation.stage).toBe('delivered');
    expect(await keysOf(order.id)).toEqual([]);
    const revoked = await CardKey.findAll({ where: { productId: product.id, revokedCount: 1 } });
    expect(revoked.map((k) => k.status)).toEqual(['available']);
  });

  test('revealed keys are not cancellable automatically, and nothing changes', async () => {
    const { order } = await paidOrder();
    await d.orders.deliver(order.id, {}, gateway);
    const shown = await d.orders.reveal(order.id, buyerActor);
    expect(shown.cards[0]!.secret).toMatch(/^SECRET/);
    await expectCode(d.orders.cancel(order.id, userCancel, buyerActor), 'ORDER_NOT_CANCELLABLE');
    const after = await d.orders.get(order.id);
    expect(after.status).toBe('delivered');
    expect(await Refund.count({ where: { orderId: order.id } })).toBe(0);
    expect(await keysOf(order.id)).toEqual(['revealed']);
  });

  test('a late payment for a cancelled order becomes a refund, not a zombie order', async () => {
    const c = await makeCatalog();
    const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor);
    await d.orders.cancel(order.id, { category: 'user_initiated', reasonCode: 'forgot_to_pay' }, buyerActor);
    const late = await d.orders.recordPayment(order.id, { paymentId: `late-${order.id}`, amountCents: order.amountCents, channel: 'alipay' }, gateway);
    expect(late.order.status).toBe('refund_pending');
    expect(late.refund).toMatchObject({ reason: 'late_payment', amountCents: order.amountCents });
    expect(await keysOf(order.id)).toEqual([]);
  });

  test('cancel racing the payment callback: exactly one refund whichever wins', async () => {
    for (let i = 0; i < 6; i += 1) {
      const c = await makeCatalog();
      const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor);
      const results = await Promise.allSettled([
        d.orders.cancel(order.id, userCancel, buyerActor),
        d.orders.recordPayment(order.id, { paymentId: `race-${order.id}`, amountCents: order.amountCents, channel: 'alipay' }, gateway),
        d.orders.cancel(order.id, userCancel, buyerActor),
      ]);
      expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
      expect(await Refund.count({ where: { orderId: order.id } })).toBe(1);
      expect(await Cancellation.count({ where: { orderId: order.id } })).toBe(1);
      expect((await d.orders.get(order.id)).status).toBe('refund_pending');
    }
  });

  test('restricted buyers never get an automatic cancellation; an agent can still cancel', async () => {
    const c = await makeCatalog({ keys: 20 });
    for (let i = 0; i < 4; i += 1) {
      const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor);
      await d.orders.recordPayment(order.id, { paymentId: `abuse-${order.id}`, amountCents: order.amountCents, channel: 'alipay' }, gateway);
      await d.orders.deliver(order.id, {}, gateway);
      await d.orders.cancel(order.id, userCancel, buyerActor);
    }
    const profile = await d.credit.profile(c.buyer.id);
    expect(profile.level).toBe('restricted');
    expect(profile.reasons.map((r) => r.code)).toContain('CANCELLED_AFTER_DELIVERY');
    const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor);
    await expectCode(d.orders.cancel(order.id, userCancel, { type: 'bot', id: null }), 'CREDIT_RESTRICTED');
    expect((await d.orders.get(order.id)).status).toBe('pending_payment');
    const byAgent = await d.orders.cancel(order.id, userCancel, { type: 'agent', id: 'a1' });
    expect(byAgent.order.status).toBe('cancelled');
  });

  test('one unpaid slip is a mistake: the buyer stays good', async () => {
    const c = await makeCatalog();
    const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor);
    await d.orders.cancel(order.id, { category: 'user_initiated', reasonCode: 'forgot_to_pay' }, buyerActor);
    const profile = await d.credit.profile(c.buyer.id);
    expect(profile).toMatchObject({ level: 'good', reasons: [] });
    expect(profile.stats.unpaidCancellations).toBe(1);
  });

  test('expired unpaid orders are cancelled by the system; paid ones are left alone', async () => {
    const c = await makeCatalog({ keys: 2 });
    const unpaid = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor);
    const paid = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor);
    await d.orders.recordPayment(paid.order.id, { paymentId: `x-${paid.order.id}`, amountCents: paid.order.amountCents, channel: 'alipay' }, gateway);
    d.clock.advance(16 * 60_000);
    await d.orders.expireUnpaid();
    expect((await d.orders.get(unpaid.order.id)).status).toBe('cancelled');
    expect((await d.orders.get(paid.order.id)).status).toBe('paid');
    const cancellation = await Cancellation.findOne({ where: { orderId: unpaid.order.id } });
    expect(cancellation).toMatchObject({ initiatorType: 'system', reasonCode: 'forgot_to_pay' });
    expect(await available(c.product.id)).toBe(1);
    d.clock.advance(-16 * 60_000);
  });

  test('disputes: a revealed order goes to an agent, who refunds (keys voided) or rejects', async () => {
    const a = await paidOrder();
    await d.orders.deliver(a.order.id, {}, gateway);
    await d.orders.reveal(a.order.id, buyerActor);
    const opened = await d.orders.openDispute(a.order.id, { reasonCode: 'card_invalid', description: '提示已被使用' }, buyerActor);
    expect(opened.order.status).toBe('disputed');
    expect((await d.orders.openDispute(a.order.id, { reasonCode: 'card_invalid' }, buyerActor)).replayed).toBe(true);
    const resolved = await d.orders.resolveDispute(
      a.order.id,
      { outcome: 'refund', resolution: '卡密无效，全额退款', category: 'merchant_fault', reasonCode: 'card_invalid' },
      { type: 'agent', id: 'a1' },
    );
    expect(resolved.order.status).toBe('refund_pending');
    expect(resolved.refunds).toHaveLength(1);
    expect(await keysOf(a.order.id)).toEqual(['void']);

    const b = await paidOrder();
    await d.orders.deliver(b.order.id, {}, gateway);
    await d.orders.openDispute(b.order.id, { reasonCode: 'card_invalid' }, buyerActor);
    const rejected = await d.orders.resolveDispute(b.order.id, { outcome: 'reject', resolution: '已核实卡密正常' }, { type: 'agent', id: 'a1' });
    expect(rejected.order.status).toBe('delivered');
    expect(rejected.dispute.status).toBe('rejected');
  });

  test('merchant-fulfilled products need the keys at delivery', async () => {
    const c = await makeCatalog({ keys: 0, fulfilment: 'merchant' });
    const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor);
    await d.orders.recordPayment(order.id, { paymentId: `m-${order.id}`, amountCents: order.amountCents, channel: 'alipay' }, gateway);
    await d.orders.startDelivery(order.id, gateway);
    await expectCode(d.orders.deliver(order.id, {}, gateway), 'CARD_KEYS_REQUIRED');
    const delivered = await d.orders.deliver(order.id, { cards: [{ serial: 'S1', secret: 'K1-secret' }] }, gateway);
    expect(delivered.order.status).toBe('delivered');
    expect(await keysOf(order.id)).toEqual(['delivered']);
  });

  test('invalid transitions are typed errors and change nothing', async () => {
    const c = await makeCatalog();
    const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor);
    await expectCode(d.orders.deliver(order.id, {}, gateway), 'INVALID_TRANSITION');
    await expectCode(d.orders.complete(order.id, gateway), 'INVALID_TRANSITION');
    await expectCode(d.orders.openDispute(order.id, { reasonCode: 'other' }, buyerActor), 'INVALID_TRANSITION');
    expect((await d.orders.get(order.id)).status).toBe('pending_payment');
    expect(await OrderEvent.count({ where: { orderId: order.id } })).toBe(1);
  });

  test('domain events are published after commit, never for rolled-back work', async () => {
    const seen: string[] = [];
    const off = d.events.subscribe('order.changed', (e) => seen.push(`${e.action}:${e.from}->${e.to}`));
    const { order } = await paidOrder();
    await d.orders.cancel(order.id, userCancel, buyerActor).catch(() => undefined);
    await d.orders.cancel(order.id, userCancel, buyerActor);
    await expectCode(d.orders.deliver(order.id, {}, gateway), 'INVALID_TRANSITION');
    off();
    expect(seen).toEqual(['created:null->pending_payment', 'paid:pending_payment->paid', 'cancelled:paid->refund_pending']);
  });
});
