import { Cancellation, CardKey, Order } from '../../models';
import { dialects } from '../helpers/databases';
import { Buyerside, buyerActor, buyerWithCatalog, gateway, Harness, startHarness, textOf, tokenFor } from './widget-harness';

// Flows end to end through the socket, the real classifier and the real order service.
describe.each(dialects())('order flows on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect);
  });
  afterAll(() => h.close());

  async function setup(stage: 'unpaid' | 'paid' | 'delivered' | 'revealed') {
    const c = await buyerWithCatalog();
    const { order } = await h.d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor(c.buyer));
    if (stage !== 'unpaid') await h.d.orders.recordPayment(order.id, { paymentId: `p-${order.id}`, amountCents: order.amountCents, channel: 'alipay' }, gateway);
    if (stage === 'delivered' || stage === 'revealed') await h.d.orders.deliver(order.id, {}, gateway);
    if (stage === 'revealed') await h.d.orders.reveal(order.id, buyerActor(c.buyer));
    const client = await Buyerside.connect(h, tokenFor(h.config, c.buyer.externalId));
    return { ...c, order: await h.d.orders.get(order.id), client };
  }
  const available = (productId: number) => CardKey.count({ where: { productId, status: 'available' } });

  test('forgot_to_pay: pay link, then cancel after confirmation; stock released, tagged forgot_to_pay', async () => {
    const { client, order, product } = await setup('unpaid');
    const first = await client.say(`订单 ${order.orderNo} 我忘记付款了`);
    const card = first.replies.find((r) => r.type === 'card')!;
    expect(card.payload.title).toContain(order.orderNo);
    expect(card.payload.actions).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'url', value: expect.stringContaining(order.orderNo) })]));
    const asked = await client.press(first.replies, '取消订单');
    expect(asked.replies[0].type).toBe('choice');
    expect(await Order.findByPk(order.id)).toMatchObject({ status: 'pending_payment' });
    const done = await client.press(asked.replies, '确认取消');
    expect(textOf(done.replies)).toContain('已为您取消订单');
    expect(await Order.findByPk(order.id)).toMatchObject({ status: 'cancelled' });
    expect(await Cancellation.findOne({ where: { orderId: order.id } })).toMatchObject({ category: 'user_initiated', reasonCode: 'forgot_to_pay', initiatorType: 'bot' });
    expect(await available(product.id)).toBe(5);
    client.close();
  });

  test('forgot_to_pay on a paid order just tells the status', async () => {
    const { client, order } = await setup('paid');
    const { replies } = await client.say(`我忘记付款了 ${order.orderNo}`);
    expect(textOf(replies)).toContain('已付款成功');
    expect(await Order.findByPk(order.id)).toMatchObject({ status: 'paid' });
    client.close();
  });

  test('wrong_item on a delivered, unrevealed order: confirm by saying yes, keys revoked, refund, suggestion, one-tap re-order', async () => {
    const { client, order, product } = await setup('delivered');
    const asked = await client.say(`我买错了，想要50元的，订单号 ${order.orderNo}`);
    expect(asked.replies.at(-1)!.type).toBe('choice');
    expect(textOf(asked.replies)).toContain('退回');
    const done = await client.say('确认');
    expect(await Order.findByPk(order.id)).toMatchObject({ status: 'refund_pending' });
    expect(await Cancellation.findOne({ where: { orderId: order.id } })).toMatchObject({ category: 'user_initiated', reasonCode: 'wrong_item', stage: 'delivered', refundedCents: order.amountCents });
    expect(await available(product.id)).toBe(5);
    expect(textOf(done.replies)).toMatch(/已为您取消订单.*支付宝/);
    const carousel = done.replies.find((r) => r.type === 'carousel')!;
    // Same brand, the face value the buyer asked for ranked first.
    expect(carousel.payload.items[0].title).toBe('腾讯Q币 50元');
    const reordered = await client.press([{ ...carousel, payload: { items: [carousel.payload.items[0]] } }], '下单');
    const created = await Order.findOne({ where: { buyerId: order.buyerId, status: 'pending_payment' } });
    expect(created).toMatchObject({ quantity: 1, amountCents: 4_900 });
    expect(textOf(reordered.replies)).toContain(created!.orderNo);
    client.close();
  });

  test('wrong_item on a revealed order hands over to a person with the reason; while queued the bot still answers, without a second handoff', async () => {
    const { client, order } = await setup('revealed');
    const { replies } = await client.say(`买错了 ${order.orderNo}`);
    expect(textOf(replies)).toContain('人工客服');
    await client.until(() => client.conversationUpdates.find((u) => u.status === 'queued'), 'queued update');
    const { Handoff } = await import('../../models');
    const handoff = await Handoff.findOne({ where: { orderId: order.id } });
    expect(handoff).toMatchObject({ reason: 'not_cancellable', intent: 'wrong_item', status: 'queued' });
    expect(handoff!.summary).toMatchObject({ orderNo: order.orderNo, reason: 'not_cancellable' });
    expect(await Order.findByPk(order.id)).toMatchObject({ status: 'delivered' });
    const greeted = await client.say('你好');
    expect(greeted.ack.ok).toBe(true);
    expect(greeted.replies.length).toBeGreaterThan(0);
    const again = await client.say('转人工');
    expect(textOf(again.replies)).toContain('已在人工客服队列中');
    expect(await Handoff.count({ where: { conversationId: handoff!.conversationId } })).toBe(1);
    const { Conversation } = await import('../../models');
    expect(await Conversation.findByPk(handoff!.conversationId)).toMatchObject({ status: 'queued' });
    client.close();
  });

  test('cancel_order: pick the order from cards, give a reason, then back out with deny: nothing changes', async () => {
    const { client, order } = await setup('paid');
    const listed = await client.say('我要取消订单');
    const carousel = listed.replies.find((r) => r.type === 'carousel')!;
    expect(carousel.payload.items[0].subtitle).toContain(order.orderNo);
    const reason = await client.press([carousel], '选这个');
    expect(reason.replies[0].payload.text).toContain(order.orderNo);
    const confirm = await client.press(reason.replies, '其他原因');
    expect(confirm.replies[0].payload.options.map((o: { label: string }) => o.label)).toEqual(['确认取消', '再想想']);
    const kept = await client.press(confirm.replies, '再想想');
    expect(textOf(kept.replies)).toContain('保持不变');
    expect(await Order.findByPk(order.id)).toMatchObject({ status: 'paid' });
    // The old confirm button no longer confirms anything.
    const stale = await client.press(confirm.replies, '确认取消');
    expect(textOf(stale.replies)).toContain('过期');
    expect(await Cancellation.count({ where: { orderId: order.id } })).toBe(0);
    client.close();
  });

  test('order_status past the delivery promise: apology, cancel with refund tagged merchant_fault/delivery_delay; then refund_status', async () => {
    const { client, order } = await setup('paid');
    h.d.clock.advance(30 * 60_000);
    const status = await client.say(`订单 ${order.orderNo} 到哪了`);
    expect(textOf(status.replies)).toContain('非常抱歉');
    const asked = await client.press(status.replies, '取消并退款');
    await client.press(asked.replies, '确认取消');
    expect(await Cancellation.findOne({ where: { orderId: order.id } })).toMatchObject({ category: 'merchant_fault', reasonCode: 'delivery_delay' });
    const refund = await client.say('退款什么时候到账');
    expect(textOf(refund.replies)).toMatch(/¥98\.00 退回支付宝：处理中/);
    client.close();
  });

  test('live order:update reaches the buyer with a zh/en status text', async () => {
    const { client, order } = await setup('unpaid');
    await h.d.orders.recordPayment(order.id, { paymentId: `live-${order.id}`, amountCents: order.amountCents, channel: 'wechat' }, gateway);
    const update = await client.until(() => client.orderUpdates.find((u) => u.order.orderNo === order.orderNo), 'order:update');
    expect(update).toMatchObject({ order: { status: 'paid' }, statusText: { zh: '订单已确认，卡密正在发放', en: expect.any(String) } });
    client.close();
  });

  test('cancel_policy, redeem_help and price_changed answer for this order and product', async () => {
    const { client, order } = await setup('delivered');
    const policy = await client.say(`订单 ${order.orderNo} 能取消吗`);
    expect(textOf(policy.replies)).toContain('还没查看');
    expect(policy.replies[0].payload.options[0].label).toBe('取消订单');
    const redeem = await client.say('卡密怎么用');
    expect(textOf(redeem.replies)).toContain('登录 pay.qq.com 输入卡号卡密');
    const price = await client.say('降价了');
    expect(textOf(price.replies)).toContain('¥98.00');
    expect(await Order.findByPk(order.id)).toMatchObject({ status: 'delivered' });
    client.close();
  });

  test('English in, English out', async () => {
    const { client, order } = await setup('unpaid');
    const { replies } = await client.say(`I forgot to pay for order ${order.orderNo}`);
    expect(textOf(replies)).toContain('is not paid yet');
    client.close();
  });
});
