import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/forms';
import { FilePicker } from '../../components/FilePicker';
import { MAX_UPLOAD_BYTES } from '../../../shared/schemas/index';

/** The document that gives the right to a place: one file, chosen anew after each place added. */
/** What is wrong with the title document chosen, before anything is sent; undefined when nothing. */
export const scanProblem = (scan: File | undefined) =>
  !scan ? 'errors.propertyScan.required' : scan.size > MAX_UPLOAD_BYTES ? 'errors.file.tooLarge' : undefined;

export function PlaceScanField({
  inputKey,
  error,
  onFile,
}: {
  inputKey: number;
  error?: string;
  onFile: (file: File | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <Field name="scan" label={t('properties.scan')} hint={t('properties.scanHint')} error={error}>
      {(a11y) => (
        <FilePicker
          {...a11y}
          key={inputKey}
          accept="application/pdf,image/jpeg,image/png"
          onChange={(event) => onFile(event.target.files?.[0])}
        />
      )}
    </Field>
  );
}

/** How many people a place takes, as the host states it (`hint` says how it was suggested). */
export function CapacityField({
  hint,
  error,
  input,
}: {
  hint: string;
  error?: string;
  input: InputHTMLAttributes<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  return (
    <Field name="capacity" label={t('properties.capacity')} hint={hint} error={error}>
      {(a11y) => (
        <input
          {...a11y}
          type="number"
          min={1}
          max={500}
          inputMode="numeric"
          className="input-short"
          {...input}
        />
      )}
    </Field>
  );
}
