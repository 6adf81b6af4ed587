import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import type { z } from 'zod';
import { api, ApiError } from '../../../api/client';
import { useDates } from '../../../components/dates';
import { useAnswerText } from '../../../components/form-fields/answer-text';
import { SummarySections } from '../../../components/form-fields/SummarySections';
import { usePlaceName } from '../../../components/place-name';
import { useProfile } from '../../../components/profile';
import { useSession } from '../../../components/session';
import { summaryRows } from '../../../../shared/forms/summary';
import { hostApplicationResponse, propertiesResponse } from '../../../../shared/schemas/responses';
import { AnswerRequest } from '../AnswerRequest';
import { CabinetTabs } from '../CabinetTabs';
import { ApplicationDocuments } from './ApplicationDocuments';

type Application = z.infer<typeof hostApplicationResponse>;
type Property = z.infer<typeof propertiesResponse>['properties'][number];

/** The operator's decision as the last word of «Сообщения»: the status and, for a refusal, why. */
function Decision({ application }: { application: Application }) {
  const { t } = useTranslation();
  const dates = useDates();
  const profile = useProfile();
  if (!application.decidedAt || !['approved', 'rejected'].includes(application.status)) return null;
  return (
    <div className="message message--operator">
      <p className="message-meta">
        <strong>{t('application.decision')}</strong>{' '}
        <time dateTime={application.decidedAt}>{dates.dateTime(application.decidedAt)}</time>
      </p>
      <p className="message-text">{t(`${profile.statusWords}.${application.status}`)}</p>
      {application.decisionReason && (
        <p className="message-text">
          {t('application.reason')}: {t(`operator.queue.reasons.${application.decisionReason}`)}
          {application.decisionNote ? `. ${application.decisionNote}` : ''}
        </p>
      )}
    </div>
  );
}

/**
 * One application in the host's cabinet, reached from its archive row: its data as the form laid
 * it out, its status in the profile's words, its files, and «Сообщения» — answered here while the
 * operator waits for documents, read-only afterwards.
 */
export function ArchiveApplicationPage() {
  const { t } = useTranslation();
  const dates = useDates();
  const profile = useProfile();
  const { user, loaded } = useSession();
  const id = Number(useParams().id);
  const [application, setApplication] = useState<Application>();
  const [missing, setMissing] = useState(false);
  const [properties, setProperties] = useState<Property[]>([]);
  const [notice, setNotice] = useState<string>();
  // A new answer changes the status and the thread: both are read again.
  const [version, setVersion] = useState(0);

  const load = useCallback(async () => {
    try {
      setApplication(await api(`/api/registrations/${id}`, hostApplicationResponse));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setMissing(true);
      else throw error;
    }
  }, [id]);
  useEffect(() => {
    if (user?.role !== 'host') return;
    if (!Number.isSafeInteger(id) || id <= 0) setMissing(true);
    else void load();
    void api('/api/properties', propertiesResponse).then((r) => setProperties(r.properties));
  }, [user, id, load]);

  const placeName = usePlaceName();
  const place = (value: unknown) => {
    const property = properties.find((p) => p.id === Number(value));
    return property ? placeName(property) : '—';
  };
  const answerText = useAnswerText(place);

  if (loaded && user?.role !== 'host') return <Navigate to="/" replace />;
  const back = (
    <p>
      <Link to="/cabinet/archive">{t('application.back')}</Link>
    </p>
  );
  if (missing)
    return (
      <>
        <h1>{t('cabinet.title')}</h1>
        <CabinetTabs />
        <section className="panel">
          <p role="alert">{t('errors.registration.notFound')}</p>
          {back}
        </section>
      </>
    );
  if (!application) return <p role="status">{t('app.loading')}</p>;
  const sections = summaryRows(profile.registrationForm, application.answers);
  const number = application.applicationNumber;
  return (
    <>
      <h1>{t('cabinet.title')}</h1>
      <CabinetTabs />
      <section aria-labelledby="application-title" className="panel">
        {back}
        <h2 id="application-title">{t('application.title', { number })}</h2>
        <div role="status" aria-live="polite" className={notice ? 'notice' : undefined}>
          {notice}
        </div>
        <dl className="summary-list">
          <div>
            <dt>{t('archive.columns.status')}</dt>
            <dd>
              <strong>{t(`${profile.statusWords}.${application.status}`)}</strong>
            </dd>
            <dd />
          </div>
          <div>
            <dt>{t('application.submitted')}</dt>
            <dd>{dates.day(application.createdAt)}</dd>
            <dd />
          </div>
          {application.registrationNumber && (
            <div>
              <dt>{t('archive.columns.registrationNumber')}</dt>
              <dd>{application.registrationNumber}</dd>
              <dd>
                {application.status === 'approved' && (
                  <a href={`/api/registrations/${application.id}/card.pdf`} download>
                    {t('archive.printCard')}
                  </a>
                )}
              </dd>
            </div>
          )}
        </dl>
        <AnswerRequest
          key={version}
          id={application.id}
          applicationNumber={number}
          onAnswered={async (text) => {
            await load();
            setVersion((v) => v + 1);
            setNotice(text);
          }}
        >
          <Decision application={application} />
        </AnswerRequest>
        <SummarySections sections={sections} text={answerText} />
        <ApplicationDocuments application={application} />
        {back}
      </section>
    </>
  );
}
