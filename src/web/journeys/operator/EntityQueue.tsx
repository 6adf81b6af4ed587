import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProfile } from '../../components/profile';
import type { z } from 'zod';
import { api } from '../../api/client';
import { DecisionForm, useOperatorAction } from './DecisionForm';
import {
  claimResponse,
  entityQueueResponse,
  entityReviewResponse,
  entityStatusResponse,
} from '../../../shared/schemas/responses';
import { useDates } from '../../components/dates';

type Item = z.infer<typeof entityQueueResponse>['items'][number];
type Review = z.infer<typeof entityReviewResponse>;
const ENTITY_FIELDS = [
  'legalForm',
  'name',
  'taxNumber',
  'registrationNumber',
  'kpp',
  'legalAddress',
  'actualAddress',
  'activity',
  'headName',
  'headPersonalNumber',
  'headAddress',
  'phone',
  'email',
  'trustedPosition',
  'trustedName',
  'trustedAddress',
] as const;

/** One entity application beside its documents and each property's registry record. */
function EntityView({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const profile = useProfile();
  const legalFormName = (value: string) => {
    const form = profile.entityApplication.legalForms.find((f) => f.value === value);
    return form ? (i18n.language === 'en' ? form.en : form.ru) : value;
  };
  const [review, setReview] = useState<Review>();
  useEffect(() => {
    void api(`/api/operator/legal-entity-applications/${id}`, entityReviewResponse).then(setReview);
  }, [id]);
  if (!review) return <p role="status">{t('app.loading')}</p>;
  const documentLabel = (field: string) => {
    const [kind, n] = field.split('.');
    if (kind === 'extra') return t('operator.view.extra', { n: Number(n) + 1 });
    const label = t(`entity.documents.${kind}`);
    return n === undefined ? label : `${label} (${t('entity.propertyN', { n: Number(n) + 1 })})`;
  };
  return (
    <div className="application-view">
      <dl className="summary-list">
        {/* Only what the profile asks: an ИП has no КПП, a Russian head no personal number. */}
        {ENTITY_FIELDS.filter((field) => review.entity[field] !== undefined).map((field) => [
          <dt key={`${field}-t`}>{t(`entity.fields.${field}`)}</dt>,
          <dd key={`${field}-d`}>
            {field === 'legalForm' ? legalFormName(review.entity.legalForm!) : review.entity[field]}
          </dd>,
        ])}
      </dl>
      <h4>{t('entity.sections.properties')}</h4>
      <ul>
        {review.properties.map((p) => (
          <li key={p.code}>
            {p.code} — {t('entity.fields.capacity')}: {p.capacity}.{' '}
            {p.addressLine !== undefined ? null : p.registry ? (
              p.registry.addressLine
            ) : (
              <span className="field-error">{t('errors.propertyCode.notFound')}</span>
            )}
          </li>
        ))}
      </ul>
      <h4>{t('entity.sections.documents')}</h4>
      <ul>
        {review.documents.map((d) => (
          <li key={d.id}>
            <a
              href={`/api/operator/legal-entity-applications/${id}/documents/${d.id}`}
              target="_blank"
              rel="noreferrer"
            >
              {documentLabel(d.field)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Legal entities' applications beside the registrations: the same claim rules and deadline. */
export function EntityQueue({ onDecided }: { onDecided?: () => void } = {}) {
  const { t } = useTranslation();
  const dates = useDates();
  const [items, setItems] = useState<Item[]>();
  const load = useCallback(async () => {
    setItems((await api('/api/operator/legal-entity-applications', entityQueueResponse)).items);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const { act, status } = useOperatorAction(load);

  if (!items) return <p role="status">{t('app.loading')}</p>;
  return (
    <section aria-labelledby="entity-queue-title" className="panel">
      <h2 id="entity-queue-title">{t('operator.entities.title')}</h2>
      {status}
      {items.length === 0 ? (
        <p>{t('operator.entities.empty')}</p>
      ) : (
        <ul className="queue">
          {items.map((item) => (
            <li
              key={item.id}
              className={
                item.overdue ? 'queue-item entity-item queue-item--overdue' : 'queue-item entity-item'
              }
            >
              <h3>
                {item.number} — {item.name}
              </h3>
              <p>
                <strong>{t('operator.queue.deadline', { date: dates.dateTime(item.deadline) })}</strong>
              </p>
              {item.claim === null && (
                <button
                  type="button"
                  onClick={() =>
                    void act(
                      `/api/operator/legal-entity-applications/${item.id}/claim`,
                      claimResponse,
                      {},
                      t('operator.queue.done.claim', { number: item.number }),
                    )
                  }
                >
                  {t('operator.queue.claim')}
                  <span className="visually-hidden"> {item.number}</span>
                </button>
              )}
              {item.claim === 'other' && <p className="hint">{t('operator.queue.claimedByOther')}</p>}
              {item.claim === 'mine' && <EntityView id={item.id} />}
              {item.claim === 'mine' && (
                <DecisionForm
                  id={`entity-decision-${item.id}`}
                  legend={t('operator.queue.decision', { number: item.number })}
                  choiceLabel={(choice) => t(`operator.entities.choices.${choice}`)}
                  consequence={(choice) => t(`operator.entities.consequences.${choice}`)}
                  onDecide={(body) =>
                    void act(
                      `/api/operator/legal-entity-applications/${item.id}/decision`,
                      entityStatusResponse,
                      body,
                      t(`operator.entities.done.${body.decision}`, { number: item.number }),
                    ).then((ok) => ok && onDecided?.())
                  }
                  onRelease={() =>
                    void act(
                      `/api/operator/legal-entity-applications/${item.id}/release`,
                      entityStatusResponse,
                      {},
                      t('operator.queue.done.release', { number: item.number }),
                    )
                  }
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
