import { CardKey, Dispute, OrderEvent } from '../../models';
import { dialects } from '../helpers/databases';
import { makeCatalog, openTestDomain, TestDomain } from '../helpers/domain';

const agent = { type: 'agent' as const, id: '7' };
const gateway = { type: 'merchant' as const, id: 'gateway' };

describe.each(dialects())('replaceKeys on %s', (dialect) => {
  let d: TestDomain;
  beforeAll(async () => {
    d = await openTestDomain(dialect);
  });
  afterAll(() => d.teardown());

  async function revealedOrder(keys = 4, quantity = 2) {
    const c = await makeCatalog({ keys });
    const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity }, { type: 'buyer', id: c.buyer.externalId });
    await d.orders.recordPayment(order.id, { paymentId: `p-${order.id}`, amountCents: order.amountCents, channel: 'alipay' }, gateway);
    await d.orders.deliver(order.id, {}, gateway);
    await d.orders.reveal(order.id, { type: 'buyer', id: c.buyer.externalId });
    return { ...c, order };
  }

  test('voids the shown keys, delivers as many fresh ones, audits keys_replaced; a repeat is a replay', async () => {
    const { order } = await revealedOrder();
    const before = await CardKey.findAll({ where: { orderId: order.id } });
    const r = await d.orders.replaceKeys(order.id, { requestId: 'rk-1', reasonCode: 'card_invalid' }, agent);
    expect(r).toMatchObject({ replayed: false, replaced: 2, order: { status: 'delivered', revealedAt: null } });
    const after = await CardKey.findAll({ where: { orderId: order.id }, order: [['id', 'ASC']] });
    expect(after.filter((k) => k.status === 'void').map((k) => k.id)).toEqual(before.map((k) => k.id));
    expect(after.filter((k) => k.status === 'delivered')).toHaveLength(2);
    expect(await OrderEvent.findAll({ where: { orderId: order.id, action: 'keys_replaced' } })).toEqual([expect.objectContaining({ actorType: 'agent', actorId: '7' })]);
    const again = await d.orders.replaceKeys(order.id, { requestId: 'rk-1', reasonCode: 'card_invalid' }, agent);
    expect(again.replayed).toBe(true);
    expect(await CardKey.count({ where: { orderId: order.id } })).toBe(4);
  });

  test('not enough stock changes nothing (OUT_OF_STOCK); an undelivered order is INVALID_TRANSITION', async () => {
    const { order } = await revealedOrder(2, 2);
    await expect(d.orders.replaceKeys(order.id, { requestId: 'rk-2', reasonCode: 'card_invalid' }, agent)).rejects.toMatchObject({ code: 'OUT_OF_STOCK' });
    expect(await CardKey.count({ where: { orderId: order.id, status: 'revealed' } })).toBe(2);
    const other = await makeCatalog({ keys: 1 });
    const { order: unpaid } = await d.orders.create({ buyerId: other.buyer.id, productId: other.product.id, quantity: 1 }, agent);
    await expect(d.orders.replaceKeys(unpaid.id, { requestId: 'rk-3', reasonCode: 'card_invalid' }, agent)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(d.orders.replaceKeys(order.id, { requestId: '', reasonCode: 'card_invalid' }, agent)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  test('resolves an open dispute about the keys and returns the order to delivered', async () => {
    const { order } = await revealedOrder();
    await d.orders.openDispute(order.id, { reasonCode: 'card_invalid' }, { type: 'buyer', id: 'b' });
    const r = await d.orders.replaceKeys(order.id, { requestId: 'rk-4', reasonCode: 'card_invalid' }, agent);
    expect(r.order.status).toBe('delivered');
    expect(await Dispute.findOne({ where: { orderId: order.id } })).toMatchObject({ status: 'resolved', resolvedBy: '7' });
  });
});
