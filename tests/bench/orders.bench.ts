// Domain benchmarks on a large seeded store (default 1,000,000 orders), on SQLite and PostgreSQL:
//   - a buyer's order history, recentOrders(buyerId, 50): target p99 < 5 ms on SQLite;
//   - cancellations through OrderService.cancel (refund, stock release, credit check, audit): target ≥ 500/s on SQLite;
//   - the real server's resident memory at idle on that database.
// usage: node server/bin/run-ts.js tests/bench/orders.bench.ts [--orders N] [--rebuild] [--queries N] [--cancels N]
//        [--concurrency N] [--no-postgres] [--no-memory]
// The seeded databases are cached (data/bench/*.sqlite, PostgreSQL template kadesk_bench_tpl_*); --rebuild re-seeds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { QueryTypes } from 'sequelize';
import { Buyer, CardKey, Domain, openDomain, Order, Product, recentOrders } from '../../models';
import { Random } from '../../server/seed/random';
import { postgresDatabase, sqliteDatabase, WorkingDatabase } from './bench-databases';
import { latency, Latency, machine, table, timed } from './bench-report';
import { IdleMemory, idleServerMemory } from './bench-server';

const TARGETS = { historyP99Ms: 5, cancelsPerSecond: 500 };
const BOT = { type: 'bot' as const, id: 'bench' };
const GATEWAY = { type: 'merchant' as const, id: 'gateway' };
/** Below the credit policy's thresholds, so the buyers stay allowed to cancel automatically. */
const ORDERS_PER_BUYER = 3;

interface Throughput {
  n: number;
  concurrency: number;
  perSecond: number;
  latency: Latency;
}

interface DialectResult {
  dialect: 'sqlite' | 'postgres';
  version: string;
  seededNow: boolean;
  sizeMiB: number | null;
  history: Latency;
  cancels: Throughput[];
  memory: IdleMemory | { error: string } | null;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

async function benchHistory(domain: Domain, queries: number): Promise<Latency> {
  const [{ maxId }] = await domain.db.sequelize.query<{ maxId: number }>('SELECT MAX(id) AS "maxId" FROM buyers', { type: QueryTypes.SELECT });
  const random = new Random(42);
  const pick = () => random.int(1, Number(maxId));
  for (let i = 0; i < Math.min(200, queries); i += 1) await recentOrders(pick(), 50);
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < queries; i += 1) {
    const buyerId = pick();
    samples.push(await timed(async () => (rows += (await recentOrders(buyerId, 50)).length)));
  }
  if (rows < queries * 10) throw new Error(`history returned only ${rows} orders for ${queries} buyers: is the database seeded?`);
  return latency(samples);
}

/** Paid, undelivered orders on stock products (keys reserved), made through the service itself. */
async function paidOrders(domain: Domain, n: number): Promise<number[]> {
  const products = await Product.findAll({ where: { fulfilment: 'stock', active: true }, order: [['id', 'ASC']] });
  const perProduct = await Promise.all(products.map((p) => CardKey.count({ where: { productId: p.id, status: 'available' } })));
  if (perProduct.reduce((a, b) => a + b, 0) < n) throw new Error(`not enough stock for ${n} orders`);
  const tag = `bench-${process.pid}-${Date.now()}`;
  const buyers = await Buyer.bulkCreate(
    Array.from({ length: Math.ceil(n / ORDERS_PER_BUYER) }, (_, i) => ({ externalId: `${tag}-${i}`, name: '压测买家', phone: null })),
  );
  const ids: number[] = [];
  let p = 0;
  for (let i = 0; i < n; i += 1) {
    while (perProduct[p % products.length] === 0) p += 1;
    const slot = p % products.length;
    perProduct[slot] -= 1;
    p += 1;
    const { order } = await domain.orders.create({ buyerId: buyers[Math.floor(i / ORDERS_PER_BUYER)]!.id, productId: products[slot]!.id, quantity: 1 }, BOT);
    await domain.orders.recordPayment(order.id, { paymentId: `${tag}-pay-${i}`, amountCents: order.amountCents, channel: 'alipay' }, GATEWAY);
    ids.push(order.id);
  }
  return ids;
}

async function benchCancels(domain: Domain, ids: number[], concurrency: number): Promise<Throughput> {
  const samples: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      samples.push(await timed(() => domain.orders.cancel(id, { category: 'user_initiated', reasonCode: 'wrong_item' }, BOT)));
    }
  };
  const wall = await timed(() => Promise.all(Array.from({ length: concurrency }, worker)));
  const done = await Order.count({ where: { id: ids, status: 'refund_pending' } });
  if (done !== ids.length) throw new Error(`only ${done} of ${ids.length} orders ended refund_pending`);
  return { n: ids.length, concurrency, perSecond: Math.round((ids.length / wall) * 1000), latency: latency(samples) };
}

async function runDialect(
  dialect: 'sqlite' | 'postgres',
  o: { orders: number; rebuild: boolean; queries: number; cancels: number; concurrency: number; memory: boolean },
): Promise<DialectResult> {
  const db: WorkingDatabase & { builtNow: boolean; cached?: string } =
    dialect === 'sqlite' ? await sqliteDatabase(o.orders, o.rebuild, log) : await postgresDatabase(o.orders, o.rebuild, log);
  try {
    const domain = await openDomain({ databaseUrl: db.url });
    let result: Omit<DialectResult, 'memory'>;
    try {
      const versionSql = dialect === 'sqlite' ? 'SELECT sqlite_version() AS v' : 'SHOW server_version';
      const [versionRow] = await domain.db.sequelize.query<Record<string, string>>(versionSql, { type: QueryTypes.SELECT });
      log(`${dialect}: history, ${o.queries} queries…`);
      const history = await benchHistory(domain, o.queries);
      log(`${dialect}: preparing ${o.cancels} paid orders…`);
      const ids = await paidOrders(domain, o.cancels);
      const half = Math.floor(ids.length / 2);
      log(`${dialect}: cancelling…`);
      const cancels = [await benchCancels(domain, ids.slice(0, half), 1), await benchCancels(domain, ids.slice(half), o.concurrency)];
      result = {
        dialect,
        version: Object.values(versionRow ?? {})[0] ?? '?',
        seededNow: db.builtNow,
        sizeMiB: db.cached ? Math.round(fs.statSync(db.cached).size / 2 ** 20) : null,
        history,
        cancels,
      };
    } finally {
      await domain.close();
    }
    let memory: DialectResult['memory'] = null;
    if (o.memory) {
      log(`${dialect}: idle server memory…`);
      memory = await idleServerMemory(db.url).catch((err: Error) => ({ error: err.message.split('\n').slice(0, 3).join(' ') }));
    }
    return { ...result, memory };
  } finally {
    await db.drop();
  }
}

function report(results: DialectResult[], orders: number, load: { before: number[]; after: number[] }): string {
  const m = machine();
  const col = (f: (r: DialectResult) => string) => results.map(f);
  const mem = (r: DialectResult, key: 'rssPeakMiB' | 'hwmMiB') => (!r.memory ? 'skipped' : 'error' in r.memory ? 'failed' : `${r.memory[key]} MiB`);
  const rows = [
    ['recentOrders(buyer, 50) p50', '', ...col((r) => `${r.history.p50Ms} ms`)],
    ['recentOrders(buyer, 50) p99', `< ${TARGETS.historyP99Ms} ms (sqlite)`, ...col((r) => `${r.history.p99Ms} ms`)],
    ...[0, 1].map((i) => [
      `cancellations/s (${results[0]!.cancels[i]!.concurrency} in flight)`,
      i === 0 ? `≥ ${TARGETS.cancelsPerSecond}/s (sqlite)` : '',
      ...col((r) => `${r.cancels[i]!.perSecond}/s (p99 ${r.cancels[i]!.latency.p99Ms} ms)`),
    ]),
    ['server idle RSS (peak)', '', ...col((r) => mem(r, 'rssPeakMiB'))],
    ['server VmHWM (incl. startup)', '', ...col((r) => mem(r, 'hwmMiB'))],
    ['database size', '', ...col((r) => (r.sizeMiB === null ? '—' : `${r.sizeMiB} MiB`))],
  ];
  return [
    `KaDesk domain benchmarks: ${orders.toLocaleString('en')} seeded orders`,
    `machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, node ${m.node}, ${m.platform}`,
    `engines: ${results.map((r) => `${r.dialect} ${r.version}`).join(', ')}`,
    // The figures are only as good as the machine was quiet: other work on these 2 cores skews them.
    `load average (1/5/15 min) before ${load.before.map((x) => x.toFixed(2)).join(' ')}, after ${load.after.map((x) => x.toFixed(2)).join(' ')}`,
    '',
    table(['metric', 'target', ...results.map((r) => r.dialect)], rows),
  ].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      orders: { type: 'string', default: '1000000' },
      rebuild: { type: 'boolean', default: false },
      queries: { type: 'string', default: '2000' },
      cancels: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '8' },
      'no-postgres': { type: 'boolean', default: false },
      'no-memory': { type: 'boolean', default: false },
    },
  });
  const num = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${values[name]}`);
    return n;
  };
  const o = { orders: num('orders'), rebuild: values.rebuild!, queries: num('queries'), cancels: num('cancels'), concurrency: num('concurrency'), memory: !values['no-memory'] };
  const load = { before: os.loadavg(), after: [] as number[] };
  const results = [await runDialect('sqlite', o)];
  if (!values['no-postgres']) results.push(await runDialect('postgres', o));
  load.after = os.loadavg();

  const text = report(results, o.orders, load);
  log(`\n${text}\n`);
  const sqlite = results[0]!;
  const verdict = {
    historyP99: sqlite.history.p99Ms < TARGETS.historyP99Ms,
    cancelsPerSecond: sqlite.cancels[0]!.perSecond >= TARGETS.cancelsPerSecond,
  };
  log(`targets (sqlite): history p99 ${verdict.historyP99 ? 'met' : 'MISSED'}, cancellations/s ${verdict.cancelsPerSecond ? 'met' : 'MISSED'}`);
  const out = path.join(__dirname, 'results/orders.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), machine: machine(), loadAverage: load, options: o, targets: TARGETS, verdict, results }, null, 2)}\n`);
  log(`results written to ${path.relative(process.cwd(), out)}`);
  return verdict.historyP99 && verdict.cancelsPerSecond ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exitCode = 2;
  },
);
