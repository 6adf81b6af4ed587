import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import type { z } from 'zod';
import { ApiError, api } from '../../api/client';
import { ErrorSummary, Field, applyServerErrors, summaryFromErrors } from '../../components/forms';
import { useProfile } from '../../components/profile';
import { useSession } from '../../components/session';
import { addPropertySchema, MAX_UPLOAD_BYTES } from '../../../shared/schemas/index';
import { CabinetTabs } from './CabinetTabs';
import type { propertiesResponse, propertyLookupResponse } from '../../../shared/schemas/responses';

type Lookup = z.infer<typeof propertyLookupResponse>;

type Property = z.infer<typeof propertiesResponse>['properties'][number];

const FIELDS = ['code', 'scan', 'capacity'];

function AddPropertyForm({ onAdded }: { onAdded: (code: string) => void }) {
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
      const result = await api<Lookup>('/api/properties/lookup', { body: { code: form.getValues('code') } });
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
    const problem = !scan
      ? 'errors.propertyScan.required'
      : scan.size > MAX_UPLOAD_BYTES
        ? 'errors.file.tooLarge'
        : undefined;
    setScanError(problem);
    if (problem) return;
    const data = new FormData();
    data.append('code', String(values.code));
    if (values.capacity !== undefined) data.append('capacity', String(values.capacity));
    data.append('scan', scan!, scan!.name);
    try {
      await api('/api/properties', { form: data });
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
      <h2 id="add-property-title">{t('properties.title')}</h2>
      <p>{t('properties.intro')}</p>
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
        <Field name="scan" label={t('properties.scan')} hint={t('properties.scanHint')} error={scanError}>
          {(a11y) => (
            <input
              {...a11y}
              key={scanInputKey}
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              onChange={(event) => {
                setScan(event.target.files?.[0]);
                setScanError(undefined);
              }}
            />
          )}
        </Field>
        <Field
          name="capacity"
          label={t('properties.capacity')}
          hint={t('properties.capacityHint', { norm: profile.areaPerPersonM2 })}
          error={errors.capacity?.message}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="number"
              min={1}
              max={500}
              inputMode="numeric"
              className="input-short"
              {...form.register('capacity')}
            />
          )}
        </Field>
        <button type="submit" disabled={isSubmitting}>
          {t('properties.add')}
        </button>
      </form>
    </section>
  );
}

/** Cabinet, tab 2 «Жилой фонд». */
export function PropertiesPage() {
  const { t, i18n } = useTranslation();
  const { user, loaded } = useSession();
  const [properties, setProperties] = useState<Property[]>();
  const [notice, setNotice] = useState<string>();
  const [removing, setRemoving] = useState<Property>();
  const [removeError, setRemoveError] = useState<string>();
  const dialog = useRef<HTMLDialogElement>(null);

  const load = useCallback(async () => {
    const result = await api<z.infer<typeof propertiesResponse>>('/api/properties');
    setProperties(result.properties);
  }, []);
  useEffect(() => {
    if (user?.role === 'host') void load();
  }, [user, load]);
  useEffect(() => {
    if (removing) dialog.current?.showModal();
    else dialog.current?.close();
  }, [removing]);

  if (loaded && user?.role !== 'host') return <Navigate to="/" replace />;
  if (!properties) return <p role="status">{t('app.loading')}</p>;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });

  const remove = async () => {
    if (!removing) return;
    try {
      await api(`/api/properties/${removing.id}`, { method: 'DELETE' });
      setNotice(t('properties.removed', { code: removing.code }));
      setRemoving(undefined);
      await load();
    } catch (error) {
      setRemoveError(error instanceof ApiError ? error.message : t('errors.network'));
    }
  };

  return (
    <>
      <h1>{t('cabinet.title')}</h1>
      <CabinetTabs />
      <AddPropertyForm
        onAdded={(code) => {
          setNotice(t('properties.added', { code }));
          void load();
        }}
      />
      <div role="status" aria-live="polite" className={notice ? 'notice' : undefined}>
        {notice}
      </div>
      <section aria-labelledby="properties-list-title" className="panel">
        <h2 id="properties-list-title">{t('properties.listTitle')}</h2>
        {properties.length === 0 ? (
          <p>{t('properties.empty')}</p>
        ) : (
          <table className="stack-on-phone">
            <thead>
              <tr>
                <th scope="col">{t('properties.code')}</th>
                <th scope="col">{t('properties.address')}</th>
                <th scope="col">{t('properties.dateAdded')}</th>
                <th scope="col">{t('properties.capacityShort')}</th>
                <th scope="col">{t('properties.active')}</th>
                <th scope="col">{t('properties.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {properties.map((p) => (
                <tr key={p.id}>
                  <td data-label={t('properties.code')}>{p.code}</td>
                  <td data-label={t('properties.address')}>
                    {p.addressLine}
                    {p.shared && <span className="badge badge--check"> — {t('properties.shared')}</span>}
                  </td>
                  <td data-label={t('properties.dateAdded')}>{date.format(new Date(p.createdAt))}</td>
                  <td data-label={t('properties.capacityShort')}>{p.capacity}</td>
                  <td data-label={t('properties.active')}>{p.activeRegistrations}</td>
                  <td data-label={t('properties.actions')}>
                    <div className="actions">
                      <a href={`/api/properties/${p.id}/scan`} target="_blank" rel="noreferrer">
                        {t('properties.viewScan')}
                        <span className="visually-hidden"> {p.code}</span>
                      </a>
                      <button
                        type="button"
                        className="button-secondary"
                        onClick={() => {
                          setRemoveError(undefined);
                          setRemoving(p);
                        }}
                      >
                        {t('properties.remove')}
                        <span className="visually-hidden"> {p.code}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <dialog
        ref={dialog}
        aria-labelledby="remove-title"
        className="dialog"
        onClose={() => setRemoving(undefined)}
      >
        {removing && (
          <>
            <h2 id="remove-title">{t('properties.removeConfirmTitle', { code: removing.code })}</h2>
            <p>{t('properties.removeConfirmText')}</p>
            {removeError && (
              <p className="field-error" role="alert">
                {removeError}
              </p>
            )}
            <div className="button-row">
              <button type="button" className="button-warning" onClick={() => void remove()}>
                {t('properties.remove')}
              </button>
              <button
                type="button"
                className="button-secondary"
                autoFocus
                onClick={() => setRemoving(undefined)}
              >
                {t('properties.cancel')}
              </button>
            </div>
          </>
        )}
      </dialog>
    </>
  );
}
