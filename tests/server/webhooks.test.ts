// Outgoing webhooks against a real receiver on 127.0.0.1 that checks signatures the way a store would.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { OutboxMessage } from '../../models';
import { createServer } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { DispatcherOptions, WebhookDispatcher } from '../../server/webhooks/dispatcher';
import { signPayload, verifySignature } from '../../server/webhooks/signing';
import { dialects } from '../helpers/databases';
import { makeCatalog, openTestDomain, TestDomain } from '../helpers/domain';

const SECRET = 'test-webhook-secret-0123456789';
const ROOT = path.resolve(__dirname, '../..');
const buyer = { type: 'buyer' as const, id: 'b1' };

interface Delivery {
  id: string;
  event: string;
  body: { id: number; type: string; createdAt: string; data: Record<string, unknown> };
  signed: boolean;
}

/** A store's endpoint: verifies with its own HMAC code, fails the first `failFirst` calls, records the rest. */
class Receiver {
  readonly deliveries: Delivery[] = [];
  attempts = 0;
  failFirst = 0;
  failStatus = 500;
  delayMs = 0;
  hang = false;
  url = '';
  private readonly server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      this.attempts += 1;
      if (this.hang) return;
      const ts = String(req.headers['x-kadesk-timestamp']);
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${ts}.${raw}`).digest('hex')}`;
      const fresh = Math.abs(this.nowSeconds() - Number(ts)) <= 300;
      const reply = () => {
        if (this.attempts <= this.failFirst) return res.writeHead(this.failStatus, { Location: 'http://127.0.0.1:1/' }).end('nope');
        this.deliveries.push({ id: String(req.headers['x-kadesk-delivery']), event: String(req.headers['x-kadesk-event']), body: JSON.parse(raw), signed: fresh && req.headers['x-kadesk-signature'] === expected });
        res.writeHead(204).end();
      };
      setTimeout(reply, this.delayMs);
    });
  });

  constructor(private readonly nowSeconds: () => number) {}

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/kadesk`;
  }

  reset(): void {
    this.deliveries.length = 0;
    Object.assign(this, { attempts: 0, failFirst: 0, failStatus: 500, delayMs: 0, hang: false });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

describe('signing', () => {
  const body = '{"id":1}';
  const ts = 1_790_000_000;
  const sig = signPayload(SECRET, ts, body);
  const check = (o: Partial<Parameters<typeof verifySignature>[0]>) =>
    verifySignature({ secret: SECRET, body, signature: sig, timestamp: String(ts), nowSeconds: ts + 10, ...o });

  test('sha256=<hex HMAC of "<timestamp>.<body>">', () => {
    expect(sig).toBe(`sha256=${createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex')}`);
    expect(check({})).toBe(true);
  });

  test('a changed body, another secret, a stale or missing timestamp all fail', () => {
    expect(check({ body: '{"id":2}' })).toBe(false);
    expect(check({ secret: 'another-secret-0123456789' })).toBe(false);
    expect(check({ nowSeconds: ts + 301 })).toBe(false);
    expect(check({ timestamp: undefined })).toBe(false);
    expect(check({ signature: 'sha256=00' })).toBe(false);
  });
});

describe.each(dialects())('webhook dispatcher on %s', (dialect) => {
  let d: TestDomain;
  let receiver: Receiver;
  const dispatcher = (o: Partial<DispatcherOptions> = {}) =>
    new WebhookDispatcher({ db: d.db, clock: d.clock, url: receiver.url, secret: SECRET, backoffBaseMs: 1_000, random: () => 0.5, ...o });

  beforeAll(async () => {
    d = await openTestDomain(dialect, { webhooks: true });
    receiver = new Receiver(() => Math.floor(d.clock.now().getTime() / 1000));
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await d.teardown();
  });
  beforeEach(async () => {
    receiver.reset();
    await OutboxMessage.destroy({ where: {} });
  });

  /** A buyer orders and cancels: KaDesk did both, so the store hears of both. */
  async function buyerCancels() {
    const c = await makeCatalog({ keys: 1 });
    const { order } = await d.orders.create({ buyerId: c.buyer.id, productId: c.product.id, quantity: 1 }, buyer);
    await d.orders.cancel(order.id, { category: 'user_initiated', reasonCode: 'wrong_item' }, buyer);
    return order.orderNo;
  }

  test('delivers every pending row once, signed, with event and delivery headers', async () => {
    const orderNo = await buyerCancels();
    const report = await dispatcher().runOnce();
    expect(report).toEqual({ claimed: 2, delivered: 2, retrying: 0, failed: 0 });
    expect(receiver.deliveries.map((x) => [x.event, x.signed])).toEqual([
      ['order.created', true],
      ['order.cancelled', true],
    ]);
    const cancelled = receiver.deliveries[1]!;
    expect(cancelled.body).toMatchObject({
      type: 'order.cancelled',
      data: { orderNo, from: 'pending_payment', to: 'cancelled', actor: 'buyer', reason: 'user_initiated:wrong_item', occurredAt: d.clock.now().toISOString() },
    });
    expect(cancelled.id).toBe(String(cancelled.body.id));
    const rows = await OutboxMessage.findAll({ order: [['id', 'ASC']] });
    expect(rows.map((r) => [r.status, r.attempts, r.lastError, new Date(r.deliveredAt!).toISOString()])).toEqual([
      ['delivered', 1, null, d.clock.now().toISOString()],
      ['delivered', 1, null, d.clock.now().toISOString()],
    ]);
    expect((await dispatcher().runOnce()).claimed).toBe(0);
    expect(receiver.attempts).toBe(2);
  });

  test('failures are retried with exponential backoff and recorded, then delivered', async () => {
    await OutboxMessage.create({ eventType: 'order.refund_completed', payload: { orderNo: 'KM1' }, nextAttemptAt: d.clock.now(), lastError: null, deliveredAt: null });
    receiver.failFirst = 2;
    const w = dispatcher();
    const row = async () => (await OutboxMessage.findOne({ rejectOnEmpty: true, where: {} })).get({ plain: true });
    const start = d.clock.now().getTime();

    expect(await w.runOnce()).toMatchObject({ claimed: 1, retrying: 1 });
    // Backoff 1 s doubling, equal jitter at 0.5: 750 ms, then 1 500 ms.
    expect(await row()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500: nope', nextAttemptAt: new Date(start + 750) });
    expect((await w.runOnce()).claimed).toBe(0);

    d.clock.advance(750);
    expect(await w.runOnce()).toMatchObject({ claimed: 1, retrying: 1 });
    expect(await row()).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: new Date(start + 750 + 1_500) });

    d.clock.advance(1_499);
    expect((await w.runOnce()).claimed).toBe(0);
    d.clock.advance(1);
    expect(await w.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await row()).toMatchObject({ status: 'delivered', attempts: 3, lastError: null });
    expect(receiver.attempts).toBe(3);
    expect(receiver.deliveries.map((x) => x.signed)).toEqual([true]);
  });

  test('backoff doubles up to its cap, jittered between half and all of it', () => {
    const w = dispatcher({ backoffBaseMs: 1_000, backoffMaxMs: 60_000, random: () => 0 });
    expect([1, 2, 3, 7, 8, 30].map((n) => w.backoffMs(n))).toEqual([500, 1_000, 2_000, 30_000, 30_000, 30_000]);
    expect(dispatcher({ backoffMaxMs: 60_000, random: () => 0.999999 }).backoffMs(30)).toBe(60_000);
  });

  test('after the last attempt a row is failed and never sent again', async () => {
    await OutboxMessage.create({ eventType: 'order.cancelled', payload: { orderNo: 'KM2' }, nextAttemptAt: d.clock.now(), lastError: null, deliveredAt: null });
    Object.assign(receiver, { failFirst: 100, failStatus: 302 });
    const w = dispatcher({ maxAttempts: 3 });
    for (let i = 0; i < 5; i += 1) {
      await w.runOnce();
      d.clock.advance(60_000);
    }
    const row = await OutboxMessage.findOne({ rejectOnEmpty: true, where: {} });
    // A redirect is a failure: the signed payload never follows it to another host.
    expect([row.status, row.attempts, row.lastError]).toEqual(['failed', 3, 'HTTP 302: nope']);
    expect(receiver.attempts).toBe(3);
  });

  test('timeouts and refused connections are recorded as failures', async () => {
    await OutboxMessage.create({ eventType: 'order.cancelled', payload: { orderNo: 'KM3' }, nextAttemptAt: d.clock.now(), lastError: null, deliveredAt: null });
    receiver.hang = true;
    expect(await dispatcher({ timeoutMs: 150 }).runOnce()).toMatchObject({ claimed: 1, retrying: 1 });
    expect((await OutboxMessage.findOne({ rejectOnEmpty: true, where: {} })).lastError).toBe('timeout after 150 ms');

    d.clock.advance(60_000);
    expect(await dispatcher({ url: `http://127.0.0.1:${await closedPort()}/` }).runOnce()).toMatchObject({ claimed: 1, retrying: 1 });
    expect((await OutboxMessage.findOne({ rejectOnEmpty: true, where: {} })).lastError).toMatch(/ECONNREFUSED/);
  });

  test('dispatchers on several nodes at once never send a row twice', async () => {
    const total = 60;
    await OutboxMessage.bulkCreate(
      Array.from({ length: total }, (_, i) => ({ eventType: 'order.cancelled', payload: { orderNo: `KM${i}` }, nextAttemptAt: d.clock.now(), lastError: null, deliveredAt: null })),
    );
    // Slow enough deliveries that the outbox outlasts the other process's start on a loaded machine (CI runs test
    // files side by side): with 5 ms this node's two dispatchers sometimes drained all 60 before it claimed one.
    receiver.delayMs = 25;
    const other = await startNodeProcess(d.testDb.url, d.clock.now().toISOString(), receiver.url);
    const here = [dispatcher({ batchSize: 5 }), dispatcher({ batchSize: 5 })];
    const [remote, ...local] = await Promise.all([other.go(), ...here.map((w) => w.drain(100))]);

    const sent = [remote!, ...local].reduce((n, r) => n + r.delivered, 0);
    expect(sent).toBe(total);
    expect(receiver.deliveries).toHaveLength(total);
    expect(new Set(receiver.deliveries.map((x) => x.id)).size).toBe(total);
    expect(await OutboxMessage.count({ where: { status: 'delivered', attempts: 1 } })).toBe(total);
    // Not a vacuous pass: both this node and the other one sent some.
    expect(remote!.delivered).toBeGreaterThan(0);
    expect(local.reduce((n, r) => n + r.delivered, 0)).toBeGreaterThan(0);
  }, 30_000);

  test('the server runs the dispatcher as a job when WEBHOOK_URL is set', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: SECRET });
    const server = createServer({ config, domain: d, logger: createLogger('silent') });
    try {
      const orderNo = await buyerCancels();
      const deadline = Date.now() + 10_000;
      while (receiver.deliveries.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(receiver.deliveries.map((x) => [x.event, x.body.data.orderNo, x.signed])).toEqual([
        ['order.created', orderNo, true],
        ['order.cancelled', orderNo, true],
      ]);
    } finally {
      await server.close();
    }
  });
});

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** A second server node: its own process and connection pool, draining the same outbox when told to go. */
async function startNodeProcess(databaseUrl: string, now: string, url: string): Promise<{ go(): Promise<{ delivered: number }> }> {
  const script = `
    require('tsx/cjs/api').register();
    const { openDomain, ManualClock } = require(${JSON.stringify(path.join(ROOT, 'models'))});
    const { WebhookDispatcher } = require(${JSON.stringify(path.join(ROOT, 'server/webhooks/dispatcher'))});
    (async () => {
      const domain = await openDomain({ databaseUrl: ${JSON.stringify(databaseUrl)}, clock: new ManualClock(${JSON.stringify(now)}), migrate: false });
      const w = new WebhookDispatcher({ db: domain.db, clock: domain.clock, url: ${JSON.stringify(url)}, secret: ${JSON.stringify(SECRET)}, batchSize: 5 });
      process.stdout.write('READY\\n');
      await new Promise((r) => process.stdin.once('data', r));
      const report = await w.drain(100);
      process.stdout.write(JSON.stringify(report) + '\\n');
      await domain.close();
    })().catch((err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: ROOT });
  let out = '';
  let err = '';
  child.stderr.on('data', (c) => (err += c));
  const exited = new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`node exited ${code}: ${err}`)))));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('READY\n')) resolve();
    });
    exited.catch(reject);
  });
  return {
    go: async () => {
      child.stdin.end('go\n');
      await exited;
      return JSON.parse(out.split('\n').filter(Boolean).pop()!);
    },
  };
}
