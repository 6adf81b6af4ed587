import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../api/client';
import { useDates } from '../../components/dates';
import { useAnswerText } from '../../components/form-fields/answer-text';
import { SummarySections } from '../../components/form-fields/SummarySections';
import { useProfile } from '../../components/profile';
import { summaryRows } from '../../../shared/forms/summary';
import { reviewApplicationResponse } from '../../../shared/schemas/responses';
import { MessagesThread } from './MessagesThread';
import { AttachmentsReview } from './AttachmentsReview';

type Application = z.infer<typeof reviewApplicationResponse>;
const ZOOMS = [1, 1.5, 2, 3];

/**
 * The passport page as the operator compares it with the typed data: zoomed and turned at will,
 * with its machine-readable zone marked when the host typed over what it read.
 */
function PassportScan({ id, typedOver }: { id: number; typedOver: string[] }) {
  const { t } = useTranslation();
  const [zoom, setZoom] = useState(0);
  const [turns, setTurns] = useState(0);
  const [failed, setFailed] = useState(false);
  const src = `/api/documents/${id}`;
  if (failed)
    return (
      <p>
        <a href={src} target="_blank" rel="noreferrer">
          {t('operator.view.noScanPreview')}
        </a>
      </p>
    );
  return (
    <figure className="scan">
      <div className="scan-frame">
        <div
          className="scan-page"
          style={{ width: `${ZOOMS[zoom]! * 100}%`, transform: `rotate(${turns * 90}deg)` }}
        >
          <img src={src} alt={t('registration.review.passportScan')} onError={() => setFailed(true)} />
          {typedOver.length > 0 && <div className="scan-mrz" aria-hidden="true" />}
        </div>
      </div>
      {typedOver.length > 0 && (
        <figcaption className="scan-mrz-caption">
          {t('operator.view.mrzTypedOver', { fields: typedOver.join(', ') })}
        </figcaption>
      )}
      <div className="button-row scan-tools" role="group" aria-label={t('operator.view.scanTools')}>
        <button
          type="button"
          className="button-secondary button-small"
          disabled={zoom === ZOOMS.length - 1}
          onClick={() => setZoom(zoom + 1)}
        >
          {t('operator.view.zoomIn')}
        </button>
        <button
          type="button"
          className="button-secondary button-small"
          disabled={zoom === 0}
          onClick={() => setZoom(zoom - 1)}
        >
          {t('operator.view.zoomOut')}
        </button>
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => setTurns((turns + 1) % 4)}
        >
          {t('operator.view.rotate')}
        </button>
        <a href={src} target="_blank" rel="noreferrer">
          {t('operator.view.fullSize')}
        </a>
      </div>
    </figure>
  );
}

/** What an operator checks before deciding: the typed data beside the scan and the photo. */
export function ApplicationView({ id }: { id: number }) {
  const { t } = useTranslation();
  const dates = useDates();
  const profile = useProfile();
  const answerText = useAnswerText();
  const [application, setApplication] = useState<Application>();
  useEffect(() => {
    void api(`/api/operator/applications/${id}`, reviewApplicationResponse).then(setApplication);
  }, [id]);
  if (!application) return <p role="status">{t('app.loading')}</p>;
  const { documents } = application;
  // The core answers and those beyond, laid out as the host's form lays them out.
  const sections = summaryRows(profile.registrationForm, { ...application.fields, ...application.answers })
    // The place is said below with the host, its address and capacity.
    .map((section) => ({ ...section, rows: section.rows.filter((row) => row.kind !== 'property') }))
    .filter((section) => section.rows.length > 0);
  const labels = new Map(profile.registrationForm.fields.map((field) => [field.name, field.label]));
  const typedOver = application.mrzChangedFields
    .filter((field) => labels.has(field))
    .map((field) => t(labels.get(field)!));
  const over = (field: string) => application.mrzChangedFields.includes(field);
  return (
    <div className="application-view">
      {application.flagReasons.length > 0 && (
        <ul className="flag-reasons notice notice--warning" aria-label={t('operator.view.flags')}>
          {application.flagReasons.map((flag) => (
            <li key={flag.code}>
              <strong>{t(`operator.queue.flags.${flag.code}`)}:</strong> {flag.message}
            </li>
          ))}
        </ul>
      )}
      <div className="review-layout">
        <div className="review-scans">
          {documents.passport && <PassportScan id={documents.passport} typedOver={typedOver} />}
          {documents.photo && (
            <figure className="review-photo">
              <img src={`/api/documents/${documents.photo}`} alt={t('registration.review.photo')} />
              <figcaption>{t('registration.review.photo')}</figcaption>
            </figure>
          )}
          {documents.extra.length > 0 && (
            <ul className="review-extra">
              {documents.extra.map((document, i) => (
                <li key={document}>
                  <a href={`/api/documents/${document}`} target="_blank" rel="noreferrer">
                    {t('operator.view.extra', { n: i + 1 })}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <AttachmentsReview registrationId={application.id} attachments={application.attachments} />
        </div>
        <div className="review-data">
          <SummarySections
            level="h4"
            sections={sections}
            text={answerText}
            rowClassName={(row) => (over(row.field) ? 'typed-over' : undefined)}
            note={(row) =>
              over(row.field) && (
                <strong className="badge badge--check"> — {t('operator.view.typedOver')}</strong>
              )
            }
          />
        </div>
      </div>
      <p>
        {t('operator.view.host', { name: application.host.name, email: application.host.email })}
        {application.property &&
          ` · ${t('operator.view.property', { code: application.property.code, address: application.property.addressLine, capacity: application.property.capacity })}`}
      </p>
      <MessagesThread id={application.id} />
      {application.history.length > 0 && (
        <>
          <h4>{t('operator.view.history')}</h4>
          <ul>
            {application.history.map((h) => (
              <li key={h.applicationNumber}>
                {h.applicationNumber}: {t(`${profile.statusWords}.${h.status}`)},{' '}
                {dates.period(h.periodFrom, h.periodTo)}
                {h.samePerson
                  ? ` (${t('operator.view.samePerson')})`
                  : ` (${t('operator.view.sameAddress')})`}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
