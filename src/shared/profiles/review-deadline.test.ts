import { describe, expect, it } from 'vitest';
import { isRegistrationNumber, luhnCheckDigit, randomRegistrationNumber } from '../registration-number';
import { kg } from './kg';
import { ru } from './ru';
import { reviewDeadline } from './review-deadline';

const local = (iso: string) => new Date(`${iso}+06:00`);
const due = (submitted: string) => reviewDeadline(kg.calendar, kg.clock, local(submitted)).toISOString();

describe('the operators’ deadline: one working day', () => {
  it('is the end of the next working day', () => {
    expect(due('2026-11-26T10:00:00')).toBe(local('2026-11-27T23:59:59.999').toISOString()); // Thu → Fri
  });
  it('a Friday evening submission is due on Monday evening', () => {
    expect(due('2026-11-27T19:30:00')).toBe(local('2026-11-30T23:59:59.999').toISOString());
  });
  it('skips holidays: before Nooruz and the weekend', () => {
    // Thursday 19 March 2026: Friday 20 (Orozo Ait), Sat 21 (Nooruz), Sun 22 → Monday 23.
    expect(due('2026-03-19T09:00:00')).toBe(local('2026-03-23T23:59:59.999').toISOString());
  });
  it('counts in Bishkek time: 23:30 UTC on Thursday is already Friday there', () => {
    expect(reviewDeadline(kg.calendar, kg.clock, new Date('2026-11-26T23:30:00Z')).toISOString()).toBe(
      local('2026-11-30T23:59:59.999').toISOString(),
    );
  });
  it('counts in the profile’s own zone: the same instant is still Thursday in Moscow', () => {
    expect(reviewDeadline(ru.calendar, ru.clock, new Date('2026-11-26T20:30:00Z')).toISOString()).toBe(
      new Date('2026-11-27T23:59:59.999+03:00').toISOString(),
    );
  });
});

describe('registration numbers', () => {
  it('are 14 digits like the guide’s sample, with a Luhn check digit that catches a typo', () => {
    // The sample 59930207077349 shows the shape; its last digit follows some other rule.
    expect(luhnCheckDigit('5993020707734')).toBe(6);
    expect(isRegistrationNumber('59930207077346')).toBe(true);
    expect(isRegistrationNumber('59930207077349')).toBe(false);
    expect(isRegistrationNumber('59930207707346')).toBe(false); // two digits swapped
    expect(isRegistrationNumber('09930207077346')).toBe(false);
  });
  it('random ones are 14 digits with a valid check digit', () => {
    for (let i = 0; i < 200; i++) {
      const number = randomRegistrationNumber((n) => Math.floor(Math.random() * n));
      expect(number).toMatch(/^[1-9]\d{13}$/);
      expect(isRegistrationNumber(number)).toBe(true);
    }
  });
});
