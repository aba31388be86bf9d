// Large seeded databases for the domain benchmarks, built once and cached: a SQLite file under data/bench/ and a
// PostgreSQL template database. Each run works on a throwaway copy, so the cache stays pristine. The cache key
// includes a digest of the seed's sources, so changing the generator rebuilds instead of benchmarking stale data.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { ManualClock, openDomain } from '../../models';
import { seedDemo } from '../../server/seed';

const ROOT = path.resolve(__dirname, '../..');
export const BENCH_DIR = path.join(ROOT, 'data/bench');
/** Fixed, so a rebuilt cache holds the same rows. */
export const BENCH_NOW = new Date('2026-11-02T10:00:00Z');
const BENCH_SEED = 20_261_102;
export const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface WorkingDatabase {
  url: string;
  drop(): Promise<void>;
}

function seedDigest(): string {
  const dir = path.join(ROOT, 'server/seed');
  const hash = createHash('sha256');
  for (const f of fs.readdirSync(dir).filter((name) => name.endsWith('.ts')).sort()) hash.update(fs.readFileSync(path.join(dir, f)));
  return hash.digest('hex').slice(0, 8);
}

async function build(url: string, orders: number, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  const domain = await openDomain({ databaseUrl: url, clock: new ManualClock(BENCH_NOW) });
  try {
    await seedDemo(domain, { orders, seed: BENCH_SEED, now: BENCH_NOW, log: (line) => line.startsWith('orders') || log(line) });
  } finally {
    await domain.close();
  }
  log(`seeded ${orders} orders in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const removeSqlite = (file: string) => ['', '-wal', '-shm', '-journal'].forEach((s) => fs.rmSync(file + s, { force: true }));

/** A working copy of the cached SQLite database (built first if missing or `rebuild`). */
export async function sqliteDatabase(orders: number, rebuild: boolean, log: (line: string) => void): Promise<WorkingDatabase & { cached: string; builtNow: boolean }> {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const cached = path.join(BENCH_DIR, `orders-${orders}-${seedDigest()}.sqlite`);
  const builtNow = rebuild || !fs.existsSync(cached);
  if (builtNow) {
    log(`sqlite: building ${path.relative(ROOT, cached)} (${orders} orders)…`);
    const partial = `${cached}.building`;
    removeSqlite(partial);
    await build(partial, orders, log);
    removeSqlite(cached);
    fs.renameSync(partial, cached);
  }
  const url = path.join(BENCH_DIR, `work-${process.pid}.sqlite`);
  fs.copyFileSync(cached, url);
  return { url, cached, builtNow, drop: async () => removeSqlite(url) };
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const withDatabase = (name: string): string => {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

/** Database `name`, replacing a leftover of that name: empty, or a copy of `template`; dropped by `drop`. */
async function freshDatabase(name: string, template?: string): Promise<WorkingDatabase> {
  const drop = `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`;
  await admin(async (c) => {
    await c.query(drop);
    await c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  });
  return { url: withDatabase(name), drop: () => admin(async (c) => void (await c.query(drop))) };
}

/** An empty PostgreSQL database (the server migrates it). */
export const emptyPostgresDatabase = (): Promise<WorkingDatabase> => freshDatabase(`kadesk_bench_empty_${process.pid}`);

/** A fresh PostgreSQL database cloned from the cached template (built first if missing or `rebuild`). */
export async function postgresDatabase(orders: number, rebuild: boolean, log: (line: string) => void): Promise<WorkingDatabase & { builtNow: boolean }> {
  const template = `kadesk_bench_tpl_${orders}_${seedDigest()}`;
  const exists = await admin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount === 1);
  const builtNow = rebuild || !exists;
  if (builtNow) {
    log(`postgres: building template database ${template} (${orders} orders)…`);
    const partial = `${template}_building`;
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${partial} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${partial}`);
    });
    await build(withDatabase(partial), orders, log);
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await c.query(`ALTER DATABASE ${partial} RENAME TO ${template}`);
    });
  }
  return { ...(await freshDatabase(`kadesk_bench_${process.pid}`, template)), builtNow };
}
