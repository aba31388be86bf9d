import { isoTime } from '../../models/iso-time';

describe('isoTime', () => {
  it.each([
    ['2026-11-24 23:51:31.123 +00:00', '2026-11-24T23:51:31.123Z'], // SQLite, as Sequelize writes dates
    ['2026-11-24T23:51:31.123+00:00', '2026-11-24T23:51:31.123Z'], // PostgreSQL JSON
    ['2026-11-24T23:51:31.123Z', '2026-11-24T23:51:31.123Z'],
    ['2026-11-25 07:51:31.123 +08:00', '2026-11-24T23:51:31.123Z'], // another offset: through Date
    ['2026-11-24T23:51:31.1+00:00', '2026-11-24T23:51:31.100Z'], // fewer digits: through Date
    ['2026-11-24T23:51:31+00:00', '2026-11-24T23:51:31.000Z'],
  ])('%s → %s, the same as Date gives', (stored, expected) => {
    expect(isoTime(stored)).toBe(expected);
    expect(isoTime(stored)).toBe(new Date(stored).toISOString());
  });

  it('takes Date objects', () => {
    expect(isoTime(new Date(Date.UTC(2026, 10, 24, 23, 51, 31, 5)))).toBe('2026-11-24T23:51:31.005Z');
  });

  it('rejects what is not a time, as Date does', () => {
    expect(() => isoTime('yesterday')).toThrow(RangeError);
  });
});
