// Date ranges of the supervisor views: China-time calendar days, inclusive, and the SQL that buckets a
// timestamp column into CST days and hours on either dialect.
import { z } from 'zod';
import type { Dialect } from './db';
import { DomainError } from './errors';
import { parseInput } from './validate';

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const MAX_DAYS = 366;
const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

export const rangeQuery = z.object({ from: DAY.optional(), to: DAY.optional() });

export interface DayRange {
  /** First and last CST day, inclusive. */
  from: string;
  to: string;
  /** The same range as UTC instants: [start, end). */
  start: Date;
  end: Date;
}

/** The CST calendar day of an instant. */
export const cstDay = (at: Date): string => new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);

export const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export const dayStart = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - CST_OFFSET_MS);

export function toRange(from: string, to: string): DayRange {
  return { from, to, start: dayStart(from), end: dayStart(addDays(to, 1)) };
}

/** `from`/`to` as given, defaulting to the 30 days ending today (CST); at most 366 days, from ≤ to. */
export function parseRange(query: unknown, now: Date): DayRange {
  const q = parseInput(rangeQuery, query);
  const to = q.to ?? cstDay(now);
  const from = q.from ?? addDays(to, -29);
  if (from > to) throw new DomainError('VALIDATION_FAILED', 'from: must not be after to', { from, to });
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_DAYS) throw new DomainError('VALIDATION_FAILED', `the range may span at most ${MAX_DAYS} days`, { from, to });
  return toRange(from, to);
}

/** SQL for a timestamp column's CST day ('YYYY-MM-DD'), hour (0–23) and weekday (0 = Sunday … 6 = Saturday). */
export function cstParts(dialect: Dialect, column: string): { day: string; hour: string; dow: string } {
  if (dialect === 'postgres') {
    const local = `(${column} AT TIME ZONE 'Asia/Shanghai')`;
    return { day: `to_char(${local}, 'YYYY-MM-DD')`, hour: `CAST(EXTRACT(HOUR FROM ${local}) AS INTEGER)`, dow: `CAST(EXTRACT(DOW FROM ${local}) AS INTEGER)` };
  }
  return {
    day: `strftime('%Y-%m-%d', ${column}, '+8 hours')`,
    hour: `CAST(strftime('%H', ${column}, '+8 hours') AS INTEGER)`,
    dow: `CAST(strftime('%w', ${column}, '+8 hours') AS INTEGER)`,
  };
}

export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
export const rateOf = (part: number, whole: number): number | null => (whole === 0 ? null : round4(part / whole));
