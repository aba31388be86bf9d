// `kadesk seed [--orders N] [--seed S] [--force]`: rebuilds the deterministic demo data set.
import { parseArgs } from 'node:util';
import { openDomain } from '../../models';
import { loadConfig } from '../config';
import { DEFAULT_ORDERS, DEFAULT_SEED, isEmpty, seedDemo } from '../seed';
import { wipeDomain } from '../seed/writer';

const USAGE = `usage: kadesk seed [--orders N] [--seed S] [--force]
  --orders N   how many orders to generate (default ${DEFAULT_ORDERS})
  --seed S     random seed; the same seed gives the same data (default ${DEFAULT_SEED})
  --force      wipe the existing domain data (orders, buyers, catalog…) first
`;

const integer = (name: string, raw: string | undefined, fallback: number, min: number): number | string => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= min ? value : `--${name} must be an integer ≥ ${min}, got "${raw}"`;
};

export async function seed(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { orders: { type: 'string' }, seed: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const orders = integer('orders', parsed.values.orders, DEFAULT_ORDERS, 1);
  const seedValue = integer('seed', parsed.values.seed, DEFAULT_SEED, 0);
  for (const value of [orders, seedValue]) {
    if (typeof value === 'string') {
      process.stderr.write(`${value}\n${USAGE}`);
      return 2;
    }
  }

  const config = loadConfig();
  const domain = await openDomain({ databaseUrl: config.databaseUrl, paymentTtlMinutes: config.paymentTtlMinutes });
  try {
    if (!(await isEmpty(domain))) {
      if (!parsed.values.force) {
        process.stderr.write('The database already has demo or store data (orders, buyers or catalog). Re-run with --force to wipe it and reseed.\n');
        return 2;
      }
      process.stdout.write('wiping existing domain data…\n');
      await wipeDomain(domain.db);
    }
    const summary = await seedDemo(domain, {
      orders: orders as number,
      seed: seedValue as number,
      paymentTtlMinutes: config.paymentTtlMinutes,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    const statuses = Object.entries(summary.byStatus)
      .sort(([, a], [, b]) => b - a)
      .map(([status, n]) => `${status} ${n}`)
      .join(', ');
    process.stdout.write(
      `seeded ${summary.orders} orders for ${summary.buyers} buyers (seed ${summary.seed}) in ${(summary.ms / 1000).toFixed(1)} s\n  ${statuses}\n`,
    );
    return 0;
  } finally {
    await domain.close();
  }
}
