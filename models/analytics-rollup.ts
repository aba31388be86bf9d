// Pre-aggregated cancellation analytics that stay exact as orders change. Orders and cancellations are
// append-only (an order is never deleted, its placement time and product never change, a cancellation row is
// written once), so a rollup is a sum over a prefix of their ids:
//   - `analytics_order_hours` (CST day × hour × product): orders placed, and how many of them were cancelled;
//   - `analytics_cancel_days` (CST day of the cancellation × product × category × reason): cancellations, refunds.
// Each table's prefix ends at its watermark (`analytics_watermarks`). `fold()` moves a watermark forward and adds
// the rows it passes, in one transaction (the watermark is updated first, compare-and-set, so two nodes never add
// a row twice). Every read is rollup + the rows past the watermark aggregated live, in ONE statement (one
// snapshot), so answers are exact whenever the job last ran; the job only keeps the live tail short. The tail is
// found by primary-key range and filtered by its computed CST day, never through the created_at index (which
// would make the planner walk every order of the range instead of the few past the watermark).
// On PostgreSQL ids can commit out of order, so the watermark only passes rows older than `lagMs` (a transaction
// open that long does not happen here); on SQLite commits are serial and there is no lag.
import { QueryTypes, Transaction } from 'sequelize';
import { cstParts } from './analytics-range';
import type { Clock } from './clock';
import type { Database } from './db';

export interface RollupDeps {
  db: Database;
  clock: Clock;
  /** Rows per fold transaction (a bounded write lock on SQLite). */
  chunk?: number;
  lagMs?: number;
}

const SOURCES = ['orders', 'cancellations'] as const;
type Source = (typeof SOURCES)[number];

const POSTGRES_LAG_MS = 60_000;
const CHUNK = 100_000;
const watermark = (name: Source) => `(SELECT last_id FROM analytics_watermarks WHERE name = '${name}')`;

export class CancellationRollup {
  private readonly chunk: number;
  private readonly lagMs: number;

  constructor(private readonly deps: RollupDeps) {
    this.chunk = deps.chunk ?? CHUNK;
    this.lagMs = deps.lagMs ?? (deps.db.dialect === 'postgres' ? POSTGRES_LAG_MS : 0);
  }

  private get dialect() {
    return this.deps.db.dialect;
  }

  private async scalar(sql: string, replacements: Record<string, unknown> = {}, transaction?: Transaction): Promise<number> {
    const [row] = await this.deps.db.sequelize.query<{ v: number | string | null }>(sql, { replacements, type: QueryTypes.SELECT, transaction });
    return Number(row?.v ?? 0);
  }

  /** The highest id every row at or below which is surely committed. */
  private async foldableUpTo(source: Source): Promise<number> {
    if (this.lagMs === 0) return this.scalar(`SELECT MAX(id) AS v FROM ${source}`);
    const cutoff = new Date(this.deps.clock.now().getTime() - this.lagMs);
    const firstRecent = await this.scalar(`SELECT MIN(id) AS v FROM ${source} WHERE created_at >= :cutoff`, { cutoff });
    return firstRecent ? firstRecent - 1 : this.scalar(`SELECT MAX(id) AS v FROM ${source}`);
  }

  private foldSql(source: Source): string[] {
    const upsert = (table: string, key: string, sets: string[]) =>
      `ON CONFLICT (${key}) DO UPDATE SET ${sets.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')}`;
    const hours = (from: string, counted: 'orders' | 'cancelled') => {
      const p = cstParts(this.dialect, 'o.created_at');
      const counts = counted === 'orders' ? 'COUNT(*), 0' : '0, COUNT(*)';
      return `INSERT INTO analytics_order_hours (day, hour, product_id, dow, merchant_id, orders, cancelled)
        SELECT day, hour, product_id, dow, merchant_id, ${counts} FROM (
          SELECT ${p.day} AS day, ${p.hour} AS hour, ${p.dow} AS dow, o.product_id, o.merchant_id ${from}
        ) x WHERE 1 = 1 GROUP BY day, hour, product_id, dow, merchant_id
        ${upsert('analytics_order_hours', 'day, hour, product_id', [counted])}`;
    };
    if (source === 'orders') return [hours('FROM orders o WHERE o.id > :from AND o.id <= :to', 'orders')];
    const c = cstParts(this.dialect, 'c.created_at');
    return [
      hours('FROM cancellations c JOIN orders o ON o.id = c.order_id WHERE c.id > :from AND c.id <= :to', 'cancelled'),
      `INSERT INTO analytics_cancel_days (day, product_id, category, reason_code, merchant_id, cancellations, refunded_cents)
        SELECT day, product_id, category, reason_code, merchant_id, COUNT(*), SUM(refunded_cents) FROM (
          SELECT ${c.day} AS day, c.product_id, c.category, c.reason_code, c.merchant_id, c.refunded_cents FROM cancellations c WHERE c.id > :from AND c.id <= :to
        ) x WHERE 1 = 1 GROUP BY day, product_id, category, reason_code, merchant_id
        ${upsert('analytics_cancel_days', 'day, product_id, category, reason_code', ['cancellations', 'refunded_cents'])}`,
    ];
  }

  /** Folds at most one chunk of each source; returns how many ids each watermark moved. */
  async foldOnce(): Promise<Record<Source, number>> {
    const moved = { orders: 0, cancellations: 0 };
    for (const source of SOURCES) {
      const upTo = await this.foldableUpTo(source);
      moved[source] = await this.deps.db.transaction(async (t) => {
        const from = await this.scalar(`SELECT last_id AS v FROM analytics_watermarks WHERE name = :source`, { source }, t);
        const to = Math.min(upTo, from + this.chunk);
        if (to <= from) return 0;
        const [, claimed] = await this.deps.db.sequelize.query(`UPDATE analytics_watermarks SET last_id = :to WHERE name = :source AND last_id = :from`, {
          replacements: { to, from, source },
          transaction: t,
          type: QueryTypes.UPDATE,
        });
        // Another node moved it first (its fold is the one that counts); nothing of ours is written.
        if (claimed === 0) return 0;
        for (const sql of this.foldSql(source)) await this.deps.db.sequelize.query(sql, { replacements: { from, to }, transaction: t });
        return to - from;
      });
    }
    return moved;
  }

  /** Folds until both watermarks are as far as they may go. */
  async fold(): Promise<Record<Source, number>> {
    const total = { orders: 0, cancellations: 0 };
    for (;;) {
      const moved = await this.foldOnce();
      total.orders += moved.orders;
      total.cancellations += moved.cancellations;
      if (moved.orders === 0 && moved.cancellations === 0) return total;
    }
  }

  /**
   * Rows (day, hour, dow, product_id, merchant_id, orders, cancelled) for orders placed on CST days :from…:to: the
   * rollup plus the live tail.
   */
  orderHoursSource(): string {
    const o = cstParts(this.dialect, 'o.created_at');
    return `SELECT day, hour, dow, product_id, merchant_id, orders, cancelled FROM analytics_order_hours WHERE day >= :from AND day <= :to
      UNION ALL
      SELECT * FROM (
        SELECT ${o.day} AS day, ${o.hour} AS hour, ${o.dow} AS dow, o.product_id, o.merchant_id, 1 AS orders, 0 AS cancelled FROM orders o
          WHERE o.id > ${watermark('orders')}
        UNION ALL
        SELECT ${o.day}, ${o.hour}, ${o.dow}, o.product_id, o.merchant_id, 0, 1 FROM cancellations c JOIN orders o ON o.id = c.order_id
          WHERE c.id > ${watermark('cancellations')}
      ) tail WHERE day >= :from AND day <= :to`;
  }

  /** Rows (day, product_id, merchant_id, category, reason_code, cancellations, refunded_cents) for cancellations in the range. */
  cancelDaysSource(): string {
    const c = cstParts(this.dialect, 'c.created_at');
    return `SELECT day, product_id, merchant_id, category, reason_code, cancellations, refunded_cents FROM analytics_cancel_days WHERE day >= :from AND day <= :to
      UNION ALL
      SELECT * FROM (
        SELECT ${c.day} AS day, c.product_id, c.merchant_id, c.category, c.reason_code, 1 AS cancellations, c.refunded_cents FROM cancellations c
          WHERE c.id > ${watermark('cancellations')}
      ) tail WHERE day >= :from AND day <= :to`;
  }
}

