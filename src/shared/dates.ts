// Calendar dates as 'YYYY-MM-DD' strings, with no library: profiles and pages use them too.

/** The service's clock (UTC+6, no daylight saving): dates and deadlines are shown in it. */
export const SERVICE_TIME_ZONE = 'Asia/Bishkek';
const SERVICE_UTC_OFFSET_MS = 6 * 3600_000;

/** Today's date as 'YYYY-MM-DD' in UTC+6 (Bishkek), the service's calendar. */
export function todayIso(now = new Date()): string {
  return new Date(now.getTime() + SERVICE_UTC_OFFSET_MS).toISOString().slice(0, 10);
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
/** Each language's month names, for a date typed as day / month / year. */
export const MONTH_NAMES: Record<DateLanguage, readonly string[]> = {
  ru: [
    'январь',
    'февраль',
    'март',
    'апрель',
    'май',
    'июнь',
    'июль',
    'август',
    'сентябрь',
    'октябрь',
    'ноябрь',
    'декабрь',
  ],
  ky: [
    'январь',
    'февраль',
    'март',
    'апрель',
    'май',
    'июнь',
    'июль',
    'август',
    'сентябрь',
    'октябрь',
    'ноябрь',
    'декабрь',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};
/** How a time says its zone: the service's, whatever the reader's computer is set to. */
const ZONE_LABEL: Record<DateLanguage, string> = {
  ru: 'время Бишкека',
  ky: 'Бишкек убактысы',
  en: 'Bishkek time',
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

/** An instant in the service's time zone, labelled: «3 дек. 2026, 14:05 (время Бишкека)». */
export function formatDateTime(instant: Date | string, language: string): string {
  const shifted = new Date(new Date(instant).getTime() + SERVICE_UTC_OFFSET_MS).toISOString();
  return `${formatDate(shifted, language)}, ${shifted.slice(11, 16)} (${ZONE_LABEL[asLanguage(language)]})`;
}

/** Only the time of day of an instant, in the service's time zone, labelled: «14:05 (время Бишкека)». */
export function formatTime(instant: Date | string, language: string): string {
  const shifted = new Date(new Date(instant).getTime() + SERVICE_UTC_OFFSET_MS).toISOString();
  return `${shifted.slice(11, 16)} (${ZONE_LABEL[asLanguage(language)]})`;
}
