// Display formats: yuan amounts, times of day, waiting times and countdowns.
import type { Lang } from '../i18n';

export const yuan = (cents: number): string => `¥${(cents / 100).toFixed(2)}`;

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'zh-CN');

export const clockTime = (iso: string, lang: Lang): string => new Date(iso).toLocaleTimeString(locale(lang), { hour: '2-digit', minute: '2-digit' });

export const dateTime = (iso: string, lang: Lang): string =>
  new Date(iso).toLocaleString(locale(lang), { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** `m:ss`, or `h:mm:ss` past the hour; the sign is the caller's. */
export function duration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
