// The platform API over real HTTP: createServer on an ephemeral port over a fresh test database.
import supertest from 'supertest';
import { CardKey, Merchant, Order, Payment, Product } from '../../models';
import { createServer, KadeskServer } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { dialects } from '../helpers/databases';
import { openTestDomain, TestDomain } from '../helpers/domain';

const KEY = 'test-platform-key-0123456789';
const uid = () => Math.random().toString(36).slice(2, 8);

const productBody = (merchantCode: string, extra: Record<string, unknown> = {}) => ({
  merchantCode,
  type: 'game_card',
  brand: '腾讯Q币',
  name: '腾讯Q币 100元',
  faceValueCents: 10_000,
  priceCents: 9_800,
  platform: 'QQ',
  ...extra,
});

describe.each(dialects())('platform API on %s', (dialect) => {
  let d: TestDomain;
  let server: KadeskServer;
  let api: ReturnType<typeof supertest>;

  beforeAll(async () => {
    d = await openTestDomain(dialect);
    const config = loadConfig({ NODE_ENV: 'test', PLATFORM_API_KEY: KEY, LOG_LEVEL: 'silent' });
    server = createServer({ config, domain: d, logger: createLogger('silent') });
    const port = await server.listen(0, '127.0.0.1');
    api = supertest(`http://127.0.0.1:${port}`);
  });
  afterAll(async () => {
    await server.close();
    await d.teardown();
  });

  const auth = { Authorization: `Bearer ${KEY}` };
  const put = (path: string, body: object) => api.put(`/api/platform${path}`).set(auth).send(body);
  const post = (path: string, body: object = {}, headers: Record<string, string> = {}) =>
    api.post(`/api/platform${path}`).set({ ...auth, ...headers }).send(body);
  const get = (path: string) => api.get(`/api/platform${path}`).set(auth);

  /** A merchant, a product with `keys` card keys in stock, and a buyer, all made through the API. */
  async function catalog(opts: { keys?: number; fulfilment?: 'stock' | 'merchant' } = {}) {
    const merchantCode = `m-${uid()}`;
    const sku = `QB-${uid()}`;
    const buyer = `u-${uid()}`;
    expect((await put(`/merchants/${merchantCode}`, { name: '星辰卡行' })).status).toBe(201);
    expect((await put(`/products/${sku}`, productBody(merchantCode, { fulfilment: opts.fulfilment ?? 'stock' }))).status).toBe(201);
    const keys = opts.keys ?? 5;
    if (keys > 0) {
      const cards = Array.from({ length: keys }, (_, i) => ({ serial: `${sku}-S${i}`, secret: `${sku}-SECRET-${i}` }));
      expect((await post(`/products/${sku}/card-keys`, { cards })).status).toBe(201);
    }
    expect((await put(`/buyers/${buyer}`, { name: '小王' })).status).toBe(201);
    return { merchantCode, sku, buyer };
  }

  describe('authentication', () => {
    test('no key, a wrong key, or a key of another length: 401 UNAUTHORIZED and nothing happens', async () => {
      const before = await Merchant.count();
      for (const headers of [{}, { Authorization: 'Bearer wrong-key-wrong-key-wrong' }, { 'X-Api-Key': KEY.slice(0, -1) }, { Authorization: KEY }]) {
        const res = await api.put(`/api/platform/merchants/m-${uid()}`).set(headers).send({ name: 'x' });
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('UNAUTHORIZED');
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      }
      expect(await Merchant.count()).toBe(before);
    });

    test('Bearer (any case) and X-Api-Key are both accepted', async () => {
      expect((await api.put(`/api/platform/merchants/m-${uid()}`).set('Authorization', `bearer ${KEY}`).send({ name: 'x' })).status).toBe(201);
      expect((await api.put(`/api/platform/merchants/m-${uid()}`).set('X-Api-Key', KEY).send({ name: 'x' })).status).toBe(201);
    });

    test('the key is checked before the body is read', async () => {
      const res = await api.post('/api/platform/orders').set('Content-Type', 'application/json').send('{not json');
      expect(res.status).toBe(401);
    });
  });

  describe('validation', () => {
    test('bad JSON, non-JSON bodies, wrong types and unknown fields are 400 VALIDATION_FAILED', async () => {
      const badJson = await api.put(`/api/platform/merchants/m-${uid()}`).set(auth).set('Content-Type', 'application/json').send('{"name":');
      expect(badJson.status).toBe(400);
      expect(badJson.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('JSON') });

      const form = await api.put(`/api/platform/merchants/m-${uid()}`).set(auth).type('form').send('name=x');
      expect([form.status, form.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);

      const wrongType = await put(`/products/QB-${uid()}`, productBody('m', { priceCents: '98.00' }));
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.error.details.issues[0]).toMatchObject({ path: 'priceCents' });

      const typo = await put(`/buyers/u-${uid()}`, { name: 'x', phoneNumber: '123' });
      expect(typo.status).toBe(400);
      expect(typo.body.error.message).toContain('phoneNumber');

      const badPath = await put('/merchants/has%20space', { name: 'x' });
      expect([badPath.status, badPath.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    test('unknown records and routes are 404 with their own codes', async () => {
      const c = await catalog({ keys: 1 });
      const cases: Array<[supertest.Test, string]> = [
        [put(`/products/QB-${uid()}`, productBody('no-such-merchant')), 'MERCHANT_NOT_FOUND'],
        [post(`/products/NOPE-${uid()}/card-keys`, { cards: [{ serial: 'a', secret: 'b' }] }), 'PRODUCT_NOT_FOUND'],
        [post('/orders', { buyerExternalId: c.buyer, sku: 'NOPE-1' }, { 'Idempotency-Key': uid() }), 'PRODUCT_NOT_FOUND'],
        [post('/orders', { buyerExternalId: 'nobody', sku: c.sku }, { 'Idempotency-Key': uid() }), 'BUYER_NOT_FOUND'],
        [get('/orders/KM202611021000000000'), 'ORDER_NOT_FOUND'],
        [post('/refunds/999999/complete'), 'REFUND_NOT_FOUND'],
        [get('/no-such-route'), 'NOT_FOUND'],
      ];
      for (const [req, code] of cases) {
        const res = await req;
        expect([res.status, res.body.error.code]).toEqual([404, code]);
      }
      expect((await get('/orders/12345')).status).toBe(400);
    });

    test('an order create needs an idempotency key, and header and body must agree', async () => {
      const c = await catalog({ keys: 1 });
      const noKey = await post('/orders', { buyerExternalId: c.buyer, sku: c.sku });
      expect([noKey.status, noKey.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      const disagree = await post('/orders', { buyerExternalId: c.buyer, sku: c.sku, requestId: 'a' }, { 'Idempotency-Key': 'b' });
      expect(disagree.status).toBe(400);
      const product = await Product.findOne({ where: { sku: c.sku }, rejectOnEmpty: true });
      expect(await Order.count({ where: { productId: product.id } })).toBe(0);
    });

    test('a payment of the wrong amount is refused and changes nothing', async () => {
      const c = await catalog({ keys: 1 });
      const created = await post('/orders', { buyerExternalId: c.buyer, sku: c.sku }, { 'Idempotency-Key': uid() });
      const orderNo = created.body.order.orderNo;
      const res = await post(`/orders/${orderNo}/payments`, { paymentId: `p-${uid()}`, amountCents: 100, channel: 'alipay' });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'PAYMENT_AMOUNT_MISMATCH', details: { expected: 9_800, got: 100 } });
      const after = await get(`/orders/${orderNo}`);
      expect([after.body.order.status, after.body.order.payments]).toEqual(['pending_payment', []]);
    });
  });

  test('catalog endpoints: create 201, exact repeat 200 replayed, change 200 updated', async () => {
    const code = `m-${uid()}`;
    const first = await put(`/merchants/${code}`, { name: '星辰卡行' });
    const again = await put(`/merchants/${code}`, { name: '星辰卡行' });
    const renamed = await put(`/merchants/${code}`, { name: '星辰数码' });
    expect([first.status, first.body.replayed, first.body.outcome]).toEqual([201, false, 'created']);
    expect([again.status, again.body.replayed, again.body.outcome]).toEqual([200, true, 'unchanged']);
    expect([renamed.status, renamed.body.replayed, renamed.body.merchant.name]).toEqual([200, false, '星辰数码']);

    const sku = `QB-${uid()}`;
    expect((await put(`/products/${sku}`, productBody(code))).body.product).toMatchObject({ sku, merchantCode: code, availableKeys: 0, active: true });
    expect((await put(`/products/${sku}`, productBody(code))).body.replayed).toBe(true);

    const cards = [{ serial: 'A1', secret: 'SECRET-A1' }, { serial: 'A2', secret: 'SECRET-A2' }];
    const imported = await post(`/products/${sku}/card-keys`, { cards });
    expect([imported.status, imported.body]).toEqual([201, { replayed: false, imported: 2, skipped: 0, skippedSerials: [], available: 2 }]);
    const reimported = await post(`/products/${sku}/card-keys`, { cards });
    expect([reimported.status, reimported.body]).toEqual([200, { replayed: true, imported: 0, skipped: 2, skippedSerials: ['A1', 'A2'], available: 2 }]);

    const buyer = `u-${uid()}`;
    expect((await put(`/buyers/${buyer}`, { name: '小王', phone: '13800000000' })).status).toBe(201);
    expect((await put(`/buyers/${buyer}`, { name: '小王', phone: '13800000000' })).body).toMatchObject({ replayed: true, buyer: { externalId: buyer, phone: '13800000000' } });
  });

  test('stock product lifecycle: create, pay, start and complete delivery, cancel before reveal, refund arrives', async () => {
    const c = await catalog({ keys: 3 });
    const key = `idem-${uid()}`;
    const order = { buyerExternalId: c.buyer, sku: c.sku, quantity: 2 };

    const created = await post('/orders', order, { 'Idempotency-Key': key });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ replayed: false, order: { status: 'pending_payment', quantity: 2, amountCents: 19_600, buyerExternalId: c.buyer } });
    const orderNo: string = created.body.order.orderNo;
    const replay = await post('/orders', order, { 'Idempotency-Key': key });
    expect([replay.status, replay.body.replayed, replay.body.order.orderNo]).toEqual([200, true, orderNo]);
    const conflict = await post('/orders', { ...order, quantity: 1 }, { 'Idempotency-Key': key });
    expect([conflict.status, conflict.body.error.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    expect(await Order.count({ where: { requestId: key } })).toBe(1);

    const payment = { paymentId: `pay-${uid()}`, amountCents: 19_600, channel: 'wechat', paidAt: '2026-11-02T10:01:00Z' };
    const paid = await post(`/orders/${orderNo}/payments`, payment);
    expect([paid.status, paid.body.replayed, paid.body.order.status, paid.body.refund]).toEqual([200, false, 'paid', null]);
    expect(paid.body.order.paidAt).toBe('2026-11-02T10:01:00.000Z');
    expect((await post(`/orders/${orderNo}/payments`, payment)).body.replayed).toBe(true);
    expect(await Payment.count({ where: { externalId: payment.paymentId } })).toBe(1);

    const started = await post(`/orders/${orderNo}/delivery`, { action: 'start' });
    expect([started.body.replayed, started.body.order.status]).toEqual([false, 'delivering']);
    expect((await post(`/orders/${orderNo}/delivery`, { action: 'start' })).body.replayed).toBe(true);
    const delivered = await post(`/orders/${orderNo}/delivery`, { action: 'complete' });
    expect([delivered.body.replayed, delivered.body.order.status]).toEqual([false, 'delivered']);
    expect((await post(`/orders/${orderNo}/delivery`, { action: 'complete' })).body.replayed).toBe(true);

    const state = await get(`/orders/${orderNo}`);
    expect(state.status).toBe(200);
    expect(state.body.order.cardKeys).toHaveLength(2);
    expect(state.body.order.cardKeys.every((k: { status: string }) => k.status === 'delivered')).toBe(true);
    expect(JSON.stringify(state.body)).not.toContain('SECRET');
    expect(state.body.order.payments).toEqual([expect.objectContaining({ externalId: payment.paymentId, amountCents: 19_600, status: 'succeeded' })]);
    expect(state.body.order.events.map((e: { action: string }) => e.action)).toEqual(['created', 'paid', 'delivering', 'delivered']);
    expect(state.body.order.events[0]).toMatchObject({ from: null, to: 'pending_payment', actorType: 'merchant' });

    const cancel = { category: 'merchant_fault', reasonCode: 'card_invalid', note: '供货商批次作废' };
    const cancelled = await post(`/orders/${orderNo}/cancel`, cancel);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ replayed: false, order: { status: 'refund_pending', cancellation: { category: 'merchant_fault', reasonCode: 'card_invalid', stage: 'delivered', initiatorType: 'merchant' } } });
    expect(cancelled.body.refunds).toEqual([expect.objectContaining({ amountCents: 19_600, channel: 'wechat', status: 'pending' })]);
    const refundId: number = cancelled.body.refunds[0].id;
    const cancelAgain = await post(`/orders/${orderNo}/cancel`, cancel);
    expect([cancelAgain.body.replayed, cancelAgain.body.refunds.map((r: { id: number }) => r.id)]).toEqual([true, [refundId]]);
    // Unrevealed keys went back to stock: all three are sellable again.
    expect(await CardKey.count({ where: { status: 'available', serial: [0, 1, 2].map((i) => `${c.sku}-S${i}`) } })).toBe(3);

    const arrived = await post(`/refunds/${refundId}/complete`);
    expect([arrived.status, arrived.body.replayed, arrived.body.refund.status, arrived.body.order.status]).toEqual([200, false, 'succeeded', 'refunded']);
    expect((await post(`/refunds/${refundId}/complete`)).body.replayed).toBe(true);

    const late = await post(`/orders/${orderNo}/delivery`, { action: 'complete' });
    expect([late.status, late.body.error.code]).toEqual([409, 'INVALID_TRANSITION']);
  });

  test('concurrent retries of one create make one order and report the others as replays', async () => {
    const c = await catalog({ keys: 5 });
    const key = `race-${uid()}`;
    const results = await Promise.all(Array.from({ length: 6 }, () => post('/orders', { buyerExternalId: c.buyer, sku: c.sku }, { 'Idempotency-Key': key })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.order.orderNo)).size).toBe(1);
    expect(results.filter((r) => r.body.replayed === false)).toHaveLength(1);
    expect(await Order.count({ where: { requestId: key } })).toBe(1);
  });

  test('merchant-fulfilled product: the store numbers the order and supplies the keys', async () => {
    const c = await catalog({ keys: 0, fulfilment: 'merchant' });
    const orderNo = `2026110210${Math.floor(Math.random() * 1e8).toString().padStart(8, '0')}`;
    const body = { buyerExternalId: c.buyer, sku: c.sku, orderNo };
    const created = await post('/orders', body);
    expect([created.status, created.body.order.orderNo]).toEqual([201, orderNo]);
    expect((await post('/orders', body)).body.replayed).toBe(true);
    const clash = await post('/orders', body, { 'Idempotency-Key': `other-${uid()}` });
    expect([clash.status, clash.body.error.code]).toEqual([409, 'ORDER_NO_TAKEN']);

    await post(`/orders/${orderNo}/payments`, { paymentId: `pay-${uid()}`, amountCents: 9_800, channel: 'alipay' });
    const noCards = await post(`/orders/${orderNo}/delivery`, { action: 'complete' });
    expect([noCards.status, noCards.body.error.code]).toEqual([400, 'CARD_KEYS_REQUIRED']);
    const withCardsOnStart = await post(`/orders/${orderNo}/delivery`, { action: 'start', cards: [{ serial: 'x', secret: 'y' }] });
    expect(withCardsOnStart.status).toBe(400);

    const cards = [{ serial: 'TOPUP-001', secret: 'TOPUPSECRET-9f8e7d' }];
    const delivered = await post(`/orders/${orderNo}/delivery`, { action: 'complete', cards });
    expect(delivered.body.order.status).toBe('delivered');
    expect(delivered.body.order.cardKeys).toEqual([{ serial: 'TOPUP-001', secret: expect.stringMatching(/^TO\*+7d$/), status: 'delivered' }]);
    expect((await post(`/orders/${orderNo}/delivery`, { action: 'complete', cards })).body.replayed).toBe(true);
    expect(await CardKey.count({ where: { serial: 'TOPUP-001' } })).toBe(1);
  });

  test('a payment arriving after the store cancelled is refunded at once', async () => {
    const c = await catalog({ keys: 1 });
    const created = await post('/orders', { buyerExternalId: c.buyer, sku: c.sku }, { 'Idempotency-Key': uid() });
    const orderNo = created.body.order.orderNo;
    const cancelled = await post(`/orders/${orderNo}/cancel`, { category: 'user_initiated', reasonCode: 'forgot_to_pay' });
    expect([cancelled.body.order.status, cancelled.body.refunds]).toEqual(['cancelled', []]);
    const late = await post(`/orders/${orderNo}/payments`, { paymentId: `pay-${uid()}`, amountCents: 9_800, channel: 'unionpay' });
    expect(late.body.order.status).toBe('refund_pending');
    expect(late.body.refund).toMatchObject({ amountCents: 9_800, status: 'pending', reason: 'late_payment' });
  });
});
