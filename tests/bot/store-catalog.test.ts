import { Order, Product } from '../../models';
import { loadNlu } from '../../bot/nlu';
import { StoreCatalog } from '../../bot/store-catalog';
import { dialects } from '../helpers/databases';
import { Buyerside, buyerActor, buyerWithCatalog, gateway, Harness, startHarness, textOf, tokenFor } from './widget-harness';

// Product entities come from the store's own products, kept current as the platform API changes them.
describe.each(dialects())('store catalog on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect);
  });
  afterAll(() => h.close());

  /** A brand the shipped default catalog does not know, added through the catalog service (as the platform API does). */
  async function addStarRail(merchantCode: string) {
    const add = async (sku: string, faceValueCents: number) => {
      const { record } = await h.d.catalog.upsertProduct({
        sku,
        merchantCode,
        type: 'game_card',
        brand: '米哈游',
        name: `崩坏星穹铁道 星琼 ${faceValueCents / 100}元`,
        faceValueCents,
        priceCents: faceValueCents,
        aliases: ['星穹铁道', '星铁'],
      });
      await h.d.catalog.importCardKeys({ sku, cards: [1, 2].map((i) => ({ serial: `${sku}-${i}`, secret: `${sku}-secret-${i}` })) });
      return record;
    };
    return { small: await add(`HSR30-${merchantCode}`, 3_000), large: await add(`HSR328-${merchantCode}`, 32_800) };
  }

  const paidOrder = async (buyerId: number, productId: number, externalId: string) => {
    const { order } = await h.d.orders.create({ buyerId, productId, quantity: 1 }, { type: 'buyer', id: externalId });
    await h.d.orders.recordPayment(order.id, { paymentId: `p-${order.id}`, amountCents: order.amountCents, channel: 'alipay' }, gateway);
    return order;
  };

  test('a product added while the bot runs is recognised at once; naming it picks the order of it, or narrows the pick', async () => {
    const c = await buyerWithCatalog();
    const client = await Buyerside.connect(h, tokenFor(h.config, c.buyer.externalId));
    await client.say('你好'); // the engine and the catalog are loaded now
    const { small } = await addStarRail(c.merchant.code);
    const starRail = await paidOrder(c.buyer.id, small.id, c.buyer.externalId);
    const qb = [await paidOrder(c.buyer.id, c.product.id, c.buyer.externalId), await paidOrder(c.buyer.id, c.product.id, c.buyer.externalId)];
    await paidOrder(c.buyer.id, c.other.id, c.buyer.externalId); // same brand, but not called Q币

    const named = await client.say('星穹铁道的订单到哪了');
    expect(named.replies.some((r) => r.type === 'carousel')).toBe(false);
    expect(textOf(named.replies)).toContain(starRail.orderNo);

    // "Q币" names two of the four orders: the pick shows those two only.
    const brand = await client.say('我的Q币订单到哪了');
    const carousel = brand.replies.find((r) => r.type === 'carousel')!;
    expect(carousel.payload.items.map((i: { subtitle: string }) => i.subtitle.match(/KM\d+/)![0]).sort()).toEqual(qb.map((o) => o.orderNo).sort());
    client.close();
  });

  test('wrong_item: the product the buyer says they wanted is offered first, even of another brand', async () => {
    const c = await buyerWithCatalog();
    const { small } = await addStarRail(c.merchant.code);
    const { order } = await h.d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyerActor(c.buyer));
    const client = await Buyerside.connect(h, tokenFor(h.config, c.buyer.externalId));
    const asked = await client.say(`我买错了，我要的是星穹铁道 ${order.orderNo}`);
    expect(asked.replies.at(-1)!.type).toBe('choice');
    const done = await client.press(asked.replies, '确认取消');
    expect(await Order.findByPk(order.id)).toMatchObject({ status: 'cancelled' });
    const items = done.replies.find((r) => r.type === 'carousel')!.payload.items as Array<{ title: string }>;
    expect(items[0].title).toBe(small.name);
    // The same brand as the order still follows.
    expect(items.map((i) => i.title)).toContain('腾讯Q币 50元');
    client.close();
  });

  test('a product written by another node (no event here) is picked up by the fingerprint check', async () => {
    const nlu = await loadNlu();
    const catalog = new StoreCatalog(h.d, nlu, 60_000);
    await catalog.ready();
    expect(nlu.classify('原子之心游戏币的订单').entities.product).toBeUndefined();
    const c = await buyerWithCatalog();
    const direct = await Product.create({
      sku: `AH-${c.product.id}`,
      merchantId: c.merchant.id,
      type: 'game_card',
      brand: 'Mundfish',
      name: '原子之心 游戏币 100',
      faceValueCents: 10_000,
      priceCents: 9_000,
      platform: null,
      region: null,
      operator: null,
      validityDays: null,
      deliveryMinutes: 5,
      faq: [],
      aliases: ['原子之心'],
    });
    await catalog.ready(); // within the re-check interval: the copy is trusted
    expect(nlu.classify('原子之心游戏币的订单').entities.product).toBeUndefined();
    expect(await catalog.refreshIfChanged()).toBe(true);
    expect(nlu.classify('原子之心游戏币的订单').entities.product).toMatchObject({ id: String(direct.id), score: 1 });
    expect(await catalog.refreshIfChanged()).toBe(false);
  });
});
