// The cancellation views: rate by product / brand / merchant / day, the hour-of-week heatmap, reasons with their
// trend (and its CSV), and products abnormal against their own baseline. All read CancellationRollup's sources.
import { stringify } from 'csv-stringify/sync';
import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import { addDays, DayRange, parseRange, rangeQuery, rateOf, round4, toRange } from './analytics-range';
import type { CancellationRollup } from './analytics-rollup';
import type { Clock } from './clock';
import type { Database } from './db';
import { CANCEL_CATEGORIES, PRODUCT_TYPES } from './enums';
import { parseInput } from './validate';

const id = z.coerce.number().int().positive();
export const filterQuery = rangeQuery.extend({
  productType: z.enum(PRODUCT_TYPES).optional(),
  merchantId: id.optional(),
  productId: id.optional(),
  brand: z.string().trim().min(1).max(64).optional(),
});
type Filters = z.infer<typeof filterQuery>;

export const RATE_DIMENSIONS = ['product', 'brand', 'merchant', 'day'] as const;
export type RateDimension = (typeof RATE_DIMENSIONS)[number];
const ratesQuery = filterQuery.extend({ by: z.enum(RATE_DIMENSIONS) }).strict();

const alertsQuery = filterQuery
  .extend({
    baselineDays: z.coerce.number().int().min(7).max(180).default(28),
    minZ: z.coerce.number().min(0).max(100).default(3),
    minCancelled: z.coerce.number().int().min(1).default(5),
  })
  .strict();

export interface Rate {
  orders: number;
  cancelled: number;
  rate: number | null;
}

const rate = (orders: number, cancelled: number): Rate => ({ orders, cancelled, rate: rateOf(cancelled, orders) });

const GROUPS: Record<RateDimension, { key: string; label: string }> = {
  product: { key: 's.product_id', label: 'MAX(p.name)' },
  brand: { key: 'p.brand', label: 'p.brand' },
  merchant: { key: 's.merchant_id', label: 'MAX(m.name)' },
  day: { key: 's.day', label: 's.day' },
};

/** Peak heatmap cells must carry at least this share of the busiest cell's orders: a rate on a handful is noise. */
const PEAK_MIN_SHARE = 0.1;
/** Alerts need the range's rate at least this many times the baseline's, besides the z-score. */
const ALERT_MIN_RATIO = 1.5;

const daysOf = (range: DayRange): string[] => {
  const days: string[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) days.push(d);
  return days;
};

export class CancellationAnalytics {
  constructor(private readonly deps: { db: Database; clock: Clock; rollup: CancellationRollup }) {}

  private async select<T extends object>(sql: string, replacements: Record<string, unknown>): Promise<T[]> {
    return this.deps.db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
  }

  private where(f: Filters): string {
    const parts = [
      f.productType ? 'p.type = :productType' : null,
      f.merchantId ? 's.merchant_id = :merchantId' : null,
      f.productId ? 's.product_id = :productId' : null,
      f.brand ? 'p.brand = :brand' : null,
    ].filter(Boolean);
    return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  }

  private binds(f: Filters, range: DayRange): Record<string, unknown> {
    return { ...f, from: range.from, to: range.to };
  }

  private orderHours(group: string, f: Filters, extraJoin = ''): string {
    return `SELECT ${group}, SUM(s.orders) AS orders, SUM(s.cancelled) AS cancelled
      FROM (${this.deps.rollup.orderHoursSource()}) s JOIN products p ON p.id = s.product_id ${extraJoin} ${this.where(f)}`;
  }

  async rates(query: unknown) {
    const q = parseInput(ratesQuery, query);
    const range = parseRange(q, this.deps.clock.now());
    const g = GROUPS[q.by];
    const join = q.by === 'merchant' ? 'JOIN merchants m ON m.id = s.merchant_id' : '';
    const rows = await this.select<{ key: string | number; label: string; orders: string; cancelled: string }>(
      `${this.orderHours(`${g.key} AS key, ${g.label} AS label`, q, join)} GROUP BY ${g.key}`,
      this.binds(q, range),
    );
    let out = rows.map((r) => ({ key: r.key, label: String(r.label), ...rate(Number(r.orders), Number(r.cancelled)) }));
    if (q.by === 'day') {
      const byDay = new Map(out.map((r) => [String(r.key), r]));
      out = daysOf(range).map((day) => byDay.get(day) ?? { key: day, label: day, ...rate(0, 0) });
    } else out.sort((a, b) => b.orders - a.orders || String(a.key).localeCompare(String(b.key)));
    const total = rate(
      out.reduce((s, r) => s + r.orders, 0),
      out.reduce((s, r) => s + r.cancelled, 0),
    );
    return { by: q.by, from: range.from, to: range.to, total, rows: out };
  }

  async heatmap(query: unknown) {
    const q = parseInput(filterQuery.strict(), query);
    const range = parseRange(q, this.deps.clock.now());
    const rows = await this.select<{ dow: number; hour: number; orders: string; cancelled: string }>(
      `${this.orderHours('s.dow AS dow, s.hour AS hour', q)} GROUP BY s.dow, s.hour`,
      this.binds(q, range),
    );
    const at = new Map(rows.map((r) => [`${(Number(r.dow) + 6) % 7}:${Number(r.hour)}`, r]));
    const cells = Array.from({ length: 7 * 24 }, (_, i) => {
      const dow = Math.floor(i / 24);
      const hour = i % 24;
      const r = at.get(`${dow}:${hour}`);
      return { dow, hour, ...rate(Number(r?.orders ?? 0), Number(r?.cancelled ?? 0)) };
    });
    const busiest = Math.max(0, ...cells.map((c) => c.orders));
    const eligible = cells.filter((c) => c.orders > 0 && c.orders >= busiest * PEAK_MIN_SHARE);
    const peak = eligible.reduce<(typeof cells)[number] | null>((best, c) => (!best || c.rate! > best.rate! || (c.rate === best.rate && c.cancelled > best.cancelled) ? c : best), null);
    const total = rate(
      cells.reduce((s, c) => s + c.orders, 0),
      cells.reduce((s, c) => s + c.cancelled, 0),
    );
    return { from: range.from, to: range.to, total, cells, peak };
  }

  private async reasonRows(q: Filters, range: DayRange) {
    const rows = await this.select<{ day: string; category: string; reasonCode: string; count: string; refunded: string }>(
      `SELECT s.day AS day, s.category AS category, s.reason_code AS "reasonCode", SUM(s.cancellations) AS count, SUM(s.refunded_cents) AS refunded
        FROM (${this.deps.rollup.cancelDaysSource()}) s JOIN products p ON p.id = s.product_id ${this.where(q)}
        GROUP BY s.day, s.category, s.reason_code ORDER BY s.day, s.category, s.reason_code`,
      this.binds(q, range),
    );
    return rows.map((r) => ({ day: r.day, category: r.category, reasonCode: r.reasonCode, count: Number(r.count), refundedCents: Number(r.refunded) }));
  }

  async reasons(query: unknown) {
    const q = parseInput(filterQuery.strict(), query);
    const range = parseRange(q, this.deps.clock.now());
    const rows = await this.reasonRows(q, range);
    const total = rows.reduce((s, r) => s + r.count, 0);
    const share = (n: number) => (total === 0 ? null : round4(n / total));
    const byCategory = CANCEL_CATEGORIES.map((category) => {
      const count = rows.filter((r) => r.category === category).reduce((s, r) => s + r.count, 0);
      return { category, count, share: share(count) };
    });
    const reasons = new Map<string, { category: string; reasonCode: string; count: number; refundedCents: number }>();
    for (const r of rows) {
      const key = `${r.category}:${r.reasonCode}`;
      const acc = reasons.get(key) ?? { category: r.category, reasonCode: r.reasonCode, count: 0, refundedCents: 0 };
      acc.count += r.count;
      acc.refundedCents += r.refundedCents;
      reasons.set(key, acc);
    }
    const byReason = [...reasons.values()].map((r) => ({ ...r, share: share(r.count) })).sort((a, b) => b.count - a.count);
    const trend = daysOf(range).map((day) => {
      const mine = rows.filter((r) => r.day === day);
      const byCat: Record<string, number> = Object.fromEntries(CANCEL_CATEGORIES.map((c) => [c, 0]));
      const byCode: Record<string, number> = {};
      for (const r of mine) {
        byCat[r.category] = (byCat[r.category] ?? 0) + r.count;
        byCode[r.reasonCode] = (byCode[r.reasonCode] ?? 0) + r.count;
      }
      return { day, total: mine.reduce((s, r) => s + r.count, 0), byCategory: byCat, byReason: byCode };
    });
    return { from: range.from, to: range.to, total, byCategory, byReason, trend };
  }

  /** The reason report as CSV (UTF-8 with a BOM so spreadsheet programs read the file as UTF-8). */
  async reasonsCsv(query: unknown): Promise<string> {
    const q = parseInput(filterQuery.strict(), query);
    const rows = await this.reasonRows(q, parseRange(q, this.deps.clock.now()));
    return stringify(
      rows.map((r) => [r.day, r.category, r.reasonCode, r.count, (r.refundedCents / 100).toFixed(2)]),
      { header: true, columns: ['day', 'category', 'reason_code', 'cancellations', 'refunded_yuan'], bom: true },
    );
  }

  /**
   * Products whose cancellation rate in the range is abnormally high against their own rate in the
   * `baselineDays` before it: a one-sided binomial z-score (see desk/supervisor/README.md).
   */
  async alerts(query: unknown) {
    const q = parseInput(alertsQuery, query);
    const range = parseRange(q, this.deps.clock.now());
    const baseline = toRange(addDays(range.from, -q.baselineDays), addDays(range.from, -1));
    const whole = toRange(baseline.from, range.to);
    const rows = await this.select<{ productId: number; name: string; brand: string; merchantId: number; wo: string; wc: string; bo: string; bc: string }>(
      `SELECT s.product_id AS "productId", MAX(p.name) AS name, MAX(p.brand) AS brand, MAX(s.merchant_id) AS "merchantId",
          SUM(CASE WHEN s.day >= :windowFrom THEN s.orders ELSE 0 END) AS wo, SUM(CASE WHEN s.day >= :windowFrom THEN s.cancelled ELSE 0 END) AS wc,
          SUM(CASE WHEN s.day < :windowFrom THEN s.orders ELSE 0 END) AS bo, SUM(CASE WHEN s.day < :windowFrom THEN s.cancelled ELSE 0 END) AS bc
        FROM (${this.deps.rollup.orderHoursSource()}) s JOIN products p ON p.id = s.product_id ${this.where(q)}
        GROUP BY s.product_id`,
      { ...this.binds(q, whole), windowFrom: range.from },
    );
    const alerts = rows.flatMap((r) => {
      const window = rate(Number(r.wo), Number(r.wc));
      const base = rate(Number(r.bo), Number(r.bc));
      if (window.orders === 0 || base.orders === 0 || window.cancelled < q.minCancelled) return [];
      const p = window.cancelled / window.orders;
      const p0 = Math.max(base.cancelled / base.orders, 0.5 / base.orders);
      if (p0 >= 1) return [];
      const z = (p - p0) / Math.sqrt((p0 * (1 - p0)) / window.orders);
      if (z < q.minZ || p < ALERT_MIN_RATIO * p0) return [];
      return [{ productId: Number(r.productId), name: r.name, brand: r.brand, merchantId: Number(r.merchantId), window, baseline: base, ratio: round4(p / p0), z: Math.round(z * 100) / 100 }];
    });
    alerts.sort((a, b) => b.z - a.z);
    return {
      from: range.from,
      to: range.to,
      baseline: { from: baseline.from, to: baseline.to },
      method: `one-sided binomial z-score of the range's cancellation rate against the product's own rate in the ${q.baselineDays} days before; flagged when z >= ${q.minZ}, cancelled >= ${q.minCancelled} and rate >= ${ALERT_MIN_RATIO}x baseline`,
      alerts,
    };
  }
}
