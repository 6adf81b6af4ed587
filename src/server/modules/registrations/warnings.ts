import type { Translate } from '../../http/i18n.js';
import type { Language } from '../../../shared/profiles/index.js';
import { formatDate } from '../../../shared/dates.js';
import { formatMoney } from '../../../shared/money.js';
import type { DayCount } from '../../../shared/profiles/calendar.js';

/** What «Проверка данных» finds worth saying but not refusing: the host sees it, operators see it as a flag. */
export type RegistrationWarning =
  | { code: 'capacity'; capacity: number; registered: number }
  /** Many applications at one property, or by one host, in a short time (fictitious registration?). */
  | { code: 'busyProperty' | 'busyHost'; count: number; days: number }
  /** The passport is valid through the period, but only just: the foreigner may need a new one here. */
  | { code: 'passportExpiring'; expiry: string; days: number }
  /** Under the profile's adult age: allowed with a parent or guardian, whom the operator checks. */
  | { code: 'minor'; age: number }
  | ({
      code: 'late';
      /** The last day registration was due: entry + the profile's days, in its unit. */
      deadline: string;
      /** The fine the host risks, and the most a repeat offence costs where the law says. */
      fine?: { minMinor: number; maxMinor: number; repeatMaxMinor?: number; currency: string };
    } & DayCount);

/** How many were at the place and by the host when an application is made: what the counted flags read. */
export interface FlagCounts {
  /** Active registrations at the property for overlapping days. */
  registered: number;
  /** Applications at the place (however many hosts added it) in the profile's "busy" window. */
  recentAtProperty: number;
  recentByHost: number;
}

/** The flags that count other applications: capacity and the profile's "busy" thresholds. */
export function countedWarnings(
  busy: { days: number; perProperty: number; perHost: number },
  capacity: number,
  counts: FlagCounts,
): RegistrationWarning[] {
  const warnings: RegistrationWarning[] = [];
  if (counts.registered + 1 > capacity)
    warnings.push({ code: 'capacity', capacity, registered: counts.registered });
  // This one would be the next: flagged once it passes the profile's threshold.
  if (counts.recentAtProperty + 1 > busy.perProperty)
    warnings.push({ code: 'busyProperty', count: counts.recentAtProperty + 1, days: busy.days });
  if (counts.recentByHost + 1 > busy.perHost)
    warnings.push({ code: 'busyHost', count: counts.recentByHost + 1, days: busy.days });
  return warnings;
}

/** Whether a warning is one that countedWarnings makes (and a later count makes again). */
export const isCounted = (warning: RegistrationWarning) =>
  warning.code === 'capacity' || warning.code === 'busyProperty' || warning.code === 'busyHost';

/** Flags stored before the profile named its unit counted working days only. */
type StoredLateFlag = { code: 'late'; deadline: string; workingDays: number };

const PERIOD_KEYS: Record<DayCount['unit'], string> = {
  working: 'registration.warnings.period.working',
  calendar: 'registration.warnings.period.calendar',
};

/** A warning in words: numbers and dates as the language writes them. */
export function warningMessage(
  translate: Translate,
  language: Language,
  warning: RegistrationWarning,
): string {
  if (warning.code === 'capacity') return translate(language, 'registration.warnings.capacity', warning);
  if (warning.code === 'passportExpiring')
    return translate(language, 'registration.warnings.passportExpiring', {
      expiry: formatDate(warning.expiry, language),
      days: warning.days,
    });
  if (warning.code !== 'late') return translate(language, `registration.warnings.${warning.code}`, warning);
  const { days, unit } =
    'workingDays' in warning
      ? { days: (warning as StoredLateFlag).workingDays, unit: 'working' as const }
      : warning;
  const money = (minor: number, currency: string) =>
    formatMoney(minor, currency, language, { wholeOnly: minor % 100 === 0 });
  const key = !warning.fine
    ? 'registration.warnings.late'
    : warning.fine.repeatMaxMinor
      ? 'registration.warnings.lateFineRepeat'
      : 'registration.warnings.lateFine';
  return translate(language, key, {
    deadline: formatDate(warning.deadline, language),
    period: translate(language, PERIOD_KEYS[unit], { count: days }),
    ...(warning.fine
      ? {
          min: money(warning.fine.minMinor, warning.fine.currency),
          max: money(warning.fine.maxMinor, warning.fine.currency),
          ...(warning.fine.repeatMaxMinor
            ? { repeatMax: money(warning.fine.repeatMaxMinor, warning.fine.currency) }
            : {}),
        }
      : {}),
  });
}

/** A passport that runs out within this many days after the period is flagged. */
export const PASSPORT_EXPIRING_DAYS = 30;
