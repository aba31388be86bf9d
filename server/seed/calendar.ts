// When demo orders happen: 90 days of China Standard Time, busier in the evening and at the weekend.
import { Random, WeightedTable } from './random';

const HOUR_MS = 3_600_000;
const CST_OFFSET_MS = 8 * HOUR_MS;
export const DEMO_DAYS = 90;

// Share of a day's orders by CST hour: quiet small hours, a lunch bump, the evening game-time peak.
const HOUR_WEIGHTS = [2.0, 1.2, 0.6, 0.3, 0.2, 0.2, 0.4, 0.8, 1.2, 1.6, 1.9, 2.0, 2.4, 2.2, 2.0, 2.0, 2.1, 2.3, 2.6, 3.2, 3.8, 4.0, 3.6, 2.8];
const WEEKEND_FACTOR = 1.35;

const cst = (at: number): Date => new Date(at + CST_OFFSET_MS);

/** Friday, Saturday or Sunday, 19:00–24:00 CST: when game-card buyers cancel most. */
export function isWeekendEvening(at: number): boolean {
  const d = cst(at);
  const day = d.getUTCDay();
  return (day === 5 || day === 6 || day === 0) && d.getUTCHours() >= 19;
}

/** KM + the CST wall-clock time to the second + four digits, as OrderService numbers orders. */
export function orderNumber(at: number, suffix: number): string {
  const stamp = cst(at).toISOString().replace(/\D/g, '').slice(0, 14);
  return `KM${stamp}${String(suffix % 10_000).padStart(4, '0')}`;
}

/** Samples order instants in the `DEMO_DAYS` before `now`, shaped by hour of day and weekend. */
export class OrderCalendar {
  readonly start: number;
  private readonly slots: WeightedTable;

  constructor(readonly now: number) {
    this.start = now - DEMO_DAYS * 24 * HOUR_MS;
    const weights = Array.from({ length: DEMO_DAYS * 24 }, (_, i) => {
      const d = cst(this.start + i * HOUR_MS);
      const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
      return HOUR_WEIGHTS[d.getUTCHours()]! * (weekend ? WEEKEND_FACTOR : 1);
    });
    this.slots = new WeightedTable(weights);
  }

  sample(random: Random): number {
    return this.start + (this.slots.sample(random) + random.float()) * HOUR_MS;
  }
}
