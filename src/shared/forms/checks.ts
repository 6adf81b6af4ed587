import type { CountryProfile } from '../profiles/profile.js';
import { daysBetween, yearsBetween } from '../dates.js';
import type { Answers } from './form.js';
import type { FormContext } from './kinds.js';

/** Says a field is wrong: its name and the i18n key of the message shown on it. */
export type Flag = (field: string, message: string) => void;

/** A rule between answers, run once each answer has been checked on its own. */
export type Check = (
  answers: Answers,
  context: FormContext & { profile: CountryProfile },
  flag: Flag,
) => void;

const text = (answers: Answers, name: string) => {
  const value = answers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * The cross-field rules a form may name. Each is a pure function of the answers, the day and the
 * profile's rules, so the browser and the server find the same problems.
 */
export const CHECKS: Record<string, Check> = {
  /** A passport's dates in order: born < issued < expires. */
  passportDates(answers, _context, flag) {
    const [born, issued, expires] = ['birthDate', 'passportIssueDate', 'passportExpiryDate'].map((n) =>
      text(answers, n),
    );
    if (issued && born && issued <= born) flag('passportIssueDate', 'errors.passportIssueDate.beforeBirth');
    if (expires && issued && expires <= issued)
      flag('passportExpiryDate', 'errors.passportExpiryDate.beforeIssue');
  },

  /** The foreigner entered after being born and before the stay registered begins. */
  entryDate(answers, _context, flag) {
    const [entry, born, from] = ['entryDate', 'birthDate', 'periodFrom'].map((n) => text(answers, n));
    if (entry && born && entry < born) flag('entryDate', 'errors.registration.entryDate.beforeBirth');
    if (entry && from && entry > from) flag('entryDate', 'errors.registration.entryDate.afterPeriodStart');
  },

  /** The period is in order, no longer than the profile allows, not over, and within the passport's life. */
  period(answers, { today, profile }, flag) {
    const [from, to, expires] = ['periodFrom', 'periodTo', 'passportExpiryDate'].map((n) => text(answers, n));
    if (!from || !to) return;
    if (to < from) flag('periodTo', 'errors.registration.periodTo.beforeFrom');
    else if (daysBetween(from, to) + 1 > profile.registration.maxPeriodDays)
      flag('periodTo', 'errors.registration.periodTo.tooLong');
    if (to < today) flag('periodTo', 'errors.registration.periodTo.past');
    // The passport must stay valid through the whole stay registered.
    if (expires && expires < to)
      flag('passportExpiryDate', 'errors.registration.passportExpiryDate.beforePeriodEnd');
  },

  /** A foreigner under the profile's adult age stays with a parent or guardian. */
  guardian(answers, { today, profile }, flag) {
    const born = text(answers, 'birthDate');
    const from = text(answers, 'periodFrom');
    const minorOn = from && from >= (born ?? '') ? from : today;
    if (born && yearsBetween(born, minorOn) < profile.registration.adultAge && answers.withGuardian !== true)
      flag('withGuardian', 'errors.registration.withGuardian.required');
  },

  /** A visa covers the stay: valid on the day of entry and until the period's last day. */
  visaValidity(answers, _context, flag) {
    const [from, until, entry, periodFrom, periodTo] = [
      'visaValidFrom',
      'visaValidUntil',
      'entryDate',
      'periodFrom',
      'periodTo',
    ].map((n) => text(answers, n));
    if (from && until && until < from)
      flag('visaValidUntil', 'errors.registration.visaValidUntil.beforeFrom');
    else if (until && periodTo && until < periodTo)
      flag('visaValidUntil', 'errors.registration.visaValidUntil.beforePeriodEnd');
    const arrived = entry ?? periodFrom;
    if (from && arrived && from > arrived)
      flag('visaValidFrom', 'errors.registration.visaValidFrom.afterEntry');
  },

  /** A residence permit is issued before the stay registered begins and valid until it ends. */
  permitValidity(answers, _context, flag) {
    const [issued, until, periodFrom, periodTo] = [
      'permitIssueDate',
      'permitValidUntil',
      'periodFrom',
      'periodTo',
    ].map((n) => text(answers, n));
    if (issued && until && until <= issued)
      flag('permitValidUntil', 'errors.registration.permitValidUntil.beforeIssue');
    else if (until && periodTo && until < periodTo)
      flag('permitValidUntil', 'errors.registration.permitValidUntil.beforePeriodEnd');
    if (issued && periodFrom && issued > periodFrom)
      flag('permitIssueDate', 'errors.registration.permitIssueDate.afterPeriodStart');
  },
};
