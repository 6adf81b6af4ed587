import { isWorkingDay, type WorkingCalendar } from './calendar.js';
import { addDays, endOfDay, type ServiceClock, todayIso } from '../dates.js';

/**
 * When an operator must have decided: by the end of the first working day after the day the
 * application was submitted («в течение 1 рабочего дня»). Submitted on Friday evening, it is
 * due at the end of Monday, or of Tuesday when Monday is a holiday.
 */
export function reviewDeadline(calendar: WorkingCalendar, clock: ServiceClock, submittedAt: Date): Date {
  let day = addDays(todayIso(submittedAt, clock), 1);
  while (!isWorkingDay(calendar, day)) day = addDays(day, 1);
  return endOfDay(day, clock);
}
