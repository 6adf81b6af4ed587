import { useTranslation } from 'react-i18next';
import type { SummaryRow } from '../../../shared/forms/summary';
import { countryName } from '../CountrySelect';
import { useDates } from '../dates';

const DASH = '—';

/**
 * One answer in words, by its field's kind: an option by its label, a date as the language writes
 * it, a country by its name, a phone as an international number. A place of stay is the caller's
 * to name (it knows the places).
 */
export function useAnswerText(placeName: (id: unknown) => string = () => DASH) {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  return (row: Pick<SummaryRow, 'kind' | 'value' | 'optionLabel'>): string => {
    const { value } = row;
    if (row.kind === 'property') return placeName(value);
    if (row.kind === 'boolean') return value === true ? '✓' : DASH;
    if (value === undefined || value === null || value === '') return DASH;
    if (row.kind === 'select') return row.optionLabel ? t(row.optionLabel) : String(value);
    if (row.kind === 'date') return dates.date(String(value));
    if (row.kind === 'country') return countryName(String(value), i18n.language);
    // Checked values hold the digits only; an international number reads with its '+'.
    if (row.kind === 'phone') return `+${String(value)}`;
    return String(value);
  };
}
