import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { ErrorSummary, applyServerErrors, summaryFromErrors, useErrorText } from '../../components/forms';
import { CapacityField, PlaceScanField, scanProblem } from './PlaceFields';
import { useProfile } from '../../components/profile';
import { addressPlaceSchema } from '../../../shared/schemas/index';
import { propertyAddedResponse } from '../../../shared/schemas/responses';
import { AddressFields, ADDRESS_FIELDS, type AddressProfile, placeName } from './AddressFields';

const FIELDS = [...ADDRESS_FIELDS, 'scan', 'capacity'];

type Values = z.input<ReturnType<typeof addressPlaceSchema>>;
// Every box emptied after an address is added, ready for the next one.
const EMPTY = Object.fromEntries([...ADDRESS_FIELDS, 'capacity'].map((name) => [name, ''])) as Values;

/** What the postal reference says the typed index serves, put to the host to keep or correct. */
interface IndexWarning {
  message: string;
  index: string;
  serves?: { region: string; city?: string };
}

/**
 * «Добавить место пребывания» where places are addresses: the address in the country's parts, the
 * title document and the capacity. An index the postal reference places elsewhere is a warning:
 * the host keeps the address as typed (sent again with `confirmIndex`) or corrects it.
 */
export function AddressPlaceForm({
  endpoint,
  onAdded,
  place,
}: {
  endpoint: string;
  onAdded: (address: string) => void;
  place: AddressProfile;
}) {
  const { t, i18n } = useTranslation();
  const text = useErrorText();
  const profile = useProfile();
  const schema = useMemo(() => addressPlaceSchema(profile), [profile]);
  const [scan, setScan] = useState<File>();
  const [scanInputKey, setScanInputKey] = useState(0);
  const [scanError, setScanError] = useState<string>();
  const [general, setGeneral] = useState<string>();
  const [warning, setWarning] = useState<IndexWarning>();
  const warningRef = useRef<HTMLDivElement>(null);
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: EMPTY });
  const { errors, isSubmitting } = form.formState;

  const send = async (values: z.output<typeof schema>, confirmIndex: boolean) => {
    setGeneral(undefined);
    const problem = scanProblem(scan);
    setScanError(problem);
    if (problem) return;
    const data = new FormData();
    for (const [name, value] of Object.entries(values))
      if (value !== undefined && name !== 'confirmIndex') data.append(name, String(value));
    if (confirmIndex) data.append('confirmIndex', 'true');
    data.append('scan', scan!, scan!.name);
    try {
      await api(endpoint, propertyAddedResponse, { form: data });
      setWarning(undefined);
      onAdded(`${values.street}, ${values.house}`);
      form.reset(EMPTY);
      setScan(undefined);
      setScanInputKey((k) => k + 1);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'postal_index_mismatch') {
        setWarning({
          message: error.message,
          index: String(values.postalIndex),
          serves: error.details.serves as IndexWarning['serves'],
        });
        requestAnimationFrame(() => warningRef.current?.focus());
        return;
      }
      const fields = error instanceof ApiError ? error.fields : {};
      if (fields.scan) setScanError(fields.scan.message);
      const message = applyServerErrors(error, form.setError, FIELDS);
      setGeneral(fields.scan && message === fields.scan.message ? undefined : message);
    }
  };

  const submit = form.handleSubmit((values) => send(values as z.output<typeof schema>, false));
  const keep = form.handleSubmit((values) => send(values as z.output<typeof schema>, true));
  const correct = () => {
    setWarning(undefined);
    form.setFocus('postalIndex');
  };

  const allErrors = { ...errors, ...(scanError ? { scan: { message: scanError } } : {}) };
  const served = warning?.serves && placeName(place, warning.serves, i18n.language);
  return (
    <section aria-labelledby="add-property-title" className="panel">
      <h2 id="add-property-title">{t('properties.title')}</h2>
      <p>{t('properties.intro')}</p>
      <ErrorSummary items={summaryFromErrors(allErrors, FIELDS)} general={general} />
      <form onSubmit={submit} noValidate>
        <AddressFields
          place={place}
          input={(name) =>
            form.register(
              name as keyof Values,
              name === 'postalIndex' ? { onChange: () => setWarning(undefined) } : undefined,
            )
          }
          errorOf={(name) => errors[name as keyof Values]?.message}
        />
        {warning && (
          <div
            className="notice notice--warning"
            role="alert"
            tabIndex={-1}
            ref={warningRef}
            data-testid="index-warning"
          >
            <p>
              <strong>
                {served
                  ? t('properties.place.indexServes', { index: warning.index, place: served })
                  : t('properties.place.indexUnknown', { index: warning.index })}
              </strong>
            </p>
            <p>{text(warning.message)}</p>
            <div className="button-row">
              <button type="button" onClick={() => void keep()} disabled={isSubmitting}>
                {t('properties.place.keepIndex')}
              </button>
              <button type="button" className="button-secondary" onClick={correct}>
                {t('properties.place.correctIndex')}
              </button>
            </div>
          </div>
        )}
        <PlaceScanField
          inputKey={scanInputKey}
          error={scanError}
          onFile={(file) => {
            setScan(file);
            setScanError(undefined);
          }}
        />
        <CapacityField
          hint={t('properties.place.capacityHint')}
          error={errors.capacity?.message}
          input={form.register('capacity')}
        />
        <button type="submit" disabled={isSubmitting}>
          {t('properties.add')}
        </button>
      </form>
    </section>
  );
}
