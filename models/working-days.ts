// Refund arrival promises are counted in working days in China Standard Time (UTC+8, no DST).
const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The instant `days` working days (Mon–Fri, CST) after `from`, at the same wall-clock time. */
export function addWorkingDays(from: Date, days: number): Date {
  let t = from.getTime();
  let left = days;
  while (left > 0) {
    t += DAY_MS;
    const weekday = new Date(t + CST_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return new Date(t);
}
