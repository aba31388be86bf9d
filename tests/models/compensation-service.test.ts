import { CardKey, Compensation, OrderEvent, Product } from '../../models';
import { dialects } from '../helpers/databases';
import { makeCatalog, openTestDomain, TestDomain } from '../helpers/domain';

const agent = { type: 'agent' as const, id: 'agent-7' };

describe.each(dialects())('compensation on %s', (dialect) => {
  let d: TestDomain;
  beforeAll(async () => {
    d = await openTestDomain(dialect);
  });
  afterAll(() => d.teardown());

  async function giftCardStock(faceValueCents: number, keys: number) {
    const c = await makeCatalog({ keys: 0 });
    const product = await Product.create({
      sku: `GIFT-${faceValueCents}-${Math.random().toString(36).slice(2, 7)}`,
      merchantId: c.merchant.id,
      type: 'gift_card',
      brand: '京东E卡',
      name: `京东E卡 ${faceValueCents / 100}元`,
      faceValueCents,
      priceCents: faceValueCents,
      platform: null,
      region: null,
      operator: null,
      validityDays: 365,
      deliveryMinutes: 1,
      faq: [],
      aliases: [],
    });
    await CardKey.bulkCreate(
      Array.from({ length: keys }, (_, i) => ({ productId: product.id, serial: `JD${product.id}-${i}`, secret: `JDSECRET${i}`, status: 'available' as const, orderId: null, reservedAt: null, deliveredAt: null, revealedAt: null })),
    );
    return product;
  }

  test('a coupon is issued once per request id and audited on the order', async () => {
    const c = await makeCatalog();
    const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, { type: 'buyer', id: 'b' });
    const input = { kind: 'coupon' as const, amountCents: 500, reason: 'delivery_delay', requestId: `comp-${order.id}` };
    const first = await d.compensation.issue(order.id, input, agent);
    const again = await d.compensation.issue(order.orderNo, input, agent);
    expect(first.compensation.couponCode).toMatch(/^KDC[0-9A-F]{12}$/);
    expect(again.replayed).toBe(true);
    expect(again.compensation.id).toBe(first.compensation.id);
    expect(await Compensation.count({ where: { orderId: order.id } })).toBe(1);
    const events = await OrderEvent.findAll({ where: { orderId: order.id, action: 'compensated' } });
    expect(events.map((e) => [e.actorType, e.actorId, e.toStatus])).toEqual([['agent', 'agent-7', 'pending_payment']]);
    await expect(d.compensation.issue(order.id, { ...input, amountCents: 900 }, agent)).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
  });

  test('a gift card comes out of stock, and only from a product of that face value', async () => {
    const gift = await giftCardStock(1000, 1);
    const c = await makeCatalog();
    const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, { type: 'buyer', id: 'b' });
    const issued = await d.compensation.issue(order.id, { kind: 'gift_card', amountCents: 1000, reason: 'oversold' }, agent);
    expect(issued.cardKey).toMatchObject({ productId: gift.id, status: 'delivered' });
    expect(await CardKey.count({ where: { productId: gift.id, status: 'available' } })).toBe(0);
    await expect(d.compensation.issue(order.id, { kind: 'gift_card', amountCents: 1000, reason: 'oversold' }, agent)).rejects.toMatchObject({ code: 'OUT_OF_STOCK' });
    await expect(d.compensation.issue(order.id, { kind: 'gift_card', amountCents: 0, reason: 'oversold' }, agent)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await Compensation.count({ where: { orderId: order.id } })).toBe(1);
  });

  test('concurrent gift cards never share a key', async () => {
    const gift = await giftCardStock(2000, 3);
    const c = await makeCatalog();
    const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, { type: 'buyer', id: 'b' });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => d.compensation.issue(order.id, { kind: 'gift_card', amountCents: 2000, reason: 'oversold' }, agent)),
    );
    const keys = results.flatMap((r) => (r.status === 'fulfilled' && r.value.cardKey ? [r.value.cardKey.id] : []));
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(3);
    expect(await CardKey.count({ where: { productId: gift.id, status: 'delivered' } })).toBe(3);
  });
});
