import { addDays } from '../dates.js';

/**
 * A country's working days as data: weekends plus the public holidays of each year. Holidays that
 * move every year (the Aits in Kyrgyzstan) are published late, so a year's dates may be marked
 * expected until the authorities confirm them; they count as holidays meanwhile.
 */
export interface WorkingCalendar {
  /** Days of the week that are not worked: 0 = Sunday … 6 = Saturday. */
  weekend: readonly number[];
  /** Non-working days that are not weekends (or are, where a law lists them anyway), 'YYYY-MM-DD'. */
  holidays: readonly string[];
  /** The holidays above that are expected, not yet confirmed. */
  expected?: readonly string[];
  /**
   * Weekend days that are worked: where a government moves a day off to join a holiday to the
   * weekend, the weekend day it came from becomes a working day.
   */
  workingWeekends?: readonly string[];
  /** Years the data covers: outside them only weekends are known. */
  years: readonly number[];
}

export function isWorkingDay(calendar: WorkingCalendar, iso: string): boolean {
  if (calendar.holidays.includes(iso)) return false;
  if (calendar.workingWeekends?.includes(iso)) return true;
  return !calendar.weekend.includes(new Date(`${iso}T00:00:00Z`).getUTCDay());
}

/** The date `days` working days after `iso` (0: `iso` itself if it is worked, else the next working day). */
export function addWorkingDays(calendar: WorkingCalendar, iso: string, days: number): string {
  let date = iso;
  let left = days;
  while (!isWorkingDay(calendar, date)) date = addDays(date, 1);
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(calendar, date)) left -= 1;
  }
  return date;
}

/**
 * A span of days as a law writes it: working days skip the calendar's weekends and holidays,
 * calendar days count every day.
 */
export interface DayCount {
  days: number;
  unit: 'working' | 'calendar';
}

/** The date a span of days after `iso` ends on: the last day something is due. */
export function addDayCount(calendar: WorkingCalendar, iso: string, count: DayCount): string {
  return count.unit === 'working' ? addWorkingDays(calendar, iso, count.days) : addDays(iso, count.days);
}

/** Every date from `from` to `to` inclusive (for writing holiday ranges as data). */
export function dateRange(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}
