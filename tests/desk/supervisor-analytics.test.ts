// Cancellation analytics through the API, against figures computed by hand from small fixtures made with the real
// order service at chosen (CST) times; and the rollup's promise: exact answers however far it has folded.
import { CancellationRollup } from '../../models/analytics-rollup';
import type { CancelCategory, CancelReason, Product } from '../../models';
import { dialects } from '../helpers/databases';
import { makeBuyer } from '../helpers/domain';
import { tokenOf } from './desk-harness';
import { api, makeMerchant, makeProduct, startSupervisorHarness, SupervisorHarness } from './supervisor-harness';

const agentActor = { type: 'agent' as const, id: 'a1' };
const gateway = { type: 'merchant' as const, id: 'gateway' };

describe.each(dialects())('supervisor cancellation analytics on %s', (dialect) => {
  let h: SupervisorHarness;
  let token: string;
  let p1: Product;
  let p2: Product;
  let p3: Product;
  let buyerId: number;
  let payments = 0;

  /** An order placed at `placedAt` (UTC); cancelled at `cancelledAt` when given, after paying if `paid`. */
  async function order(product: Product, placedAt: string, cancel?: { at: string; category: CancelCategory; reason: CancelReason; paid?: boolean }) {
    h.d.clock.set(placedAt);
    const { order: o } = await h.d.orders.create({ buyerId, productId: product.id, quantity: 1 }, agentActor);
    if (!cancel) return o;
    h.d.clock.set(cancel.at);
    if (cancel.paid) await h.d.orders.recordPayment(o.id, { paymentId: `pay-${dialect}-${++payments}`, amountCents: o.amountCents, channel: 'alipay' }, gateway);
    await h.d.orders.cancel(o.id, { category: cancel.category, reasonCode: cancel.reason }, agentActor);
    return o;
  }

  const get = async (url: string) => {
    const res = await api(h, token, 'GET', url);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    h = await startSupervisorHarness(dialect);
    token = (await tokenOf(h, 'supervisor')).token;
    const m1 = await makeMerchant('m1', '星辰卡行');
    const m2 = await makeMerchant('m2', '话费小铺');
    p1 = await makeProduct(m1, 'game_card', '腾讯Q币');
    p2 = await makeProduct(m1, 'game_card', '腾讯Q币');
    p3 = await makeProduct(m2, 'phone_topup', '中国移动');
    buyerId = (await makeBuyer()).id;
    // 2026-10-05 is a Monday. CST = UTC + 8.
    await order(p1, '2026-10-05T12:00:00Z', { at: '2026-10-05T12:05:00Z', category: 'user_initiated', reason: 'forgot_to_pay' }); // Mon 20:00
    await order(p1, '2026-10-05T12:30:00Z'); // Mon 20:30
    await order(p2, '2026-10-05T15:59:00Z', { at: '2026-10-05T16:10:00Z', category: 'merchant_fault', reason: 'oversold', paid: true }); // Mon 23:59, cancelled Tue 00:10
    await order(p3, '2026-10-05T16:00:00Z'); // Tue 00:00
    await order(p3, '2026-10-06T02:00:00Z', { at: '2026-10-06T02:30:00Z', category: 'system_fault', reason: 'payment_anomaly' }); // Tue 10:00
  });
  afterAll(() => h.close());

  const range = 'from=2026-10-05&to=2026-10-06';

  test('rate by product, brand, merchant and day (orders placed in the range, cancelled since)', async () => {
    const byProduct = await get(`/analytics/cancellations/rates?by=product&${range}`);
    expect(byProduct.total).toEqual({ orders: 5, cancelled: 3, rate: 0.6 });
    expect(byProduct.rows.map((r: any) => [r.key, r.orders, r.cancelled, r.rate])).toEqual([
      [p1.id, 2, 1, 0.5],
      [p3.id, 2, 1, 0.5],
      [p2.id, 1, 1, 1],
    ]);
    expect(byProduct.rows[0].label).toBe(p1.name);

    const byBrand = await get(`/analytics/cancellations/rates?by=brand&${range}`);
    expect(byBrand.rows.map((r: any) => [r.key, r.orders, r.cancelled, r.rate])).toEqual([
      ['腾讯Q币', 3, 2, 0.6667],
      ['中国移动', 2, 1, 0.5],
    ]);
    const byMerchant = await get(`/analytics/cancellations/rates?by=merchant&${range}`);
    expect(byMerchant.rows.map((r: any) => [r.label, r.orders, r.cancelled])).toEqual([
      ['星辰卡行', 3, 2],
      ['话费小铺', 2, 1],
    ]);
    // Day = the CST day the order was placed: the Monday-23:59 order counts on Monday though cancelled on Tuesday.
    const byDay = await get(`/analytics/cancellations/rates?by=day&from=2026-10-04&to=2026-10-06`);
    expect(byDay.rows).toEqual([
      { key: '2026-10-04', label: '2026-10-04', orders: 0, cancelled: 0, rate: null },
      { key: '2026-10-05', label: '2026-10-05', orders: 3, cancelled: 2, rate: 0.6667 },
      { key: '2026-10-06', label: '2026-10-06', orders: 2, cancelled: 1, rate: 0.5 },
    ]);
    const topups = await get(`/analytics/cancellations/rates?by=product&${range}&productType=phone_topup`);
    expect(topups.total).toEqual({ orders: 2, cancelled: 1, rate: 0.5 });
    const merchant1 = await get(`/analytics/cancellations/rates?by=product&${range}&merchantId=${p1.merchantId}&brand=${encodeURIComponent('腾讯Q币')}`);
    expect(merchant1.total).toEqual({ orders: 3, cancelled: 2, rate: 0.6667 });
  });

  test('hour-of-week heatmap in China time, Monday = 0', async () => {
    const map = await get(`/analytics/cancellations/heatmap?${range}`);
    expect(map.cells).toHaveLength(168);
    const nonEmpty = map.cells.filter((c: any) => c.orders > 0).map((c: any) => [c.dow, c.hour, c.orders, c.cancelled, c.rate]);
    expect(nonEmpty).toEqual([
      [0, 20, 2, 1, 0.5],
      [0, 23, 1, 1, 1],
      [1, 0, 1, 0, 0],
      [1, 10, 1, 1, 1],
    ]);
    expect(map.peak).toMatchObject({ dow: 0, hour: 23 });
    expect(map.total).toEqual({ orders: 5, cancelled: 3, rate: 0.6 });
  });

  test('reasons by category and code, by the day of the cancellation, with the daily trend', async () => {
    const r = await get(`/analytics/cancellations/reasons?${range}`);
    expect(r.total).toBe(3);
    expect(r.byCategory).toEqual([
      { category: 'user_initiated', count: 1, share: 0.3333 },
      { category: 'merchant_fault', count: 1, share: 0.3333 },
      { category: 'system_fault', count: 1, share: 0.3333 },
    ]);
    expect(r.byReason).toEqual(
      expect.arrayContaining([
        { category: 'merchant_fault', reasonCode: 'oversold', count: 1, share: 0.3333, refundedCents: 9_800 },
        { category: 'user_initiated', reasonCode: 'forgot_to_pay', count: 1, share: 0.3333, refundedCents: 0 },
        { category: 'system_fault', reasonCode: 'payment_anomaly', count: 1, share: 0.3333, refundedCents: 0 },
      ]),
    );
    expect(r.trend).toEqual([
      { day: '2026-10-05', total: 1, byCategory: { user_initiated: 1, merchant_fault: 0, system_fault: 0 }, byReason: { forgot_to_pay: 1 } },
      { day: '2026-10-06', total: 2, byCategory: { user_initiated: 0, merchant_fault: 1, system_fault: 1 }, byReason: { oversold: 1, payment_anomaly: 1 } },
    ]);
    const monday = await get('/analytics/cancellations/reasons?from=2026-10-05&to=2026-10-05');
    expect(monday.total).toBe(1);
  });

  test('the reason report as CSV', async () => {
    const res = await api(h, token, 'GET', `/analytics/cancellations/reasons.csv?${range}`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    expect(JSON.stringify(res.text)).toBe(JSON.stringify(
      '\ufeffday,category,reason_code,cancellations,refunded_yuan\n' +
        '2026-10-05,user_initiated,forgot_to_pay,1,0.00\n' +
        '2026-10-06,merchant_fault,oversold,1,98.00\n' +
        '2026-10-06,system_fault,payment_anomaly,1,0.00\n',
    ));
  });

  test('bad filters are typed errors', async () => {
    for (const url of [
      '/analytics/cancellations/rates?by=colour',
      `/analytics/cancellations/rates?by=day&from=2026-10-07&to=2026-10-01`,
      '/analytics/cancellations/heatmap?from=2026-02-30',
      '/analytics/cancellations/heatmap?from=2024-01-01&to=2026-01-01',
      '/analytics/cancellations/reasons?productType=car',
      '/analytics/cancellations/alerts?minZ=-1',
    ]) {
      const res = await api(h, token, 'GET', url);
      expect([url, res.status, res.body?.error?.code ?? res.text]).toEqual([url, 400, 'VALIDATION_FAILED']);
    }
  });

  test('a product is flagged against its own baseline (binomial z-score), with a floor for a clean history', async () => {
    // Baseline (the 28 days before 2026-09-10): p1 1 of 20 cancelled, p2 0 of 10, p3 5 of 10.
    // Range 2026-09-10…12: p1 6 of 10, p2 5 of 5, p3 2 of 4.
    const cancel = (at: string) => ({ at, category: 'merchant_fault' as const, reason: 'delivery_delay' as const });
    const batch = async (p: Product, day: string, n: number, cancelled: number) => {
      for (let i = 0; i < n; i++) await order(p, `${day}T0${i % 10}:0${Math.floor(i / 10)}:00Z`, i < cancelled ? cancel(`${day}T10:00:00Z`) : undefined);
    };
    await batch(p1, '2026-08-20', 20, 1);
    await batch(p2, '2026-08-21', 10, 0);
    await batch(p3, '2026-08-22', 10, 5);
    await batch(p1, '2026-09-11', 10, 6);
    await batch(p2, '2026-09-11', 5, 5);
    await batch(p3, '2026-09-11', 4, 2);
    const r = await get('/analytics/cancellations/alerts?from=2026-09-10&to=2026-09-12');
    expect(r.baseline).toEqual({ from: '2026-08-13', to: '2026-09-09' });
    // p2: p0 = max(0/10, 0.5/10) = 0.05 → z = 0.95 / sqrt(0.05·0.95/5) = 9.75. p1: z = 0.55 / sqrt(0.05·0.95/10) = 7.98.
    expect(r.alerts).toEqual([
      { productId: p2.id, name: p2.name, brand: p2.brand, merchantId: p2.merchantId, window: { orders: 5, cancelled: 5, rate: 1 }, baseline: { orders: 10, cancelled: 0, rate: 0 }, ratio: 20, z: 9.75 },
      { productId: p1.id, name: p1.name, brand: p1.brand, merchantId: p1.merchantId, window: { orders: 10, cancelled: 6, rate: 0.6 }, baseline: { orders: 20, cancelled: 1, rate: 0.05 }, ratio: 12, z: 7.98 },
    ]);
    const strict = await get('/analytics/cancellations/alerts?from=2026-09-10&to=2026-09-12&minCancelled=6');
    expect(strict.alerts.map((a: any) => a.productId)).toEqual([p1.id]);
  });

  test('kept correct as orders change: any fold state answers the same, and new orders and cancellations count at once', async () => {
    const views = () => Promise.all([get(`/analytics/cancellations/rates?by=product&${range}`), get(`/analytics/cancellations/heatmap?${range}`), get(`/analytics/cancellations/reasons?${range}`)]);
    const unfolded = await views();
    // Two rows per fold: the watermarks stop part-way; then all the way. (On PostgreSQL the fold only passes rows
    // older than a minute by the clock, so the clock is moved past the fixtures first.)
    h.d.clock.set('2026-10-08T00:00:00Z');
    const partial = new CancellationRollup({ db: h.d.db, clock: h.d.clock, chunk: 2 });
    expect(await partial.foldOnce()).toEqual({ orders: 2, cancellations: 2 });
    expect(await views()).toEqual(unfolded);
    await partial.fold();
    expect(await views()).toEqual(unfolded);
    const [, rollupRows] = await h.d.db.sequelize.query('SELECT 1 FROM analytics_order_hours');
    expect(rollupRows).not.toBe(0);

    // After the fold: a new order on Tuesday, and Monday's open p1 order cancelled on Wednesday.
    await order(p1, '2026-10-06T03:00:00Z', { at: '2026-10-06T03:01:00Z', category: 'user_initiated', reason: 'wrong_item' });
    const [openMonday] = (await h.d.db.sequelize.query(`SELECT id FROM orders WHERE product_id = ${p1.id} AND status = 'pending_payment' AND created_at >= '2026-10-05' AND created_at < '2026-10-06'`))[0] as Array<{ id: number }>;
    h.d.clock.set('2026-10-07T01:00:00Z');
    await h.d.orders.cancel(openMonday!.id, { category: 'user_initiated', reasonCode: 'price_changed' }, agentActor);

    const check = async () => {
      const [rates, map, reasons] = await views();
      expect(rates.rows.find((r: any) => r.key === p1.id)).toMatchObject({ orders: 3, cancelled: 3, rate: 1 });
      expect(rates.total).toEqual({ orders: 6, cancelled: 5, rate: 0.8333 });
      expect(map.cells.find((c: any) => c.dow === 0 && c.hour === 20)).toMatchObject({ orders: 2, cancelled: 2 });
      expect(map.cells.find((c: any) => c.dow === 1 && c.hour === 11)).toMatchObject({ orders: 1, cancelled: 1 });
      // The Wednesday cancellation is outside the reasons range (by cancellation day); the Tuesday one is in.
      expect(reasons.total).toBe(4);
      expect(reasons.byReason.find((r: any) => r.reasonCode === 'wrong_item')).toMatchObject({ count: 1 });
      return [rates, map, reasons];
    };
    const live = await check();
    h.d.clock.set('2026-10-08T00:00:00Z');
    await new CancellationRollup({ db: h.d.db, clock: h.d.clock }).fold();
    expect(await check()).toEqual(live);
    const wednesday = await get('/analytics/cancellations/reasons?from=2026-10-07&to=2026-10-07');
    expect(wednesday.byReason).toEqual([{ category: 'user_initiated', reasonCode: 'price_changed', count: 1, share: 1, refundedCents: 0 }]);
  });
});
