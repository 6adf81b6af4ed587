import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { entityApplicantResponse, entityResubmittedResponse } from '../../../shared/schemas/responses';
import { useDates } from '../../components/dates';
import { FilePicker } from '../../components/FilePicker';

type Application = z.infer<typeof entityApplicantResponse>;

/** The link's fragment: «NUMBER.TOKEN». Never sent to the server as part of a URL. */
function accessFromHash(): { number: string; token: string } | undefined {
  const match = /^#(LE-\d{4}-\d{6})\.([A-Za-z0-9_-]{20,100})$/.exec(window.location.hash);
  return match ? { number: match[1]!, token: match[2]! } : undefined;
}

/** The applicant's private page: the status, what the operator asks, and the upload to answer it. */
export function ApplicationPage() {
  const { t } = useTranslation();
  const dates = useDates();
  const [access] = useState(accessFromHash);
  const [application, setApplication] = useState<Application>();
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [sending, setSending] = useState(false);

  const load = useCallback(async () => {
    if (!access) return setProblem(t('errors.entity.access'));
    try {
      setApplication(
        await api('/api/legal-entities/applications/view', entityApplicantResponse, { body: access }),
      );
    } catch (error) {
      setProblem(error instanceof ApiError && error.message ? error.message : t('errors.network'));
    }
  }, [access, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const resubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const files = new FormData(event.currentTarget)
      .getAll('files')
      .filter((f) => f instanceof File && f.size > 0);
    const body = new FormData();
    body.set('number', access!.number);
    body.set('token', access!.token);
    files.forEach((file, i) => body.set(`file${i}`, file));
    setSending(true);
    setProblem(undefined);
    try {
      await api('/api/legal-entities/applications/resubmit', entityResubmittedResponse, { form: body });
      setNotice(t('entity.resubmitted', { number: access!.number }));
      await load();
    } catch (error) {
      const field = error instanceof ApiError ? Object.values(error.fields)[0] : undefined;
      setProblem(
        field
          ? t(field.key)
          : error instanceof ApiError && error.message
            ? error.message
            : t('errors.network'),
      );
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <h1>{t('entity.applicationTitle')}</h1>
      {problem && (
        <div className="error-summary" role="alert">
          <p>{problem}</p>
        </div>
      )}
      {notice && (
        <p className="notice notice--success" role="status">
          {notice}
        </p>
      )}
      {application && (
        <section className="panel" aria-labelledby="application-summary">
          <h2 id="application-summary">
            {application.number} — {application.name}
          </h2>
          <dl className="summary-list">
            <dt>{t('entity.status')}</dt>
            <dd>{t(`entity.statuses.${application.status}`)}</dd>
            <dt>{t('entity.submittedAt')}</dt>
            <dd>{dates.day(application.submittedAt)}</dd>
            <dt>{t('entity.documentsSent')}</dt>
            <dd>{application.documents.length}</dd>
          </dl>
          {application.status === 'rejected' && application.decisionReason && (
            <p className="notice notice--warning">
              {t('archive.rejectedBecause', {
                reason: t(`operator.queue.reasons.${application.decisionReason}`),
              })}
              {application.decisionNote ? ` ${application.decisionNote}` : ''}
            </p>
          )}
          {application.status === 'documents_requested' && (
            <form className="resubmit" onSubmit={(e) => void resubmit(e)}>
              <p className="notice notice--warning">
                {t('archive.operatorAsks', { note: application.decisionNote ?? '' })}
              </p>
              <label htmlFor="entity-files">{t('entity.uploadAnswer')}</label>
              <p className="hint" id="entity-files-hint">
                {t('entity.fileHint')}
              </p>
              <FilePicker
                id="entity-files"
                name="files"
                multiple
                accept="application/pdf,image/jpeg,image/png"
                aria-describedby="entity-files-hint"
              />
              <button type="submit" disabled={sending}>
                {t('archive.send')}
              </button>
            </form>
          )}
        </section>
      )}
    </>
  );
}
