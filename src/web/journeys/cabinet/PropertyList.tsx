import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDates } from '../../components/dates';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { useProfile } from '../../components/profile';
import { okResponse, propertyResponse, type propertiesResponse } from '../../../shared/schemas/responses';

export type Property = z.infer<typeof propertiesResponse>['properties'][number];

type Pending = { property: Property; action: 'remove' | 'capacity' };

/**
 * The table of tab 2 «Жилой фонд», for a host and for an operator looking after a legal entity's.
 * `base` is where each property's routes are (`${base}/${id}`, `${base}/${id}/scan`); a host
 * may remove its own, an operator retires an entity's and changes its capacity, an entity only looks.
 */
export function PropertyList({
  title,
  properties,
  base,
  actions,
  onChanged,
}: {
  title: string;
  properties: Property[];
  base: string;
  actions: ('remove' | 'capacity')[];
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  // A place typed as an address is named by it: its key is for finding it again, not for reading.
  const byCode = useProfile().placeOfStay.kind === 'registryCode';
  const nameOf = (property: Property) => (byCode ? property.code : property.addressLine);
  const [pending, setPending] = useState<Pending>();
  const [capacity, setCapacity] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (pending) dialog.current?.showModal();
    else dialog.current?.close();
  }, [pending]);

  const open = (property: Property, action: Pending['action']) => {
    setError(undefined);
    setCapacity(String(property.capacity));
    setPending({ property, action });
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!pending) return;
    const { property, action } = pending;
    setBusy(true);
    try {
      if (action === 'remove') {
        await api(`${base}/${property.id}`, okResponse, { method: 'DELETE' });
        onChanged(t('properties.removed', { code: nameOf(property) }));
      } else {
        await api(`${base}/${property.id}`, propertyResponse, { method: 'PATCH', body: { capacity } });
        onChanged(t('properties.capacityChanged', { code: nameOf(property), capacity }));
      }
      setPending(undefined);
    } catch (caught) {
      const fields = caught instanceof ApiError ? caught.fields : {};
      setError(
        fields.capacity?.message ??
          (caught instanceof ApiError && caught.message ? caught.message : t('errors.network')),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="properties-list-title" className="panel">
      <h2 id="properties-list-title">{title}</h2>
      {properties.length === 0 ? (
        <p>{t('properties.empty')}</p>
      ) : (
        <table className="stack-on-phone">
          <thead>
            <tr>
              {byCode && <th scope="col">{t('properties.code')}</th>}
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
                {byCode && <td data-label={t('properties.code')}>{p.code}</td>}
                <td data-label={t('properties.address')}>
                  {p.addressLine}
                  {p.shared && <span className="badge badge--check"> — {t('properties.shared')}</span>}
                </td>
                <td data-label={t('properties.dateAdded')}>{dates.day(p.createdAt)}</td>
                <td data-label={t('properties.capacityShort')}>{p.capacity}</td>
                <td data-label={t('properties.active')}>{p.activeRegistrations}</td>
                <td data-label={t('properties.actions')}>
                  <div className="actions">
                    <a href={`${base}/${p.id}/scan`} target="_blank" rel="noreferrer">
                      {t('properties.viewScan')}
                      <span className="visually-hidden"> {nameOf(p)}</span>
                    </a>
                    {actions.includes('capacity') && (
                      <button type="button" className="button-secondary" onClick={() => open(p, 'capacity')}>
                        {t('properties.changeCapacity')}
                        <span className="visually-hidden"> {nameOf(p)}</span>
                      </button>
                    )}
                    {actions.includes('remove') && (
                      <button type="button" className="button-secondary" onClick={() => open(p, 'remove')}>
                        {t('properties.remove')}
                        <span className="visually-hidden"> {nameOf(p)}</span>
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <dialog
        ref={dialog}
        aria-labelledby="property-dialog-title"
        className="dialog"
        onClose={() => setPending(undefined)}
      >
        {pending && (
          <form onSubmit={(event) => void confirm(event)} noValidate>
            <h2 id="property-dialog-title">
              {pending.action === 'remove'
                ? t('properties.removeConfirmTitle', { code: nameOf(pending.property) })
                : t('properties.capacityTitle', { code: nameOf(pending.property) })}
            </h2>
            {pending.action === 'remove' ? (
              <>
                <p>{t('properties.removeConfirmText')}</p>
                {error && (
                  <p className="field-error" role="alert">
                    {error}
                  </p>
                )}
              </>
            ) : (
              <div className={`field${error ? ' field--error' : ''}`}>
                <label htmlFor="field-new-capacity">{t('properties.capacity')}</label>
                <p className="hint" id="field-new-capacity-hint">
                  {t('properties.capacityActiveHint', { count: pending.property.activeRegistrations })}
                </p>
                {error && (
                  <p className="field-error" id="field-new-capacity-error" role="alert">
                    {error}
                  </p>
                )}
                <input
                  id="field-new-capacity"
                  type="number"
                  min={1}
                  max={500}
                  inputMode="numeric"
                  className="input-short"
                  aria-invalid={Boolean(error)}
                  aria-describedby={`field-new-capacity-hint${error ? ' field-new-capacity-error' : ''}`}
                  value={capacity}
                  autoFocus
                  onChange={(event) => {
                    setCapacity(event.target.value);
                    setError(undefined);
                  }}
                />
              </div>
            )}
            <div className="button-row">
              <button
                type="submit"
                className={pending.action === 'remove' ? 'button-warning' : undefined}
                disabled={busy}
              >
                {pending.action === 'remove' ? t('properties.remove') : t('properties.save')}
              </button>
              <button
                type="button"
                className="button-secondary"
                autoFocus={pending.action === 'remove'}
                onClick={() => setPending(undefined)}
              >
                {t('properties.cancel')}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </section>
  );
}
