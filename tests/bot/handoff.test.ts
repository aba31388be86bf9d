import { Cancellation, Conversation, Handoff, Order } from '../../models';
import { dialects } from '../helpers/databases';
import { Buyerside, buyerActor, buyerWithCatalog, gateway, Harness, startHarness, textOf, tokenFor } from './widget-harness';

const strictCredit = {
  windowDays: 30,
  burstHours: 24,
  watch: { afterDelivery: 5, burst: 1, rejectedDisputes: 5, paidCancellations: 5 },
  restricted: { afterDelivery: 9, burst: 2, rejectedDisputes: 9, paidCancellations: 9 },
};

describe.each(dialects())('handoff to a person on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect, { HANDOFF_AMOUNT_LIMIT: '50' }, { creditPolicy: strictCredit });
  });
  afterAll(() => h.close());

  async function setup(paid = false) {
    const c = await buyerWithCatalog();
    const { order } = await h.d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor(c.buyer));
    if (paid) await h.d.orders.recordPayment(order.id, { paymentId: `p-${order.id}`, amountCents: order.amountCents, channel: 'alipay' }, gateway);
    const client = await Buyerside.connect(h, tokenFor(h.config, c.buyer.externalId));
    return { ...c, order, client };
  }
  const handoffOf = async (client: Buyerside) => {
    const conversationId = client.messages[0].conversationId;
    return { conversation: await Conversation.findByPk(conversationId), handoff: await Handoff.findOne({ where: { conversationId } }) };
  };

  test('a human intent is handed over at once, the buyer is told, and conversation:update says queued', async () => {
    const { client } = await setup();
    const { replies } = await client.say('卡密无效，充值不了');
    expect(textOf(replies)).toContain('人工客服');
    const { conversation, handoff } = await handoffOf(client);
    expect(conversation).toMatchObject({ status: 'queued' });
    expect(handoff).toMatchObject({ reason: 'human_intent', intent: 'card_invalid', status: 'queued', priority: 3 });
    expect(handoff!.summary.lastBuyerText).toBe('卡密无效，充值不了');
    expect(handoff!.summary).toMatchObject({ detail: '需要人工处理，问题：卡密无效 / 充值失败。未指明订单。', detailEn: 'Needs a person: the buyer wrote about a card key that does not work. No order named.' });
    await client.until(() => client.conversationUpdates.find((u) => u.status === 'queued'), 'queued');
    client.close();
  });

  test('a paid order above the amount limit is not cancelled by the bot', async () => {
    const { client, order } = await setup(true);
    const { replies } = await client.say(`买错了 ${order.orderNo}`);
    expect(textOf(replies)).toContain('金额较大');
    const { handoff } = await handoffOf(client);
    expect(handoff).toMatchObject({ reason: 'amount_limit', orderId: order.id, intent: 'wrong_item' });
    expect(await Order.findByPk(order.id)).toMatchObject({ status: 'paid' });
    client.close();
  });

  test('a restricted buyer asking to cancel goes to a person (CREDIT_RESTRICTED), the order stays', async () => {
    const { client, order, buyer, product } = await setup();
    for (let i = 0; i < 2; i++) {
      const { order: o } = await h.d.orders.create({ buyerId: buyer.id, productId: product.id, quantity: 1 }, buyerActor(buyer));
      await h.d.orders.cancel(o.id, { category: 'user_initiated', reasonCode: 'other' }, { type: 'agent', id: 'a1' });
    }
    const { replies } = await client.say(`订单 ${order.orderNo} 忘记付款了`);
    const asked = await client.press(replies, '取消订单');
    expect(textOf(asked.replies)).toContain('审核');
    const { handoff } = await handoffOf(client);
    expect(handoff).toMatchObject({ reason: 'credit_restricted', orderId: order.id });
    expect(handoff!.summary.detail).toMatch(/^买家要取消订单，但信用受限，机器人不能自行取消：.*次（阈值 \d+）.*请人工审核。订单 /);
    expect(await Cancellation.count({ where: { orderId: order.id } })).toBe(0);
    client.close();
  });

  test('a furious buyer goes to a person even for a bot intent; the summary says why; impatience stays with the bot', async () => {
    const calm = await setup(true);
    const waiting = await calm.client.say(`订单 ${calm.order.orderNo} 等了半小时还没到，太慢了`);
    expect(textOf(waiting.replies)).not.toContain('人工客服');
    expect((await handoffOf(calm.client)).handoff).toBeNull();
    calm.client.close();

    const { client, order } = await setup(true);
    const { replies } = await client.say(`${order.orderNo} 卡密什么时候发？？？气死我了`);
    expect(textOf(replies)).toContain('非常抱歉给您带来不好的体验');
    const { conversation, handoff } = await handoffOf(client);
    expect(conversation).toMatchObject({ status: 'queued' });
    expect(handoff).toMatchObject({ reason: 'negative_sentiment', intent: 'order_status', orderId: order.id, priority: 3 });
    expect(handoff!.summary).toMatchObject({ reason: 'negative_sentiment', orderNo: order.orderNo });
    expect(handoff!.summary.detail).toBe(`买家情绪激动（气死、!!!），问题：订单进度 / 发货，请先安抚再处理。订单 ${order.orderNo}（¥${(order.amountCents / 100).toFixed(2)}，已付款）。`);
    expect(handoff!.summary.detailEn).toMatch(/^The buyer is upset \(气死, !!!\) about order progress and delivery: calm things down first\. Order /);
    expect(handoff!.summary.trace).toMatch(/^strong negative sentiment \(\d+ points: 气死, !!!\) while asking order_status$/);
    client.close();
  });

  test('English rage in capitals is handed over too', async () => {
    const { client } = await setup();
    const { replies } = await client.say('WHERE IS MY CARD YOU THIEVES!!!');
    expect(textOf(replies)).toContain('sorry about your experience');
    expect((await handoffOf(client)).handoff).toMatchObject({ reason: 'negative_sentiment' });
    client.close();
  });

  test('not understood: first a hint, then the offer of a person, then a handoff', async () => {
    const { client } = await setup();
    const first = await client.say('asdf qwer zxcv');
    expect(textOf(first.replies)).toContain('did not quite get that');
    const second = await client.say('qwerty uiop');
    expect(second.replies[0].payload.options[0].label).toBe('Talk to a human');
    const third = await client.say('zzzz yyyy');
    expect(textOf(third.replies)).toContain('human agent');
    const { handoff } = await handoffOf(client);
    expect(handoff).toMatchObject({ reason: 'misunderstanding' });
    client.close();
  });
});
