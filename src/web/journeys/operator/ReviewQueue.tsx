import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { REJECTION_REASONS } from '../../../shared/schemas/review';
import { ApplicationView } from './ApplicationView';
import type { reviewQueueResponse } from '../../../shared/schemas/responses';

type Item = z.infer<typeof reviewQueueResponse>['items'][number];
type Choice = 'approve' | 'reject' | 'requestDocuments';

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
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  const [choice, setChoice] = useState<Record<number, Choice>>({});

  const load = useCallback(async () => {
    setItems((await api<z.infer<typeof reviewQueueResponse>>('/api/operator/queue')).items);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (path: string, body: unknown, done: string) => {
    setError(undefined);
    try {
      await api(path, { method: 'POST', body });
      setNotice(done);
    } catch (caught) {
      setError(
        caught instanceof ApiError
          ? (Object.values(caught.fields)[0]?.message ?? caught.message)
          : t('errors.network'),
      );
    }
    await load();
  };

  const decide = (item: Item) => async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const decision = choice[item.id] ?? 'approve';
    const body =
      decision === 'approve'
        ? { decision }
        : decision === 'reject'
          ? { decision, reason: String(form.get('reason') ?? ''), note: String(form.get('note') ?? '') }
          : { decision, message: String(form.get('message') ?? '') };
    await act(
      `/api/operator/applications/${item.id}/decision`,
      body,
      t(`operator.queue.done.${decision}`, { number: item.applicationNumber }),
    );
  };

  if (!items) return <p role="status">{t('app.loading')}</p>;
  // Deadlines are kept by the service's clock (Bishkek), whatever the operator's computer says.
  const date = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Bishkek',
  });
  return (
    <section aria-labelledby="queue-title" className="panel">
      <h2 id="queue-title">{t('operator.queue.title')}</h2>
      <div role="status" aria-live="polite" className={notice ? 'notice' : undefined}>
        {notice}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
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
                <form onSubmit={decide(item)} className="decision">
                  <fieldset>
                    <legend>{t('operator.queue.decision', { number: item.applicationNumber })}</legend>
                    {(['approve', 'reject', 'requestDocuments'] as const).map((option) => (
                      <div className="radio" key={option}>
                        <input
                          type="radio"
                          id={`decision-${item.id}-${option}`}
                          name="decision"
                          value={option}
                          checked={(choice[item.id] ?? 'approve') === option}
                          onChange={() => setChoice((c) => ({ ...c, [item.id]: option }))}
                        />
                        <label htmlFor={`decision-${item.id}-${option}`}>
                          {t(`operator.queue.choices.${option}`)}
                        </label>
                      </div>
                    ))}
                  </fieldset>
                  {choice[item.id] === 'reject' && (
                    <>
                      <div className="field">
                        <label htmlFor={`reason-${item.id}`}>{t('operator.queue.reason')}</label>
                        <select id={`reason-${item.id}`} name="reason" required>
                          <option value="">{t('signup.select')}</option>
                          {REJECTION_REASONS.map((reason) => (
                            <option key={reason} value={reason}>
                              {t(`operator.queue.reasons.${reason}`)}
                            </option>
                          ))}
                        </select>
                      </div>
                      <div className="field">
                        <label htmlFor={`note-${item.id}`}>{t('operator.queue.note')}</label>
                        <textarea id={`note-${item.id}`} name="note" maxLength={1000} rows={3} />
                      </div>
                    </>
                  )}
                  {choice[item.id] === 'requestDocuments' && (
                    <div className="field">
                      <label htmlFor={`message-${item.id}`}>{t('operator.queue.message')}</label>
                      <textarea id={`message-${item.id}`} name="message" maxLength={1000} rows={3} required />
                    </div>
                  )}
                  <div className="button-row">
                    <button type="submit">{t('operator.queue.decide')}</button>
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() =>
                        void act(
                          `/api/operator/applications/${item.id}/release`,
                          {},
                          t('operator.queue.done.release', { number: item.applicationNumber }),
                        )
                      }
                    >
                      {t('operator.queue.release')}
                    </button>
                  </div>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
