import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { Buyer, CardKey, ManualClock, openDomain, Product, recentOrders } from '../../models';
import { analyticsServices } from '../../desk/supervisor/services';
import { DEMO_AGENTS } from '../../desk/demo-agents';
import { Agent, Conversation, Handoff } from '../../models/tables';
import { seed } from '../../server/commands/seed';
import { isEmpty, seedDemo, SeedSummary } from '../../server/seed';
import { DOMAIN_MODELS } from '../../server/seed/writer';
import { dialects } from '../helpers/databases';
import { openTestDomain, TestDomain } from '../helpers/domain';

const NOW = '2026-11-02T10:00:00Z';
const ORDERS = 2_000;
const SEED = 7;
const buyerActor = { type: 'buyer' as const, id: 'demo' };
const gateway = { type: 'merchant' as const, id: 'gateway' };

type Row = Record<string, unknown>;
const ms = (v: unknown): number => new Date(v as string).getTime();

describe.each(dialects())('demo seed on %s', (dialect) => {
  let d: TestDomain;
  let summary: SeedSummary;
  const all = (sql: string): Promise<Row[]> => d.db.sequelize.query(sql, { type: QueryTypes.SELECT });
  const none = async (sql: string) => expect(await all(sql)).toEqual([]);

  /** One digest per table over every row in id order. */
  async function digests(domain: TestDomain): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const model of DOMAIN_MODELS) {
      const rows = await domain.db.sequelize.query(`SELECT * FROM "${model.getTableName() as string}" ORDER BY id`, { type: QueryTypes.SELECT });
      out[model.getTableName() as string] = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    }
    return out;
  }

  beforeAll(async () => {
    // Seeded one after the other: the models bind to the most recently opened database.
    const first = await openTestDomain(dialect, { clock: new ManualClock(NOW) });
    expect(await isEmpty(first)).toBe(true);
    await seedDemo(first, { orders: ORDERS, seed: SEED, now: new Date(NOW) });
    const firstDigests = await digests(first);
    await first.teardown();

    d = await openTestDomain(dialect, { clock: new ManualClock(NOW) });
    summary = await seedDemo(d, { orders: ORDERS, seed: SEED, now: new Date(NOW) });
    expect(await digests(d)).toEqual(firstDigests);
  });
  afterAll(() => d.teardown());

  test('the summary matches the rows; the database is no longer empty and refuses a second seed', async () => {
    expect(summary.orders).toBe(ORDERS);
    expect(summary.rows.orders).toBe(ORDERS);
    expect(summary.products).toBeGreaterThanOrEqual(28);
    const [{ n }] = (await all('SELECT COUNT(*) AS n FROM card_keys')) as [{ n: number }];
    expect(Number(n)).toBe(summary.rows.card_keys);
    expect(await isEmpty(d)).toBe(false);
    await expect(seedDemo(d, { orders: 10, now: new Date(NOW) })).rejects.toThrow(/already has domain data/);
  });

  test('catalog: every product type, prices below face value, FAQ and aliases, stock to keep selling', async () => {
    const products = await Product.findAll();
    expect(new Set(products.map((p) => p.type))).toEqual(new Set(['game_card', 'phone_topup', 'video_membership', 'gift_card']));
    for (const p of products) {
      expect(p.priceCents).toBeLessThan(p.faceValueCents);
      expect(p.faq.length).toBeGreaterThanOrEqual(2);
      expect(p.aliases.length).toBeGreaterThan(0);
      if (p.fulfilment === 'stock') expect(await CardKey.count({ where: { productId: p.id, status: 'available' } })).toBeGreaterThanOrEqual(100);
    }
    expect(products.find((p) => p.aliases.includes('王者'))?.brand).toBe('王者荣耀点券');
    expect(products.some((p) => p.type === 'gift_card' && p.fulfilment === 'stock' && p.priceCents <= 1_000)).toBe(true);
  });

  test('order numbers are KM + 18 digits and unique', async () => {
    const rows = await all('SELECT order_no FROM orders');
    expect(rows.every((r) => /^KM\d{18}$/.test(r.order_no as string))).toBe(true);
    expect(new Set(rows.map((r) => r.order_no)).size).toBe(ORDERS);
  });

  test('exactly the cancelled orders have one cancellation row, and its refund equals the refunds', async () => {
    await none(`SELECT o.id FROM orders o LEFT JOIN cancellations c ON c.order_id = o.id GROUP BY o.id, o.status
                HAVING COUNT(c.id) <> CASE WHEN o.status IN ('cancelled', 'refund_pending', 'refunded') THEN 1 ELSE 0 END`);
    await none(`SELECT id FROM orders WHERE (cancelled_at IS NULL) = (status IN ('cancelled', 'refund_pending', 'refunded'))`);
    await none(`SELECT c.order_id FROM cancellations c LEFT JOIN refunds r ON r.order_id = c.order_id
                GROUP BY c.order_id, c.refunded_cents HAVING COALESCE(SUM(r.amount_cents), 0) <> c.refunded_cents`);
    // Refunded orders got every payment back; pending ones still wait for at least one refund.
    await none(`SELECT o.id FROM orders o JOIN payments p ON p.order_id = o.id LEFT JOIN refunds r ON r.payment_id = p.id
                WHERE o.status IN ('refund_pending', 'refunded') AND (r.id IS NULL OR r.amount_cents <> p.amount_cents)`);
    await none(`SELECT o.id FROM orders o JOIN refunds r ON r.order_id = o.id JOIN payments p ON p.id = r.payment_id
                WHERE o.status = 'refunded' AND (r.status <> 'succeeded' OR p.status <> 'refunded' OR o.refunded_at IS NULL)`);
    await none(`SELECT o.id FROM orders o WHERE o.status = 'refund_pending'
                AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = o.id AND r.status = 'pending')`);
    await none(`SELECT o.id FROM orders o JOIN cancellations c ON c.order_id = o.id
                WHERE c.stage = 'pending_payment' AND (o.status <> 'cancelled' OR o.paid_at IS NOT NULL)`);
  });

  test('status, timestamps and payments agree', async () => {
    await none(`SELECT o.id FROM orders o LEFT JOIN payments p ON p.order_id = o.id GROUP BY o.id, o.paid_at
                HAVING (COUNT(p.id) = 0) <> (o.paid_at IS NULL)`);
    await none(`SELECT id FROM orders WHERE paid_at < created_at OR delivered_at < paid_at OR revealed_at < delivered_at
                OR completed_at < delivered_at OR cancelled_at < created_at OR refunded_at < cancelled_at`);
    await none(`SELECT id FROM orders WHERE (status IN ('delivered', 'completed', 'disputed') AND delivered_at IS NULL)
                OR (status = 'completed' AND completed_at IS NULL) OR (status = 'refunded' AND refunded_at IS NULL)
                OR (status IN ('paid', 'delivering') AND (paid_at IS NULL OR delivered_at IS NOT NULL))
                OR (status = 'pending_payment' AND paid_at IS NOT NULL)`);
    await none(`SELECT id FROM orders WHERE amount_cents <> unit_price_cents * quantity`);
    await none(`SELECT p.id FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.amount_cents <> o.amount_cents`);
  });

  test('card keys: each on at most one order, matching its state; available keys belong to nobody', async () => {
    await none(`SELECT id FROM card_keys WHERE (status = 'available') <> (order_id IS NULL)`);
    await none(`SELECT id FROM card_keys WHERE status = 'available' AND (reserved_at IS NOT NULL OR delivered_at IS NOT NULL)`);
    await none(`SELECT product_id, serial FROM card_keys GROUP BY product_id, serial HAVING COUNT(*) > 1`);
    await none(`SELECT k.id FROM card_keys k JOIN orders o ON o.id = k.order_id WHERE k.product_id <> o.product_id OR NOT (
                  (k.status = 'reserved' AND o.status = 'pending_payment') OR (k.status = 'reserved' AND o.status IN ('paid', 'delivering'))
                  OR (k.status = 'delivered' AND o.revealed_at IS NULL AND o.status IN ('delivered', 'completed'))
                  OR (k.status = 'revealed' AND o.revealed_at IS NOT NULL AND o.status IN ('delivered', 'completed', 'disputed'))
                  OR (k.status = 'void' AND o.status IN ('refund_pending', 'refunded')))`);
    // Delivered orders hold exactly their quantity of keys; cancelled-before-delivery orders hold none.
    await none(`SELECT o.id FROM orders o LEFT JOIN card_keys k ON k.order_id = o.id WHERE o.status IN ('delivered', 'completed', 'disputed')
                GROUP BY o.id, o.quantity HAVING COUNT(k.id) <> o.quantity`);
    await none(`SELECT k.id FROM card_keys k JOIN cancellations c ON c.order_id = k.order_id WHERE c.stage <> 'disputed'`);
  });

  test('every order has an audit trail from `created` to its current status, with actors', async () => {
    const events = await all('SELECT order_id, action, from_status, to_status, actor_type, created_at FROM order_events ORDER BY order_id, created_at, id');
    const orders = new Map((await all('SELECT id, status FROM orders')).map((o) => [o.id, o.status]));
    const trails = new Map<unknown, Row[]>();
    for (const e of events) trails.set(e.order_id, [...(trails.get(e.order_id) ?? []), e]);
    expect(trails.size).toBe(ORDERS);
    for (const [orderId, trail] of trails) {
      expect(trail[0]).toMatchObject({ action: 'created', from_status: null, to_status: 'pending_payment', actor_type: 'buyer' });
      for (let i = 1; i < trail.length; i += 1) expect(trail[i]!.from_status).toBe(trail[i - 1]!.to_status);
      expect(trail.at(-1)!.to_status).toBe(orders.get(orderId));
    }
    const actions = new Set(events.map((e) => e.action));
    for (const a of ['created', 'paid', 'delivered', 'revealed', 'completed', 'cancelled', 'refund_completed', 'disputed']) expect(actions).toContain(a);
  });

  test('the demo shows its problems: expiries, late deliveries, an oversold product, refunds in flight, open disputes', async () => {
    const expiries = await all(`SELECT stage, initiator_type, initiator_id FROM cancellations WHERE reason_code = 'forgot_to_pay'`);
    expect(expiries.length).toBeGreaterThan(50);
    expect(expiries.filter((c) => c.initiator_type === 'system').every((c) => c.stage === 'pending_payment' && c.initiator_id === 'payment-expiry')).toBe(true);

    const late = await all(`SELECT o.id, o.paid_at, o.delivered_at, p.delivery_minutes FROM orders o JOIN products p ON p.id = o.product_id WHERE o.delivered_at IS NOT NULL`);
    expect(late.filter((o) => ms(o.delivered_at) - ms(o.paid_at) > Number(o.delivery_minutes) * 60_000).length).toBeGreaterThan(20);
    expect((await all(`SELECT id FROM cancellations WHERE reason_code = 'delivery_delay'`)).length).toBeGreaterThan(5);

    const oversold = await all(`SELECT p.fulfilment, COUNT(*) AS n FROM cancellations c JOIN products p ON p.id = c.product_id
                                WHERE c.reason_code = 'oversold' AND c.category = 'merchant_fault' GROUP BY p.id, p.fulfilment`);
    expect(oversold).toHaveLength(1);
    expect(oversold[0]).toMatchObject({ fulfilment: 'merchant' });
    expect(Number(oversold[0]!.n)).toBeGreaterThan(10);

    const inFlight = await all(`SELECT r.expected_by FROM refunds r JOIN orders o ON o.id = r.order_id WHERE r.status = 'pending' AND o.status = 'refund_pending'`);
    expect(inFlight.length).toBeGreaterThan(0);
    expect(inFlight.every((r) => ms(r.expected_by) > ms(NOW))).toBe(true);
    expect((await all(`SELECT id FROM disputes WHERE status = 'open'`)).length).toBeGreaterThan(0);
    expect((await all(`SELECT o.id FROM orders o JOIN disputes d ON d.order_id = o.id WHERE d.status = 'open' AND o.status <> 'disputed'`))).toEqual([]);
  });

  test('game cards are cancelled clearly more on Friday–Sunday evenings (CST)', async () => {
    const rows = await all(`SELECT o.created_at, o.paid_at, c.id AS cancelled FROM orders o JOIN products p ON p.id = o.product_id
                            LEFT JOIN cancellations c ON c.order_id = o.id WHERE p.type = 'game_card' AND o.paid_at IS NOT NULL`);
    const weekendEvening = (r: Row) => {
      const cst = new Date(ms(r.created_at) + 8 * 3_600_000);
      return [5, 6, 0].includes(cst.getUTCDay()) && cst.getUTCHours() >= 19;
    };
    const rate = (set: Row[]) => set.filter((r) => r.cancelled !== null).length / set.length;
    const spike = rows.filter(weekendEvening);
    const rest = rows.filter((r) => !weekendEvening(r));
    expect(spike.length).toBeGreaterThan(100);
    expect(rate(spike)).toBeGreaterThan(1.5 * rate(rest));
  });

  test('the abusive buyers come out watch or restricted through the real credit service; most buyers are good', async () => {
    expect(summary.abusiveBuyers).toHaveLength(5);
    for (const externalId of summary.abusiveBuyers) {
      const buyer = await Buyer.findOne({ where: { externalId }, rejectOnEmpty: true });
      const profile = await d.credit.profile(buyer.id);
      expect(['watch', 'restricted']).toContain(profile.level);
    }
    const others = (await Buyer.findAll()).filter((b) => !summary.abusiveBuyers.includes(b.externalId));
    const levels = await Promise.all(others.map(async (b) => (await d.credit.profile(b.id)).level));
    expect(levels.filter((l) => l === 'good').length / levels.length).toBeGreaterThan(0.85);
  });

  test('conversations: handoffs belong to their buyer, claims to a demo agent, timings and ratings agree', async () => {
    expect(summary.rows.conversations).toBeGreaterThan(50);
    expect(summary.rows.handoffs).toBeGreaterThan(5);
    await none(`SELECT h.id FROM handoffs h LEFT JOIN conversations c ON c.id = h.conversation_id WHERE c.id IS NULL OR c.buyer_id <> h.buyer_id`);
    await none(`SELECT c.id FROM conversations c LEFT JOIN orders o ON o.id = c.order_id WHERE o.id IS NULL OR o.buyer_id <> c.buyer_id`);
    await none(`SELECT h.id FROM handoffs h WHERE h.claimed_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agents a WHERE CAST(a.id AS TEXT) = h.claimed_by)`);
    await none(`SELECT r.id FROM csat_ratings r JOIN conversations c ON c.id = r.conversation_id LEFT JOIN handoffs h ON h.id = r.handoff_id
                WHERE c.status <> 'closed' OR h.closed_to <> 'closed' OR h.conversation_id <> c.id OR r.buyer_id <> c.buyer_id OR r.rating NOT BETWEEN 1 AND 5`);
    await none(`SELECT m.id FROM conversation_messages m WHERE m.role = 'buyer' AND (m.nlu_intent IS NULL OR m.nlu_confidence IS NULL)`);
    await none(`SELECT c.id FROM conversations c WHERE NOT EXISTS (SELECT 1 FROM conversation_messages m WHERE m.conversation_id = c.id AND m.role = 'bot')`);
    // Handoffs are claimed by the demo accounts `start` ensures, and seeding did not create them twice.
    const emails = DEMO_AGENTS.map((a) => a.email);
    expect(await Agent.count({ where: { email: emails } })).toBe(emails.length);
    // Sequences moved past the explicit ids: the desk's next rows get fresh ones.
    const [{ maxHandoff }] = (await all('SELECT MAX(id) AS "maxHandoff" FROM handoffs')) as [{ maxHandoff: number }];
    const next = await Conversation.create({ buyerId: 1, status: 'queued', lang: 'zh', intent: null, pending: null, orderId: null, agentName: null });
    const handoff = await Handoff.create({ conversationId: next.id, buyerId: 1, orderId: null, reason: 'buyer_request', intent: null, summary: { intent: null, orderNo: null, reason: 'buyer_request', detail: '转人工', botActions: [], lastBuyerText: null }, priority: 1, status: 'queued', claimedBy: null, claimedAt: null, closedAt: null });
    expect(next.id).toBe(summary.rows.conversations! + 1);
    expect(handoff.id).toBe(Number(maxHandoff) + 1);
    await handoff.destroy();
    await next.destroy();
    const handoffs = await all('SELECT * FROM handoffs');
    const agentMessages = await all(`SELECT conversation_id, MIN(created_at) AS first FROM conversation_messages WHERE role = 'agent' GROUP BY conversation_id`);
    const firstReply = new Map(agentMessages.map((m) => [m.conversation_id, ms(m.first)]));
    for (const h of handoffs) {
      expect(h.status).toBe('closed');
      expect(ms(h.first_response_at) - ms(h.created_at)).toBe(Number(h.first_response_ms));
      expect(firstReply.get(h.conversation_id)).toBe(ms(h.first_response_at));
      expect(ms(h.claimed_at)).toBeGreaterThanOrEqual(ms(h.created_at));
      expect(ms(h.claimed_at)).toBeLessThanOrEqual(ms(h.first_response_at));
      expect(ms(h.closed_at) - ms(h.claimed_at)).toBe(Number(h.handling_ms));
      expect(ms(h.closed_at)).toBeLessThan(ms(NOW));
      // A breach is recorded exactly when the first reply came after the 5-minute SLA.
      expect(h.breached_at !== null).toBe(Number(h.first_response_ms) > 5 * 60_000);
    }
    const summaries = handoffs.map((h) => (typeof h.summary === 'string' ? JSON.parse(h.summary) : h.summary) as { detail: string; detailEn: string });
    expect(summaries.every((x) => /[\u4e00-\u9fff]/.test(x.detail) && /^[\x20-\x7e¥–]+$/.test(x.detailEn))).toBe(true);
    const ratings = (await all('SELECT rating FROM csat_ratings')).map((r) => Number(r.rating));
    expect(ratings.filter((x) => x >= 4).length / ratings.length).toBeGreaterThan(0.7);
    expect(ratings.some((x) => x <= 2)).toBe(true);
  });

  test('the supervisors\' service analytics show plausible figures on the seeded data', async () => {
    const { service } = analyticsServices(d);
    const byDay = await service.metrics({ by: 'day' });
    expect(byDay.containment.conversations).toBeGreaterThan(20);
    expect(byDay.containment.rate).toBeGreaterThan(0.6);
    expect(byDay.containment.rate).toBeLessThan(0.95);
    expect(byDay.handoffsByIntent.find((i) => i.intent === 'human_agent')?.rate).toBe(1);
    const days = byDay.rows.filter((r) => r.handoffs > 0);
    expect(days.length).toBeGreaterThan(5);
    // The whole 90 days by agent: a few SLA breaches among the handoffs.
    const byAgent = await service.metrics({ by: 'agent', from: '2026-08-04', to: '2026-11-02' });
    expect(byAgent.rows.map((r) => r.label).sort()).toEqual(DEMO_AGENTS.filter((a) => a.role === 'agent').map((a) => a.name).sort());
    for (const row of byAgent.rows) {
      expect(row.firstResponse.avgMs).toBeGreaterThan(10_000);
      expect(row.firstResponse.avgMs).toBeLessThan(10 * 60_000);
      expect(row.handling.avgMs).toBeGreaterThan(60_000);
      expect(row.csat.average).toBeGreaterThan(3.5);
      expect(row.csat.average).toBeLessThanOrEqual(5);
    }
    const breaches = byAgent.rows.reduce((n, r) => n + r.slaBreaches, 0);
    expect(breaches).toBeGreaterThan(0);
    expect(breaches).toBeLessThan(byAgent.rows.reduce((n, r) => n + r.handoffs, 0) / 4);
  });

  test('the real order service keeps working on the seeded data (ids and sequences included)', async () => {
    const [{ maxId }] = (await all('SELECT MAX(id) AS "maxId" FROM orders')) as [{ maxId: number }];
    const product = await Product.findOne({ where: { sku: 'QB-30' }, rejectOnEmpty: true });
    const buyer = await Buyer.create({ externalId: 'after-seed', name: '新买家', phone: null });
    const availableBefore = await CardKey.count({ where: { productId: product.id, status: 'available' } });
    const { order } = await d.orders.create({ buyerId: buyer.id, productId: product.id, quantity: 1 }, buyerActor);
    expect(order.id).toBeGreaterThan(Number(maxId));
    await d.orders.recordPayment(order.id, { paymentId: 'after-seed-pay', amountCents: order.amountCents, channel: 'alipay' }, gateway);
    const cancelled = await d.orders.cancel(order.id, { category: 'user_initiated', reasonCode: 'wrong_item' }, buyerActor);
    expect(cancelled.order.status).toBe('refund_pending');
    expect(cancelled.refunds).toHaveLength(1);
    expect(await CardKey.count({ where: { productId: product.id, status: 'available' } })).toBe(availableBefore);

    const topup = await Product.findOne({ where: { sku: 'TOPUP-MOBILE-50' }, rejectOnEmpty: true });
    const m = await d.orders.create({ buyerId: buyer.id, productId: topup.id, quantity: 1 }, buyerActor);
    await d.orders.recordPayment(m.order.id, { paymentId: 'after-seed-pay-2', amountCents: m.order.amountCents, channel: 'wechat' }, gateway);
    const delivered = await d.orders.deliver(m.order.id, { cards: [{ serial: 'CZ-NEW', secret: '1234567890' }] }, gateway);
    expect(delivered.order.status).toBe('delivered');

    const regular = await Buyer.findOne({ where: { externalId: summary.abusiveBuyers[0]! }, rejectOnEmpty: true });
    const history = await recentOrders(regular.id, 50);
    expect(history.length).toBeGreaterThan(5);
    expect(history.every((o, i) => i === 0 || o.createdAt <= history[i - 1]!.createdAt)).toBe(true);
  });
});

describe('kadesk seed command', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kadesk-seed-cmd-'));
  const file = path.join(dir, 'demo.sqlite');
  let out = '';
  let spies: jest.SpyInstance[] = [];
  beforeAll(() => {
    process.env.KADESK_DB_FILE = file;
    delete process.env.DATABASE_URL;
    const capture = (chunk: unknown) => ((out += String(chunk)), true);
    spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
  });
  afterAll(() => {
    spies.forEach((s) => s.mockRestore());
    delete process.env.KADESK_DB_FILE;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    out = '';
  });

  test('bad options are refused with exit code 2 and a message', async () => {
    expect(await seed(['--orders', 'many'])).toBe(2);
    expect(out).toMatch(/--orders must be an integer/);
    expect(await seed(['--bogus'])).toBe(2);
  });

  test('seeds an empty database, refuses a second time, and --force rebuilds it identically', async () => {
    expect(await seed(['--orders', '300', '--seed', '3'])).toBe(0);
    expect(out).toMatch(/seeded 300 orders/);
    expect(await seed(['--orders', '300'])).toBe(2);
    expect(out).toMatch(/--force/);
    expect(await seed(['--orders', '400', '--seed', '3', '--force'])).toBe(0);
    const domain = await openDomain({ databaseUrl: file });
    try {
      const [rows] = await domain.db.sequelize.query('SELECT COUNT(*) AS n FROM orders');
      expect(Number((rows as Row[])[0]!.n)).toBe(400);
    } finally {
      await domain.close();
    }
  });
});
