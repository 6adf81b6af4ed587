import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { ErrorSummary, Field, applyServerErrors, summaryFromErrors } from '../../components/forms';
import { useProfile } from '../../components/profile';
import { addPropertySchema } from '../../../shared/schemas/index';
import { propertyAddedResponse, propertyLookupResponse } from '../../../shared/schemas/responses';
import { CapacityField, PlaceScanField, scanProblem } from './PlaceFields';
import { AddressPlaceForm } from './AddressPlaceForm';

type Lookup = z.infer<typeof propertyLookupResponse>;

const FIELDS = ['code', 'scan', 'capacity'];

type FormProps = {
  endpoint: string;
  onAdded: (code: string) => void;
  title?: string;
  intro?: string;
};

/**
 * «Добавить объект», as the profile names places of stay: by the address typed in its parts, or by
 * a code looked up in the registry of dwellings.
 */
export function AddPropertyForm(props: FormProps) {
  const place = useProfile().placeOfStay;
  return place.kind === 'address' ? (
    <AddressPlaceForm endpoint={props.endpoint} onAdded={props.onAdded} place={place} />
  ) : (
    <RegistryCodeForm {...props} />
  );
}

/**
 * The code checked against the registry, the document, the capacity. A host adds its own
 * (endpoint /api/properties); an operator adds a legal entity's.
 */
function RegistryCodeForm({ endpoint, onAdded, title, intro }: FormProps) {
  const { t } = useTranslation();
  const profile = useProfile();
  const schema = useMemo(() => addPropertySchema(profile), [profile]);
  const [found, setFound] = useState<Lookup>();
  const [checking, setChecking] = useState(false);
  const [scan, setScan] = useState<File>();
  // A new key empties the file input after a property is added.
  const [scanInputKey, setScanInputKey] = useState(0);
  const [scanError, setScanError] = useState<string>();
  const [general, setGeneral] = useState<string>();
  const form = useForm<z.input<typeof schema>>({ resolver: zodResolver(schema) });
  const { errors, isSubmitting } = form.formState;

  const check = async () => {
    setGeneral(undefined);
    setFound(undefined);
    const valid = await form.trigger('code');
    if (!valid) return;
    setChecking(true);
    try {
      const result = await api('/api/properties/lookup', propertyLookupResponse, {
        body: { code: form.getValues('code') },
      });
      setFound(result);
      form.setValue('capacity', String(result.suggestedCapacity) as never);
    } catch (error) {
      setGeneral(applyServerErrors(error, form.setError, ['code']));
    } finally {
      setChecking(false);
    }
  };

  const submit = form.handleSubmit(async (values) => {
    setGeneral(undefined);
    const problem = scanProblem(scan);
    setScanError(problem);
    if (problem) return;
    const data = new FormData();
    data.append('code', String(values.code));
    if (values.capacity !== undefined) data.append('capacity', String(values.capacity));
    data.append('scan', scan!, scan!.name);
    try {
      await api(endpoint, propertyAddedResponse, { form: data });
      onAdded(String(values.code));
      form.reset({ code: '', capacity: undefined });
      setFound(undefined);
      setScan(undefined);
      setScanInputKey((k) => k + 1);
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : {};
      if (fields.scan) setScanError(fields.scan.message);
      const message = applyServerErrors(error, form.setError, ['code', 'capacity']);
      setGeneral(fields.scan && message === fields.scan.message ? undefined : message);
    }
  });

  const allErrors = { ...form.formState.errors, ...(scanError ? { scan: { message: scanError } } : {}) };
  return (
    <section aria-labelledby="add-property-title" className="panel">
      <h2 id="add-property-title">{title ?? t('properties.title')}</h2>
      <p>{intro ?? t('properties.intro')}</p>
      <ErrorSummary items={summaryFromErrors(allErrors, FIELDS)} general={general} />
      <form onSubmit={submit} noValidate>
        <Field
          name="code"
          label={t('properties.code')}
          hint={t('properties.codeHint', { example: profile.propertyCode.example })}
          error={errors.code?.message}
        >
          {(a11y) => (
            <div className="password-input">
              <input
                {...a11y}
                autoComplete="off"
                spellCheck={false}
                {...form.register('code', { onChange: () => setFound(undefined) })}
              />
              <button
                type="button"
                className="button-secondary"
                onClick={() => void check()}
                disabled={checking}
              >
                {checking ? t('properties.checking') : t('properties.check')}
              </button>
            </div>
          )}
        </Field>
        <div role="status" aria-live="polite">
          {found && (
            <p className="notice" data-testid="property-address">
              <strong>{t('properties.address')}:</strong> {found.addressLine}
              <br />
              {t('properties.area', { area: found.areaM2, rooms: found.rooms })}
            </p>
          )}
        </div>
        <PlaceScanField
          inputKey={scanInputKey}
          error={scanError}
          onFile={(file) => {
            setScan(file);
            setScanError(undefined);
          }}
        />
        <CapacityField
          hint={t('properties.capacityHint', { norm: profile.areaPerPersonM2 })}
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
