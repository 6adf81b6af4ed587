import { useState } from 'react';
import type { FieldValues, Path, PathValue, UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { apiUnchecked, ApiError } from '../../api/client';
import type { z } from 'zod';
import type { mrzResponse } from '../../../shared/schemas/responses';

export type MrzResponse = z.infer<typeof mrzResponse>;

export type ReadingState =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'done'; status: MrzResponse['status'] }
  | { kind: 'error'; message: string };

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

/** Sends the chosen passport page to the reader and fills the form with what it read. */
export function usePassportReading<T extends FieldValues>(
  ticket: string | undefined,
  setValue: UseFormSetValue<T>,
) {
  const { t } = useTranslation();
  const [state, setState] = useState<ReadingState>({ kind: 'idle' });
  const [filled, setFilled] = useState<Record<string, { value: string; uncertain: boolean }>>({});

  const read = async (file: File) => {
    setState({ kind: 'reading' });
    const form = new FormData();
    if (ticket) form.append('ticket', ticket);
    form.append('file', file, file.name);
    try {
      const mrz = await apiUnchecked<MrzResponse>('/api/documents/mrz', { form });
      setState({ kind: 'done', status: mrz.status });
      if (mrz.status !== 'ok') return;
      const values = formValues(mrz);
      const next: Record<string, { value: string; uncertain: boolean }> = {};
      for (const [field, { value, mrzField }] of Object.entries(values)) {
        setValue(field as Path<T>, value as PathValue<T, Path<T>>, { shouldValidate: true });
        next[field] = { value, uncertain: mrz.uncertain.includes(mrzField) };
      }
      setFilled(next);
    } catch (error) {
      setState({
        kind: 'error',
        message: error instanceof ApiError && error.message ? error.message : t('errors.network'),
      });
    }
  };

  const badge = (field: string) =>
    filled[field] ? (
      <span className={filled[field].uncertain ? 'badge badge--check' : 'badge'}>
        {' '}
        — {filled[field].uncertain ? t('mrz.check') : t('forms.filledFromPassport')}
      </span>
    ) : null;

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
      ? t('mrz.reading')
      : state.kind === 'error'
        ? state.message
        : state.kind === 'done'
          ? {
              ok: t('mrz.filled'),
              'no-mrz': t('mrz.noMrz'),
              invalid: t('mrz.invalid'),
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
