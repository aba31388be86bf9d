import { Order, Refund } from '../../models';
import { buyerWithCatalog, Buyerside, Harness, startHarness, textOf } from './widget-harness';

interface DemoBody {
  token: string;
  orders: Array<{ orderNo: string; status: string; revealed: boolean }>;
}

describe('GET /demo/token', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
    await buyerWithCatalog({ keys: 10 });
  });
  afterAll(() => h.close());

  test('signs a widget token and gives the demo buyer one order per stage, once', async () => {
    const res = await fetch(`${h.url}/demo/token?buyer=alice`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as DemoBody;
    expect(body.orders.map((o) => [o.status, o.revealed])).toEqual([
      ['pending_payment', false],
      ['delivering', false],
      ['delivered', false],
      ['delivered', true],
      ['refunded', false],
    ]);
    const refunded = await Order.findOne({ where: { orderNo: body.orders[4].orderNo } });
    expect(await Refund.findOne({ where: { orderId: refunded!.id } })).toMatchObject({ status: 'succeeded' });

    const again = (await (await fetch(`${h.url}/demo/token?buyer=alice`)).json()) as DemoBody;
    expect(again.orders.map((o) => o.orderNo)).toEqual(body.orders.map((o) => o.orderNo));

    const client = await Buyerside.connect(h, body.token);
    const { replies } = await client.say('我要取消订单');
    expect(textOf(replies)).toContain(body.orders[0].orderNo);
    client.close();
  });

  test('a malformed buyer id is a 400 with a code', async () => {
    const res = await fetch(`${h.url}/demo/token?buyer=${encodeURIComponent('<script>')}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });

  test('a missing buyer id is a 400 too', async () => {
    const res = await fetch(`${h.url}/demo/token`);
    expect(res.status).toBe(400);
  });
});
