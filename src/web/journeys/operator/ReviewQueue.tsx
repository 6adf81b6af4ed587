import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../api/client';
import { ApplicationView } from './ApplicationView';
import { DecisionForm, useOperatorAction } from './DecisionForm';
import { MessagesThread } from './MessagesThread';
import {
  claimResponse,
  decisionResponse,
  releaseResponse,
  reviewQueueResponse,
} from '../../../shared/schemas/responses';
import { countryName, CountrySelect } from '../../components/CountrySelect';
import { useDates } from '../../components/dates';
import { usePlaceName } from '../../components/place-name';
import { useProfile } from '../../components/profile';

type Item = z.infer<typeof reviewQueueResponse>['items'][number];

/** Hours and minutes left (or past) before the deadline, as an operator reads it. */
function timeLeft(ms: number, t: (key: string, values?: Record<string, unknown>) => string) {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const text = t('operator.queue.duration', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  return ms >= 0 ? t('operator.queue.left', { time: text }) : t('operator.queue.overdueBy', { time: text });
}

const FLAGS = ['late', 'capacity', 'busyProperty', 'busyHost', 'passportExpiring', 'minor'] as const;
const DAY_MS = 24 * 3600_000;

interface Filters {
  flag: string;
  propertyId: string;
  country: string;
  deadline: '' | 'overdue' | 'today';
  mine: boolean;
}
const NO_FILTERS: Filters = { flag: '', propertyId: '', country: '', deadline: '', mine: false };

type Place = { code: string; addressLine: string };

/** The operators' queue: filter it, take an application, decide it, or give it back. */
export function ReviewQueue() {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const profile = useProfile();
  const placeName = usePlaceName();
  const [items, setItems] = useState<Item[]>();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // The property filter's choices: every property the queue has shown, so a filter never hides them.
  const [properties, setProperties] = useState<Map<number, Place>>(new Map());

  const load = useCallback(async () => {
    // Flag, property and country are the server's filters; the deadline and «mine» are read off
    // the answer, which holds every waiting application (up to 200).
    const params = new URLSearchParams();
    if (filters.flag) params.set('flag', filters.flag);
    if (filters.propertyId) params.set('propertyId', filters.propertyId);
    if (filters.country) params.set('country', filters.country);
    const answer = await api(`/api/operator/queue?${params}`, reviewQueueResponse);
    setItems(answer.items);
    setProperties((known) => {
      const next = new Map(known);
      for (const item of answer.items)
        if (item.propertyId && item.propertyCode)
          next.set(item.propertyId, { code: item.propertyCode, addressLine: item.propertyAddress ?? '' });
      return next.size === known.size ? known : next;
    });
  }, [filters.flag, filters.propertyId, filters.country]);
  useEffect(() => {
    void load();
  }, [load]);
  const { act, status } = useOperatorAction(load);

  if (!items) return <p role="status">{t('app.loading')}</p>;
  const shown = items.filter(
    (item) =>
      (!filters.mine || item.claim === 'mine') &&
      (filters.deadline !== 'overdue' || item.overdue) &&
      (filters.deadline !== 'today' || item.msLeft < DAY_MS),
  );
  const filter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilters({
      flag: String(form.get('flag') ?? ''),
      propertyId: String(form.get('propertyId') ?? ''),
      country: String(form.get('country') ?? ''),
      deadline: String(form.get('deadline') ?? '') as Filters['deadline'],
      mine: form.get('mine') === 'on',
    });
  };
  return (
    <section aria-labelledby="queue-title" className="panel">
      <h2 id="queue-title">{t('operator.queue.title')}</h2>
      <form
        className="archive-filters queue-filters"
        onSubmit={filter}
        aria-label={t('operator.queue.filters.title')}
      >
        <div className="field">
          <label htmlFor="queue-flag">{t('operator.queue.filters.flag')}</label>
          <select id="queue-flag" name="flag" defaultValue={filters.flag}>
            <option value="">{t('operator.queue.filters.any')}</option>
            {FLAGS.map((flag) => (
              <option key={flag} value={flag}>
                {t(`operator.queue.flags.${flag}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="queue-property">{t('operator.queue.filters.property')}</label>
          <select id="queue-property" name="propertyId" defaultValue={filters.propertyId}>
            <option value="">{t('operator.queue.filters.any')}</option>
            {[...properties].map(([id, place]) => (
              <option key={id} value={id}>
                {placeName(place, { short: true })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="queue-country">{t('operator.queue.filters.country')}</label>
          <CountrySelect id="queue-country" name="country" defaultValue={filters.country} />
        </div>
        <div className="field">
          <label htmlFor="queue-deadline">{t('operator.queue.filters.deadline')}</label>
          <select id="queue-deadline" name="deadline" defaultValue={filters.deadline}>
            <option value="">{t('operator.queue.filters.any')}</option>
            <option value="overdue">{t('operator.queue.filters.deadlines.overdue')}</option>
            <option value="today">{t('operator.queue.filters.deadlines.today')}</option>
          </select>
        </div>
        <div className="checkbox">
          <input type="checkbox" id="queue-mine" name="mine" defaultChecked={filters.mine} />
          <label htmlFor="queue-mine">{t('operator.queue.filters.mine')}</label>
        </div>
        <button type="submit">{t('operator.queue.filters.apply')}</button>
      </form>
      <p aria-live="polite">
        {t('operator.queue.filters.shown', { shown: shown.length, total: items.length })}
      </p>
      {status}
      {shown.length === 0 ? (
        <p>{t('operator.queue.empty')}</p>
      ) : (
        <ul className="queue">
          {shown.map((item) => (
            <li key={item.id} className={item.overdue ? 'queue-item queue-item--overdue' : 'queue-item'}>
              <h3>
                {item.applicationNumber} — {item.fullName}
              </h3>
              <p>
                {t('operator.queue.summary', {
                  country: countryName(item.passportCountry, i18n.language),
                  property:
                    item.propertyId && properties.has(item.propertyId)
                      ? placeName(properties.get(item.propertyId)!, { short: true })
                      : '—',
                  period: dates.period(item.periodFrom, item.periodTo),
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
                <strong>{t('operator.queue.deadline', { date: dates.dateTime(item.deadline) })}</strong>{' '}
                <span className={item.overdue ? 'field-error' : 'hint'}>{timeLeft(item.msLeft, t)}</span>
              </p>
              {item.flags.length > 0 && (
                <p className="warning">
                  {item.flags.map((flag) => t(`operator.queue.flags.${flag}`)).join(' · ')}
                </p>
              )}
              {item.answerDue && (
                <>
                  <p className="field-error">
                    {t('operator.queue.awaitingAnswer', { date: dates.date(item.answerDue) })}
                  </p>
                  <MessagesThread id={item.id} />
                  <button
                    type="button"
                    className="button-warning"
                    onClick={() =>
                      void act(
                        `/api/operator/applications/${item.id}/decision`,
                        decisionResponse,
                        { decision: 'reject', reason: profile.review.noAnswerReason },
                        t('operator.queue.rejectedNoAnswer', { number: item.applicationNumber }),
                      )
                    }
                  >
                    {t('operator.queue.rejectNoAnswer')}
                    <span className="visually-hidden">
                      {' '}
                      {t('operator.queue.rejectNoAnswerNamed', { number: item.applicationNumber })}
                    </span>
                  </button>
                </>
              )}
              {item.claim === null && !item.answerDue && (
                <button
                  type="button"
                  onClick={() =>
                    void act(
                      `/api/operator/applications/${item.id}/claim`,
                      claimResponse,
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
                  consequence={(choice) => t(`operator.queue.consequences.${choice}`)}
                  // «No answer» is for a request left unanswered, rejected from the queue itself.
                  reasons={profile.review.rejectionReasons.filter(
                    (reason) => reason !== profile.review.noAnswerReason,
                  )}
                  onDecide={(body) =>
                    void act(
                      `/api/operator/applications/${item.id}/decision`,
                      decisionResponse,
                      body,
                      t(`operator.queue.done.${body.decision}`, { number: item.applicationNumber }),
                    )
                  }
                  onRelease={() =>
                    void act(
                      `/api/operator/applications/${item.id}/release`,
                      releaseResponse,
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
