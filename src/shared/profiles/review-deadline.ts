import { isWorkingDay, type WorkingCalendar } from './calendar.js';
import { addDays } from '../dates.js';

/** The service's clock: Bishkek, UTC+6 (as todayIso). */
const OFFSET_MS = 6 * 3600_000;

/**
 * When an operator must have decided: by the end of the first working day after the day the
 * application was submitted («в течение 1 рабочего дня»). Submitted on Friday evening, it is
 * due at the end of Monday, or of Tuesday when Monday is a holiday.
 */
export function reviewDeadline(calendar: WorkingCalendar, submittedAt: Date): Date {
  const localDay = new Date(submittedAt.getTime() + OFFSET_MS).toISOString().slice(0, 10);
  let day = addDays(localDay, 1);
  while (!isWorkingDay(calendar, day)) day = addDays(day, 1);
  // 23:59:59.999 local on that day.
  return new Date(Date.parse(`${addDays(day, 1)}T00:00:00Z`) - OFFSET_MS - 1);
}
