import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatPeriod, formatTime } from './dates';

describe('dates as each language writes them', () => {
  it('names the month, so the day is never taken for it', () => {
    expect(formatDate('2026-12-03', 'ru')).toBe('3 дек. 2026');
    expect(formatDate('2026-12-03', 'ky')).toBe('2026-ж., 3-дек.');
    expect(formatDate('1975-01-02', 'en')).toBe('2 Jan 1975');
    expect(formatDate('2026-05-09', 'ru')).toBe('9 мая 2026');
  });
  it('a missing or malformed date is a dash', () => {
    expect(formatDate(null, 'en')).toBe('—');
    expect(formatDate('02-01-1975', 'en')).toBe('—');
    expect(formatDate('2026-13-01', 'en')).toBe('—');
  });
  it('a period joins two dates', () => {
    expect(formatPeriod('2026-12-03', '2027-01-02', 'en')).toBe('3 Dec 2026 – 2 Jan 2027');
  });
  it('times are in Bishkek time (UTC+6), whatever the computer says, and say so', () => {
    expect(formatDateTime('2026-12-03T20:30:00Z', 'en')).toBe('4 Dec 2026, 02:30 (Bishkek time)');
    expect(formatDateTime(new Date('2026-12-03T08:05:00Z'), 'ru')).toBe('3 дек. 2026, 14:05 (время Бишкека)');
    expect(formatTime('2026-12-03T08:05:00Z', 'ky')).toBe('14:05 (Бишкек убактысы)');
  });
});
