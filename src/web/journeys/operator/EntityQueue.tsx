import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError, api } from '../../api/client';
import { REJECTION_REASONS } from '../../../shared/schemas/review';
import type { entityQueueResponse, entityReviewResponse } from '../../../shared/schemas/responses';

type Item = z.infer<typeof entityQueueResponse>['items'][number];
type Review = z.infer<typeof entityReviewResponse>;
const ENTITY_FIELDS = [
  'name',
  'taxNumber',
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
  const { t } = useTranslation();
  const [review, setReview] = useState<Review>();
  useEffect(() => {
    void api<Review>(`/api/operator/legal-entity-applications/${id}`).then(setReview);
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
        {ENTITY_FIELDS.map((field) => [
          <dt key={`${field}-t`}>{t(`entity.fields.${field}`)}</dt>,
          <dd key={`${field}-d`}>{review.entity[field]}</dd>,
        ])}
      </dl>
      <h4>{t('entity.sections.properties')}</h4>
      <ul>
        {review.properties.map((p) => (
          <li key={p.code}>
            {p.code} — {t('entity.fields.capacity')}: {p.capacity}.{' '}
            {p.registry ? (
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
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<Item[]>();
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    setItems(
      (await api<z.infer<typeof entityQueueResponse>>('/api/operator/legal-entity-applications')).items,
    );
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (path: string, body: unknown, done: string) => {
    setError(undefined);
    try {
      await api(path, { body });
      setNotice(done);
      await load();
    } catch (e) {
      const field = e instanceof ApiError ? Object.values(e.fields)[0] : undefined;
      setError(field ? field.message : e instanceof ApiError ? e.message : t('errors.network'));
    }
  };
  const decide = (item: Item) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const decision = String(data.get('decision') ?? '');
    const body =
      decision === 'reject'
        ? { decision, reason: data.get('reason'), note: data.get('note') || undefined }
        : decision === 'requestDocuments'
          ? { decision, message: data.get('message') }
          : { decision };
    void act(
      `/api/operator/legal-entity-applications/${item.id}/decision`,
      body,
      t(`operator.entities.done.${decision || 'approve'}`, { number: item.number }),
    ).then(onDecided);
  };

  if (!items) return <p role="status">{t('app.loading')}</p>;
  const date = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Bishkek',
  });
  return (
    <section aria-labelledby="entity-queue-title" className="panel">
      <h2 id="entity-queue-title">{t('operator.entities.title')}</h2>
      <div role="status" aria-live="polite" className={notice ? 'notice' : undefined}>
        {notice}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
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
                <strong>
                  {t('operator.queue.deadline', { date: date.format(new Date(item.deadline)) })}
                </strong>
              </p>
              {item.claim === null && (
                <button
                  type="button"
                  onClick={() =>
                    void act(
                      `/api/operator/legal-entity-applications/${item.id}/claim`,
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
                <form onSubmit={decide(item)} className="decision">
                  <fieldset>
                    <legend>{t('operator.queue.decision', { number: item.number })}</legend>
                    {(['approve', 'reject', 'requestDocuments'] as const).map((option) => (
                      <div className="radio" key={option}>
                        <input
                          type="radio"
                          name="decision"
                          value={option}
                          id={`entity-${option}-${item.id}`}
                          defaultChecked={option === 'approve'}
                        />
                        <label htmlFor={`entity-${option}-${item.id}`}>
                          {t(`operator.entities.choices.${option}`)}
                        </label>
                      </div>
                    ))}
                  </fieldset>
                  <label htmlFor={`entity-reason-${item.id}`}>{t('operator.queue.reason')}</label>
                  <select id={`entity-reason-${item.id}`} name="reason">
                    {REJECTION_REASONS.map((reason) => (
                      <option key={reason} value={reason}>
                        {t(`operator.queue.reasons.${reason}`)}
                      </option>
                    ))}
                  </select>
                  <label htmlFor={`entity-note-${item.id}`}>{t('operator.queue.note')}</label>
                  <textarea id={`entity-note-${item.id}`} name="note" rows={2} />
                  <label htmlFor={`entity-message-${item.id}`}>{t('operator.queue.message')}</label>
                  <textarea id={`entity-message-${item.id}`} name="message" rows={2} />
                  <button type="submit">{t('operator.queue.decide')}</button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
