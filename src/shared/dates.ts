// Calendar dates as 'YYYY-MM-DD' strings, with no library: profiles and pages use them too.

/**
 * The service's clock, as its profile declares it: the calendar day, deadlines and times of day
 * are counted and shown in one zone for the whole country's service (a fixed offset: neither
 * country moves its clocks), whatever the reader's computer is set to.
 */
export interface ServiceClock {
  utcOffsetHours: number;
  /** How a time names the zone, per language: «время Бишкека», «московское время». */
  label: Partial<Record<DateLanguage, string>>;
}

/** A clock with no name, for code that has no profile at hand (tests, the first default). */
const UTC_PLUS_6: ServiceClock = { utcOffsetHours: 6, label: {} };

const local = (instant: Date | string, clock: ServiceClock) =>
  new Date(new Date(instant).getTime() + clock.utcOffsetHours * 3600_000).toISOString();

/** Today's date as 'YYYY-MM-DD' on the service's clock. */
export function todayIso(now = new Date(), clock: ServiceClock = UTC_PLUS_6): string {
  return local(now, clock).slice(0, 10);
}

/** The instant a calendar day ('YYYY-MM-DD') ends on the service's clock: 23:59:59.999 local. */
export function endOfDay(iso: string, clock: ServiceClock): Date {
  return new Date(Date.parse(`${addDays(iso, 1)}T00:00:00Z`) - clock.utcOffsetHours * 3600_000 - 1);
}

/** 'YYYY-MM-DD' moved by `days` (negative: back). */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from one 'YYYY-MM-DD' to another. */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

export function yearsBetween(fromIso: string, toIso: string): number {
  const [fy, fm, fd] = fromIso.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = toIso.split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

// One way to write a date per language, on every screen, e-mail, SMS and PDF. The month names are
// ours: Node's and Chromium's ICU have none for Kyrgyz (they print "2026 M12 3"). A month in
// letters leaves no doubt about which number is the day, in English too.
type DateLanguage = 'ru' | 'ky' | 'en';
const MONTHS: Record<DateLanguage, readonly string[]> = {
  ru: ['янв.', 'февр.', 'мар.', 'апр.', 'мая', 'июн.', 'июл.', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'],
  ky: ['янв.', 'фев.', 'мар.', 'апр.', 'май', 'июн.', 'июл.', 'авг.', 'сен.', 'окт.', 'ноя.', 'дек.'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

const asLanguage = (language: string): DateLanguage =>
  language === 'ky' || language === 'en' ? language : 'ru';

/**
 * A calendar date ('YYYY-MM-DD', or an ISO instant's date part) as the language writes it:
 * ru «3 дек. 2026», ky «2026-ж., 3-дек.», en «3 Dec 2026». Empty or malformed: «—».
 */
export function formatDate(iso: string | null | undefined, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!match) return '—';
  const [, year, month, day] = match;
  const lang = asLanguage(language);
  const name = MONTHS[lang][Number(month) - 1];
  if (!name) return '—';
  const d = Number(day);
  return lang === 'ky' ? `${year}-ж., ${d}-${name}` : `${d} ${name} ${year}`;
}

/** A period of two dates, «3 дек. 2026 – 2 янв. 2027». */
export function formatPeriod(
  from: string | null | undefined,
  to: string | null | undefined,
  language: string,
) {
  return `${formatDate(from, language)} – ${formatDate(to, language)}`;
}

const zoneOf = (clock: ServiceClock, language: string) => {
  const label = clock.label[asLanguage(language)];
  return label ? ` (${label})` : '';
};

/** An instant on the service's clock, labelled: «3 дек. 2026, 14:05 (время Бишкека)». */
export function formatDateTime(
  instant: Date | string,
  language: string,
  clock: ServiceClock = UTC_PLUS_6,
): string {
  const shifted = local(instant, clock);
  return `${formatDate(shifted, language)}, ${shifted.slice(11, 16)}${zoneOf(clock, language)}`;
}

/** Only the time of day of an instant on the service's clock, labelled: «14:05 (время Бишкека)». */
export function formatTime(
  instant: Date | string,
  language: string,
  clock: ServiceClock = UTC_PLUS_6,
): string {
  return `${local(instant, clock).slice(11, 16)}${zoneOf(clock, language)}`;
}

/**
 * A date on a document read in several languages (the registration card), as passports write
 * them: the month in each language, «17 май/мая/May 1990». One language: as that language writes it.
 */
export function formatDateMultilingual(iso: string | null | undefined, languages: readonly string[]): string {
  if (languages.length === 1) return formatDate(iso, languages[0]!);
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  const month = match ? Number(match[2]) - 1 : -1;
  if (!match || month < 0 || month > 11) return '—';
  const names = [...new Set(languages.map((language) => MONTHS[asLanguage(language)][month]!))];
  return `${Number(match[3])} ${names.join('/')} ${match[1]}`;
}
