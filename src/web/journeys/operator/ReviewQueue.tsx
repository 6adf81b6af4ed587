import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../api/client';
import { ApplicationView } from './ApplicationView';
import { DecisionForm, useOperatorAction } from './DecisionForm';
import type { reviewQueueResponse } from '../../../shared/schemas/responses';
import { SERVICE_TIME_ZONE } from '../../../shared/dates';

type Item = z.infer<typeof reviewQueueResponse>['items'][number];

/** Hours and minutes left (or past) before the deadline, as an operator reads it. */
function timeLeft(ms: number, t: (key: string, values?: Record<string, unknown>) => string) {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const text = t('operator.queue.duration', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  return ms >= 0 ? t('operator.queue.left', { time: text }) : t('operator.queue.overdueBy', { time: text });
}

/** The operators' queue: take an application, decide it, or give it back. */
export function ReviewQueue() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<Item[]>();

  const load = useCallback(async () => {
    setItems((await api<z.infer<typeof reviewQueueResponse>>('/api/operator/queue')).items);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const { act, status } = useOperatorAction(load);

  if (!items) return <p role="status">{t('app.loading')}</p>;
  // Deadlines are kept by the service's clock (Bishkek), whatever the operator's computer says.
  const date = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: SERVICE_TIME_ZONE,
  });
  return (
    <section aria-labelledby="queue-title" className="panel">
      <h2 id="queue-title">{t('operator.queue.title')}</h2>
      {status}
      {items.length === 0 ? (
        <p>{t('operator.queue.empty')}</p>
      ) : (
        <ul className="queue">
          {items.map((item) => (
            <li key={item.id} className={item.overdue ? 'queue-item queue-item--overdue' : 'queue-item'}>
              <h3>
                {item.applicationNumber} — {item.fullName}
              </h3>
              <p>
                {t('operator.queue.summary', {
                  country: item.passportCountry ?? '—',
                  property: item.propertyCode ?? '—',
                  from: item.periodFrom ?? '—',
                  to: item.periodTo ?? '—',
                })}
              </p>
              <p>
                {item.host.kind === 'legal_entity'
                  ? t('operator.queue.byEntity', {
                      entity: item.host.name,
                      staff: item.host.staffName ?? '—',
                    })
                  : t('operator.queue.byHost', { host: item.host.name })}
              </p>
              <p>
                <strong>
                  {t('operator.queue.deadline', { date: date.format(new Date(item.deadline)) })}
                </strong>{' '}
                <span className={item.overdue ? 'field-error' : 'hint'}>{timeLeft(item.msLeft, t)}</span>
              </p>
              {item.flags.length > 0 && (
                <p className="warning">
                  {item.flags.map((flag) => t(`operator.queue.flags.${flag}`)).join(' · ')}
                </p>
              )}
              {item.claim === null && (
                <button
                  type="button"
                  onClick={() =>
                    void act(
                      `/api/operator/applications/${item.id}/claim`,
                      {},
                      t('operator.queue.done.claim', { number: item.applicationNumber }),
                    )
                  }
                >
                  {t('operator.queue.claim')}
                  <span className="visually-hidden"> {item.applicationNumber}</span>
                </button>
              )}
              {item.claim === 'other' && <p className="hint">{t('operator.queue.claimedByOther')}</p>}
              {item.claim === 'mine' && <ApplicationView id={item.id} />}
              {item.claim === 'mine' && (
                <DecisionForm
                  id={`decision-${item.id}`}
                  legend={t('operator.queue.decision', { number: item.applicationNumber })}
                  choiceLabel={(choice) => t(`operator.queue.choices.${choice}`)}
                  onDecide={(body) =>
                    void act(
                      `/api/operator/applications/${item.id}/decision`,
                      body,
                      t(`operator.queue.done.${body.decision}`, { number: item.applicationNumber }),
                    )
                  }
                  onRelease={() =>
                    void act(
                      `/api/operator/applications/${item.id}/release`,
                      {},
                      t('operator.queue.done.release', { number: item.applicationNumber }),
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
