import { useTranslation } from 'react-i18next';
import { pageProfile } from '../i18n';
import { formatDate, formatDateTime, formatPeriod, formatTime, todayIso } from '../../shared/dates';

/** Dates in the page's language, as the e-mails and the card write them; times in the service's zone. */
export function useDates() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return {
    date: (iso: string | null | undefined) => formatDate(iso, language),
    period: (from: string | null | undefined, to: string | null | undefined) =>
      formatPeriod(from, to, language),
    /** The calendar day of an instant, in the service's zone. */
    day: (instant: Date | string) => formatDate(todayIso(new Date(instant), pageProfile.clock), language),
    dateTime: (instant: Date | string) => formatDateTime(instant, language, pageProfile.clock),
    time: (instant: Date | string) => formatTime(instant, language, pageProfile.clock),
  };
}
