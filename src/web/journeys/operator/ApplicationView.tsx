import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../api/client';
import type { reviewApplicationResponse } from '../../../shared/schemas/responses';

type Application = z.infer<typeof reviewApplicationResponse>;

const FIELD_LABELS: [keyof Application['fields'], string][] = [
  ['surname', 'signup.surname'],
  ['givenNames', 'signup.givenNames'],
  ['patronymic', 'registration.patronymic'],
  ['birthDate', 'signup.birthDate'],
  ['sex', 'signup.sex'],
  ['passportType', 'signup.passportType'],
  ['passportCountry', 'signup.passportCountry'],
  ['passportNumber', 'signup.passportNumber'],
  ['passportIssueDate', 'signup.passportIssueDate'],
  ['passportExpiryDate', 'signup.passportExpiryDate'],
  ['entryDate', 'registration.entryDate'],
  ['phone', 'registration.phone'],
  ['email', 'registration.email'],
  ['periodFrom', 'registration.periodFrom'],
  ['periodTo', 'registration.periodTo'],
  ['purpose', 'registration.purpose'],
];

/** What an operator checks before deciding: the typed data beside the scan and the photo. */
export function ApplicationView({ id }: { id: number }) {
  const { t } = useTranslation();
  const [application, setApplication] = useState<Application>();
  useEffect(() => {
    void api<Application>(`/api/operator/applications/${id}`).then(setApplication);
  }, [id]);
  if (!application) return <p role="status">{t('app.loading')}</p>;
  const { fields, documents } = application;
  // Codes in words, as the host chose them; the phone as an international number.
  const shown = (field: keyof Application['fields']): string => {
    const value = fields[field];
    if (value === null || value === '') return '—';
    if (field === 'passportType') return t(`signup.passportTypes.${String(value)}`);
    if (field === 'purpose') return t(`registration.purposes.${String(value)}`);
    if (field === 'phone') return `+${String(value)}`;
    return String(value);
  };
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
      <div className="review-documents">
        {documents.photo && (
          <img src={`/api/documents/${documents.photo}`} alt={t('registration.review.photo')} width={120} />
        )}
        {documents.passport && (
          <a href={`/api/documents/${documents.passport}`} target="_blank" rel="noreferrer">
            {t('registration.review.passportScan')}
          </a>
        )}
        {documents.extra.map((document, i) => (
          <a key={document} href={`/api/documents/${document}`} target="_blank" rel="noreferrer">
            {t('operator.view.extra', { n: i + 1 })}
          </a>
        ))}
      </div>
      <dl className="summary-list">
        {FIELD_LABELS.map(([field, label]) => {
          const typedOver = application.mrzChangedFields.includes(field);
          return (
            <div key={field} className={typedOver ? 'typed-over' : undefined}>
              <dt>{t(label)}</dt>
              <dd>
                {shown(field)}
                {typedOver && (
                  <strong className="badge badge--check"> — {t('operator.view.typedOver')}</strong>
                )}
              </dd>
              <dd />
            </div>
          );
        })}
      </dl>
      <p>
        {t('operator.view.host', { name: application.host.name, email: application.host.email })}
        {application.property &&
          ` · ${t('operator.view.property', { code: application.property.code, address: application.property.addressLine, capacity: application.property.capacity })}`}
      </p>
      {application.history.length > 0 && (
        <>
          <h4>{t('operator.view.history')}</h4>
          <ul>
            {application.history.map((h) => (
              <li key={h.applicationNumber}>
                {h.applicationNumber}: {t(`archive.statuses.${h.status}`)}, {h.periodFrom} — {h.periodTo}
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
