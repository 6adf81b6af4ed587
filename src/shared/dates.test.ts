import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateMultilingual,
  formatDateTime,
  formatPeriod,
  formatTime,
  todayIso,
} from './dates';
import { kg } from './profiles/kg';
import { ru } from './profiles/ru';

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
  it('a card read in three languages names the month in each, once', () => {
    expect(formatDateMultilingual('1990-05-17', ['ky', 'ru', 'en'])).toBe('17 май/мая/May 1990');
    expect(formatDateMultilingual('2026-12-23', ['ky', 'ru', 'en'])).toBe('23 дек./Dec 2026');
    expect(formatDateMultilingual('2026-12-23', ['en'])).toBe('23 Dec 2026');
  });
  it('a period joins two dates', () => {
    expect(formatPeriod('2026-12-03', '2027-01-02', 'en')).toBe('3 Dec 2026 – 2 Jan 2027');
  });
  it('times are on the profile’s clock, whatever the computer says, and say so', () => {
    expect(formatDateTime('2026-12-03T20:30:00Z', 'en', kg.clock)).toBe('4 Dec 2026, 02:30 (Bishkek time)');
    expect(formatDateTime(new Date('2026-12-03T08:05:00Z'), 'ru', kg.clock)).toBe(
      '3 дек. 2026, 14:05 (время Бишкека)',
    );
    expect(formatTime('2026-12-03T08:05:00Z', 'ky', kg.clock)).toBe('14:05 (Бишкек убактысы)');
    expect(formatDateTime('2026-12-03T20:30:00Z', 'en', ru.clock)).toBe('3 Dec 2026, 23:30 (Moscow time)');
    expect(formatTime('2026-12-03T08:05:00Z', 'ru', ru.clock)).toBe('11:05 (московское время)');
  });
  it('today is the profile’s today: 20:00 UTC is already tomorrow in Bishkek, still today in Moscow', () => {
    expect(todayIso(new Date('2026-12-03T20:00:00Z'), ru.clock)).toBe('2026-12-03');
    expect(todayIso(new Date('2026-12-03T20:00:00Z'), kg.clock)).toBe('2026-12-04');
  });
});
