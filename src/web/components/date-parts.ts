import type { FieldErrors, FieldValues, Path, Resolver } from 'react-hook-form';
import { dateFromDdMmYyyy } from '../../shared/profiles/profile';

// A date typed as day, month and year in three boxes (the GOV.UK date input). The form holds one
// string, so the shared schemas and the server see what they always saw: 'YYYY-MM-DD' once the
// three boxes make a date, '' while all are empty, and, while they do not, the boxes as typed
// ('2007--27': the month missing), which the schema refuses and `dateProblem` explains.

export interface DateParts {
  day: string;
  month: string;
  year: string;
}
export type DatePart = keyof DateParts;
export const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year'];
const EMPTY: DateParts = { day: '', month: '', year: '' };

/** The form's value as the three boxes show it: an ISO date without leading zeros (27 3 2007). */
export function partsFromValue(value: unknown): DateParts {
  if (typeof value !== 'string' || value === '') return EMPTY;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return { day: String(Number(iso[3])), month: String(Number(iso[2])), year: iso[1]! };
  const [year = '', month = '', day = ''] = value.split('-');
  return { day, month, year };
}

/** The three boxes as the form's value: ISO when each holds digits of the right length. */
export function valueFromParts(parts: DateParts): string {
  // The boxes' separator cannot be typed into a box, or the value would not split back the same.
  const [day, month, year] = DATE_PARTS.map((part) => parts[part].trim().replace(/-/g, '')) as [
    string,
    string,
    string,
  ];
  if (!day && !month && !year) return '';
  if (/^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year))
    return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return `${year}-${month}-${day}`;
}

export interface DateProblem {
  /** An i18n key, as the shared schemas' messages are. */
  message: string;
  /** The boxes to mark; all three when the date as a whole is wrong. */
  parts: DatePart[];
}

const MISSING: Record<DatePart, string> = {
  day: 'errors.date.missingDay',
  month: 'errors.date.missingMonth',
  year: 'errors.date.missingYear',
};

/**
 * What is wrong with what was typed in the boxes, in the words a person can act on: a box left
 * empty, letters, a two-digit year, a day or month that does not exist (31 February, month 13).
 * Nothing typed at all is not a problem here: the schema says the field is needed, in its words.
 */
export function dateProblem(value: unknown): DateProblem | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const parts = partsFromValue(value);
  const missing = DATE_PARTS.filter((part) => parts[part] === '');
  if (missing.length === 1) return { message: MISSING[missing[0]!], parts: missing };
  if (missing.length > 1) return { message: 'errors.date.incomplete', parts: missing };
  const notDigits = DATE_PARTS.filter((part) => !/^\d+$/.test(parts[part]));
  if (notDigits.length > 0) return { message: 'errors.date.numbers', parts: notDigits };
  if (parts.year.length !== 4) return { message: 'errors.date.year', parts: ['year'] };
  const month = Number(parts.month);
  if (parts.month.length > 2 || month < 1 || month > 12)
    return { message: 'errors.date.invalid', parts: ['month'] };
  const day = parts.day.padStart(2, '0');
  if (parts.day.length > 2 || !dateFromDdMmYyyy(`${day}${parts.month.padStart(2, '0')}${parts.year}`))
    return { message: 'errors.date.invalid', parts: ['day'] };
  return undefined;
}

/**
 * The form's resolver, told which fields are dates in boxes: a date typed in part gets its own
 * message on its field (before anything is sent), and is left out of the rules that compare it
 * with other dates, which would only add a confusing second message elsewhere.
 */
export function withDateParts<T extends FieldValues>(
  resolver: Resolver<T>,
  dateFields: readonly Path<T>[],
): Resolver<T> {
  return async (values, context, options) => {
    const problems = dateFields.flatMap((field) => {
      const problem = dateProblem(values[field]);
      return problem ? [{ field, problem }] : [];
    });
    if (problems.length === 0) return resolver(values, context, options);
    const result = await resolver(
      { ...values, ...Object.fromEntries(problems.map(({ field }) => [field, ''])) },
      context,
      options,
    );
    const errors: Record<string, unknown> = { ...result.errors };
    for (const { field, problem } of problems) errors[field] = { type: 'date', message: problem.message };
    return { values: {}, errors: errors as FieldErrors<T> };
  };
}
