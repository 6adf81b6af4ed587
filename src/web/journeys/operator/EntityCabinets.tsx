import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDates } from '../../components/dates';
import type { z } from 'zod';
import { api } from '../../api/client';
import { entityListResponse, propertiesResponse } from '../../../shared/schemas/responses';
import { AddPropertyForm } from '../cabinet/AddPropertyForm';
import { PropertyList, type Property } from '../cabinet/PropertyList';

type Entity = z.infer<typeof entityListResponse>['items'][number];

/** One entity's buildings: operators add them, change their capacity and retire them. */
function EntityProperties({ entity, onChanged }: { entity: Entity; onChanged: () => void }) {
  const { t } = useTranslation();
  const base = `/api/operator/legal-entities/${entity.hostId}/properties`;
  const [properties, setProperties] = useState<Property[]>();
  const [notice, setNotice] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  const load = useCallback(async () => {
    setProperties((await api(base, propertiesResponse)).properties);
  }, [base]);
  useEffect(() => {
    void load().then(() => heading.current?.focus());
  }, [load]);
  const changed = (message: string) => {
    setNotice(message);
    void load();
    onChanged();
  };
  if (!properties) return <p role="status">{t('app.loading')}</p>;
  return (
    <div className="entity-properties">
      <h3 ref={heading} tabIndex={-1}>
        {t('operator.cabinets.propertiesOf', { name: entity.name })}
      </h3>
      <div role="status" aria-live="polite" className={notice ? 'notice' : undefined}>
        {notice}
      </div>
      <PropertyList
        title={t('operator.cabinets.listTitle')}
        properties={properties}
        base={base}
        actions={['capacity', 'remove']}
        onChanged={changed}
      />
      <AddPropertyForm
        endpoint={base}
        title={t('operator.cabinets.addTitle')}
        intro={t('operator.cabinets.addIntro', { name: entity.name })}
        onAdded={(code) => changed(t('properties.added', { code }))}
      />
    </div>
  );
}

/** Legal entities with a cabinet: where operators look after their properties after approval. */
export function EntityCabinets({ version }: { version: number }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [items, setItems] = useState<Entity[]>();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<Entity>();
  // The list's query as last searched: a change to a property recounts the list under it.
  const [searched, setSearched] = useState('');
  const search = useCallback(async (q: string) => {
    const params = q.trim() ? `?${new URLSearchParams({ q: q.trim() })}` : '';
    setItems((await api(`/api/operator/legal-entities${params}`, entityListResponse)).items);
  }, []);
  useEffect(() => {
    void search('');
  }, [search, version]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearched(query);
    void search(query);
  };
  return (
    <section aria-labelledby="entity-cabinets-title" className="panel">
      <h2 id="entity-cabinets-title">{t('operator.cabinets.title')}</h2>
      <form role="search" onSubmit={submit} className="inline-search">
        <label htmlFor="entity-search">{t('operator.cabinets.search')}</label>
        <div className="password-input">
          <input
            id="entity-search"
            type="search"
            maxLength={100}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <button type="submit" className="button-secondary">
            {t('operator.cabinets.find')}
          </button>
        </div>
      </form>
      {!items ? (
        <p role="status">{t('app.loading')}</p>
      ) : items.length === 0 ? (
        <p role="status">{t('operator.cabinets.empty')}</p>
      ) : (
        <table className="stack-on-phone">
          <thead>
            <tr>
              <th scope="col">{t('entity.fields.name')}</th>
              <th scope="col">{t('entity.fields.taxNumber')}</th>
              <th scope="col">{t('entity.fields.email')}</th>
              <th scope="col">{t('operator.cabinets.opened')}</th>
              <th scope="col">{t('operator.cabinets.properties')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entity) => (
              <tr key={entity.hostId}>
                <td data-label={t('entity.fields.name')}>{entity.name}</td>
                <td data-label={t('entity.fields.taxNumber')}>{entity.taxNumber}</td>
                <td data-label={t('entity.fields.email')}>{entity.email}</td>
                <td data-label={t('operator.cabinets.opened')}>{dates.day(entity.openedAt)}</td>
                <td data-label={t('operator.cabinets.properties')}>
                  <button
                    type="button"
                    className="button-secondary"
                    aria-expanded={open?.hostId === entity.hostId}
                    onClick={() => setOpen(open?.hostId === entity.hostId ? undefined : entity)}
                  >
                    {t('operator.cabinets.manage', { count: entity.properties })}
                    <span className="visually-hidden"> — {entity.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && <EntityProperties key={open.hostId} entity={open} onChanged={() => void search(searched)} />}
    </section>
  );
}
