import { useRef, useState } from 'react';
import type { FieldValues, Path, PathValue, UseFormGetValues, UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { useDates } from '../../components/dates';
import type { z } from 'zod';
import { mrzResponse } from '../../../shared/schemas/responses';

export type MrzResponse = z.infer<typeof mrzResponse>;

export type ReadingState =
  | { kind: 'idle' }
  /** `keepsTyping`: what is typed meanwhile stays, and the page says so. */
  | { kind: 'reading'; keepsTyping?: boolean }
  // 'invalidFilled': the check digits failed, but the fields were filled as printed.
  | { kind: 'done'; status: MrzResponse['status'] | 'invalidFilled' }
  | { kind: 'error'; message: string };

/**
 * A field the passport's zone was read into. `kept`: the host typed something else into it while
 * the page was being read, and that stays (the reading is shown beside it).
 */
interface ReadField {
  value: string;
  uncertain: boolean;
  kept: boolean;
}

/** ICAO codes that are not ISO 3166 alpha-3. */
const ICAO_TO_ISO: Record<string, string> = { D: 'DEU' };

/** Form field ← MRZ field; `uncertain` names MRZ fields. */
function formValues(mrz: MrzResponse): Record<string, { value: string; mrzField: string }> {
  const out: Record<string, { value: string; mrzField: string }> = {};
  const put = (field: string, mrzField: string, value: string | undefined) => {
    if (value) out[field] = { value, mrzField };
  };
  put('surname', 'surname', mrz.surname);
  put('givenNames', 'givenNames', mrz.givenNames);
  put('birthDate', 'birthDate', mrz.birthDate);
  if (mrz.sex === 'M' || mrz.sex === 'F') put('sex', 'sex', mrz.sex);
  put('passportNumber', 'documentNumber', mrz.documentNumber);
  put(
    'passportCountry',
    'issuingState',
    mrz.issuingState ? (ICAO_TO_ISO[mrz.issuingState] ?? mrz.issuingState) : undefined,
  );
  put('passportExpiryDate', 'expiryDate', mrz.expiryDate);
  if (mrz.personalNumber && /^\d{14}$/.test(mrz.personalNumber))
    put('personalNumber', 'personalNumber', mrz.personalNumber);
  if (mrz.documentCode)
    put('passportType', 'documentCode', mrz.documentCode.startsWith('P') ? 'passport' : 'id_card');
  return out;
}

/**
 * Sends the chosen passport page to the reader and fills the form with what it read. Reading takes
 * seconds on a busy server and nothing waits for it: with `getValues`, a field the host types into
 * meanwhile keeps what was typed (the reading is set beside it, for the operator to compare).
 */
export function usePassportReading<T extends FieldValues>(
  ticket: string | undefined,
  setValue: UseFormSetValue<T>,
  getValues?: UseFormGetValues<T>,
) {
  const { t } = useTranslation();
  const dates = useDates();
  const [state, setState] = useState<ReadingState>({ kind: 'idle' });
  const [filled, setFilled] = useState<Record<string, ReadField>>({});
  // Only the page chosen last fills the form, whichever answer comes back first.
  const latest = useRef(0);

  const read = async (file: File) => {
    const attempt = ++latest.current;
    const before: Record<string, unknown> | undefined = getValues?.();
    setState({ kind: 'reading', keepsTyping: Boolean(getValues) });
    const form = new FormData();
    if (ticket) form.append('ticket', ticket);
    form.append('file', file, file.name);
    try {
      const mrz = await api('/api/documents/mrz', mrzResponse, { form });
      if (attempt !== latest.current) return;
      const readAsPrinted = mrz.status === 'invalid' && mrz.documentNumber !== undefined;
      setState({ kind: 'done', status: readAsPrinted ? 'invalidFilled' : mrz.status });
      if (mrz.status !== 'ok' && !readAsPrinted) return;
      const now: Record<string, unknown> | undefined = getValues?.();
      const next: Record<string, ReadField> = {};
      for (const [field, { value, mrzField }] of Object.entries(formValues(mrz))) {
        const typed = String(now?.[field] ?? '');
        const kept =
          now !== undefined &&
          typed !== String(before?.[field] ?? '') &&
          typed.toUpperCase() !== value.toUpperCase();
        if (!kept) setValue(field as Path<T>, value as PathValue<T, Path<T>>, { shouldValidate: true });
        next[field] = { value, uncertain: mrz.uncertain.includes(mrzField), kept };
      }
      setFilled(next);
    } catch (error) {
      if (attempt !== latest.current) return;
      setState({
        kind: 'error',
        message: error instanceof ApiError && error.message ? error.message : t('errors.network'),
      });
    }
  };

  const badge = (field: string) => {
    const read = filled[field];
    if (!read) return null;
    if (read.kept) {
      const value = /^\d{4}-\d{2}-\d{2}$/.test(read.value) ? dates.date(read.value) : read.value;
      return <span className="badge badge--check"> — {t('mrz.differs', { value })}</span>;
    }
    return (
      <span className={read.uncertain ? 'badge badge--check' : 'badge'}>
        {' '}
        — {read.uncertain ? t('mrz.check') : t('forms.filledFromPassport')}
      </span>
    );
  };

  const changedFields = (values: Record<string, unknown>) =>
    Object.entries(filled)
      .filter(([field, { value }]) => String(values[field] ?? '').toUpperCase() !== value.toUpperCase())
      .map(([field]) => field);

  return { state, read, filled, badge, changedFields };
}

export function PassportReadingStatus({ state }: { state: ReadingState }) {
  const { t } = useTranslation();
  const text =
    state.kind === 'reading'
      ? state.keepsTyping
        ? t('mrz.readingKeepTyping')
        : t('mrz.reading')
      : state.kind === 'error'
        ? state.message
        : state.kind === 'done'
          ? {
              ok: t('mrz.filled'),
              'no-mrz': t('mrz.noMrz'),
              invalid: t('mrz.invalid'),
              invalidFilled: t('mrz.invalidFilled'),
              unreadable: t('mrz.notRead'),
              'bad-file': t('errors.file.type'),
            }[state.status]
          : '';
  return (
    <div
      role="status"
      aria-live="polite"
      className={text ? (state.kind === 'reading' ? 'notice notice--progress' : 'notice') : undefined}
    >
      {state.kind === 'reading' && <span className="spinner" aria-hidden="true" />}
      {text}
    </div>
  );
}
