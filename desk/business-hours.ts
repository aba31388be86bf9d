// Whether the desk is staffed at a moment: service hours are in China time (UTC+8, no DST).
import type { DeskConfig } from './context';

const CST_OFFSET_MIN = 8 * 60;

export function withinHours(hours: DeskConfig['businessHours'], at: Date): boolean {
  const minute = (at.getUTCHours() * 60 + at.getUTCMinutes() + CST_OFFSET_MIN) % (24 * 60);
  return hours.open <= hours.close ? minute >= hours.open && minute < hours.close : minute >= hours.open || minute < hours.close;
}

const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
export const describeHours = (hours: DeskConfig['businessHours']): string => `${hhmm(hours.open)}-${hhmm(hours.close)}`;
