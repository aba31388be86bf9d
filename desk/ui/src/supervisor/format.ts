// Figures as supervisors read them: rates as %, durations in ms / s / min, counts grouped.
import type { Lang } from '../i18n';

export const pct = (rate: number | null | undefined, digits = 1): string => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`);

export const count = (n: number, lang: Lang): string => n.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN');

export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${(value / 1000).toFixed(1)} s`;
  return `${(value / 60_000).toFixed(1)} min`;
}

/** `YYYY-MM-DD` of a day in China time (the server's calendar), `daysAgo` before today. */
export function cstDay(daysAgo = 0): string {
  const cst = new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000);
  return cst.toISOString().slice(0, 10);
}
