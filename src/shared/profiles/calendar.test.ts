import { describe, expect, it } from 'vitest';
import { addDayCount, addWorkingDays, isWorkingDay } from './calendar';
import { kg } from './kg';
import { reviewDeadline } from './review-deadline';
import { ru } from './ru';

describe('working-day calendars', () => {
  it('kg 2026: holidays are not worked, commemorative days are, weekends never', () => {
    for (const holiday of [
      '2026-01-05',
      '2026-01-07',
      '2026-03-20',
      '2026-05-05',
      '2026-05-27',
      '2026-08-31',
    ])
      expect(isWorkingDay(kg.calendar, holiday), holiday).toBe(false);
    // 23 February, 7 April and 7–8 November are worked (the last two fall on a weekend anyway).
    expect(isWorkingDay(kg.calendar, '2026-02-23')).toBe(true);
    expect(isWorkingDay(kg.calendar, '2026-04-07')).toBe(true);
    expect(isWorkingDay(kg.calendar, '2026-03-23')).toBe(true);
    expect(isWorkingDay(kg.calendar, '2026-03-22')).toBe(false); // a Sunday
    // 8 March 2026 is a Sunday and is not moved to Monday.
    expect(isWorkingDay(kg.calendar, '2026-03-09')).toBe(true);
  });

  it('ru 2026 and 2027: the Labour Code holidays and the Government’s transfers', () => {
    const offDays = (year: number) =>
      [
        ...['01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08'],
        ...['02-23', '03-08', '05-01', '05-09', '06-12', '11-04'],
      ].map((day) => `${year}-${day}`);
    for (const day of [...offDays(2026), ...offDays(2027)])
      expect(isWorkingDay(ru.calendar, day), day).toBe(false);
    // 2026: Saturday 3 January → Friday 9 January, Sunday 4 January → Thursday 31 December;
    // 8 March (Sunday) → Monday 9 March, 9 May (Saturday) → Monday 11 May.
    for (const day of ['2026-01-09', '2026-12-31', '2026-03-09', '2026-05-11'])
      expect(isWorkingDay(ru.calendar, day), day).toBe(false);
    // 2027: Saturday 2 January → Friday 5 November, Sunday 3 January → Friday 31 December,
    // Saturday 20 February worked → Monday 22 February off; 1 May → 3 May, 9 May → 10 May, 12 June → 14 June.
    for (const day of ['2027-11-05', '2027-12-31', '2027-02-22', '2027-05-03', '2027-05-10', '2027-06-14'])
      expect(isWorkingDay(ru.calendar, day), day).toBe(false);
    expect(isWorkingDay(ru.calendar, '2027-02-20')).toBe(true); // a Saturday, worked
    expect(isWorkingDay(ru.calendar, '2027-02-21')).toBe(false); // its Sunday stays off
    // Ordinary days around them: the first working days of the year, and the eve of 4 November.
    for (const day of ['2026-01-12', '2026-11-03', '2026-12-30', '2027-01-11', '2027-11-03'])
      expect(isWorkingDay(ru.calendar, day), day).toBe(true);
    expect(ru.calendar.years).toEqual([2026, 2027]);
  });

  it('a worked Saturday counts as a working day in every deadline', () => {
    // Thursday 18 February 2027: Friday 19, Saturday 20 (worked), then Wednesday 24.
    expect(addWorkingDays(ru.calendar, '2027-02-18', 2)).toBe('2027-02-20');
    expect(addWorkingDays(ru.calendar, '2027-02-18', 3)).toBe('2027-02-24');
    // An operator's day: submitted on Friday 19 February, due at the end of Saturday 20.
    expect(reviewDeadline(ru.calendar, ru.clock, new Date('2027-02-19T10:00:00+03:00')).toISOString()).toBe(
      new Date('2027-02-20T23:59:59.999+03:00').toISOString(),
    );
  });

  it('counts working days past holidays and weekends', () => {
    // Thursday 30 April, then 1–9 May off and a Sunday: five working days end on Friday 15 May.
    expect(addWorkingDays(kg.calendar, '2026-04-30', 5)).toBe('2026-05-15');
    // ru: an arrival in the New Year holidays counts from Monday 12 January.
    expect(addWorkingDays(ru.calendar, '2026-01-05', 7)).toBe('2026-01-21');
    expect(addWorkingDays(ru.calendar, '2026-06-11', 1)).toBe('2026-06-15');
    expect(addWorkingDays(ru.calendar, '2026-06-15', 0)).toBe('2026-06-15');
  });

  it('counts the notice deadline in the unit the profile declares', () => {
    expect(kg.registration.lateAfter).toEqual({ days: 5, unit: 'working' });
    expect(ru.registration.lateAfter).toEqual({ days: 7, unit: 'calendar' });
    // kg: working days, as before the unit was declared: Thursday 30 April → Friday 15 May.
    expect(addDayCount(kg.calendar, '2026-04-30', kg.registration.lateAfter)).toBe('2026-05-15');
    expect(addDayCount(kg.calendar, '2026-03-19', kg.registration.lateAfter)).toBe(
      addWorkingDays(kg.calendar, '2026-03-19', 5),
    );
    // ru: seven calendar days, holidays and weekends included: in by 12 January for an arrival on
    // the 5th (working days would have run to the 21st), by 8 May for one on 1 May.
    expect(addDayCount(ru.calendar, '2026-01-05', ru.registration.lateAfter)).toBe('2026-01-12');
    expect(addDayCount(ru.calendar, '2026-05-01', ru.registration.lateAfter)).toBe('2026-05-08');
    expect(addDayCount(ru.calendar, '2026-12-28', ru.registration.lateAfter)).toBe('2027-01-04');
    // Either unit works with either calendar: it is the profile's choice, not the country's.
    expect(addDayCount(ru.calendar, '2026-01-05', { days: 7, unit: 'working' })).toBe('2026-01-21');
    expect(addDayCount(kg.calendar, '2026-04-30', { days: 5, unit: 'calendar' })).toBe('2026-05-05');
  });

  it('marks the Aits after 2026 as expected until the authorities announce them', () => {
    expect(kg.calendar.expected).toEqual(expect.arrayContaining(['2027-03-10', '2027-05-17']));
    for (const date of kg.calendar.expected ?? []) expect(kg.calendar.holidays).toContain(date);
  });
});

describe('status words', () => {
  it('kg names statuses as its portal does, ru as its own', async () => {
    const ru_ = (await import('../i18n/ru.json')).default as unknown as {
      archive: Record<string, Record<string, string>>;
    };
    const words = (profile: typeof kg, status: string) =>
      ru_.archive[profile.statusWords.split('.')[1]!]![status];
    expect([words(kg, 'submitted'), words(kg, 'approved'), words(kg, 'rejected')]).toEqual([
      'Заявка подана',
      'Регистрация действительна',
      'Отклонено',
    ]);
    expect([
      words(ru, 'submitted'),
      words(ru, 'documents_requested'),
      words(ru, 'approved'),
      words(ru, 'rejected'),
    ]).toEqual(['В обработке', 'На проверке документов', 'Одобрено', 'Отклонено']);
  });
});
