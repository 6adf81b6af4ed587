import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { useAnswerText } from '../../components/form-fields/answer-text';
import { SummarySections } from '../../components/form-fields/SummarySections';
import { usePlaceName } from '../../components/place-name';
import { useProfile } from '../../components/profile';
import { summaryRows, type SummaryRow } from '../../../shared/forms/summary';
import { formatMoney } from '../../../shared/money';
import { ErrorSummary } from '../../components/forms';
import { ChecklistSummary } from './DocumentChecklist';
import {
  applicationCreatedResponse,
  type propertiesResponse,
  type RegistrationCheck,
} from '../../../shared/schemas/responses';

type Property = z.infer<typeof propertiesResponse>['properties'][number];
type Created = z.infer<typeof applicationCreatedResponse>;

interface Props {
  values: Record<string, unknown>;
  result: RegistrationCheck;
  properties: Property[];
  draftId?: number;
  /** The data sent with the PIN: the values as checked, with what the MRZ filled. */
  confirmData: Record<string, unknown>;
  onChange: (field: string) => void;
  onConfirmed: (created: Created) => Promise<void>;
}

/** «Проверьте данные»: every answer with a «Change» link back to its field, then the PIN. */
export function CheckAnswers({
  values,
  result,
  properties,
  draftId,
  confirmData,
  onChange,
  onConfirmed,
}: Props) {
  const { t, i18n } = useTranslation();
  // A passport page sent as a PDF has no picture to show: its link says what it is.
  const [scanIsPicture, setScanIsPicture] = useState(true);
  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState<string>();
  const [general, setGeneral] = useState<string>();
  const [state, setState] = useState<'idle' | 'confirming' | 'created'>('idle');
  const [created, setCreated] = useState<Created>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const profile = useProfile();
  const placeName = usePlaceName();
  const place = (id: unknown) => {
    const property = properties.find((p) => p.id === Number(id));
    return property ? placeName(property) : '—';
  };
  const answerText = useAnswerText(place);
  const sections = summaryRows(profile.registrationForm, values);
  const fee = formatMoney(result.fee.amountMinor, result.fee.currency, i18n.language);
  const changeLink = (row: SummaryRow, label: string) =>
    state === 'idle' && (
      <button type="button" className="link-button" onClick={() => onChange(row.field)}>
        {t('registration.review.change')}
        <span className="visually-hidden"> — {label}</span>
      </button>
    );
  const notices = profile.registration.beforeConfirm ?? [];

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    setPinError(undefined);
    setGeneral(undefined);
    if (!/^\d{6}$/.test(pin)) {
      setPinError(t('errors.pin.format'));
      return;
    }
    setState('confirming');
    let application: Created;
    try {
      application = await api('/api/registrations', applicationCreatedResponse, {
        body: { data: confirmData, pin, ...(draftId ? { draftId } : {}) },
      });
    } catch (error) {
      setState('idle');
      if (error instanceof ApiError && error.fields.pin) setPinError(error.fields.pin.message);
      else if (error instanceof ApiError && Object.keys(error.fields).length > 0)
        // The data changed meanwhile (another host registered the same passport…): back to the form.
        setGeneral(
          Object.values(error.fields)
            .map((f) => f.message)
            .join(' '),
        );
      else setGeneral(error instanceof ApiError && error.message ? error.message : t('errors.network'));
      return;
    }
    setCreated(application);
    setState('created');
    try {
      await onConfirmed(application);
    } catch (error) {
      setGeneral(
        t('registration.payLater', {
          number: application.applicationNumber,
          reason: error instanceof ApiError && error.message ? error.message : t('errors.network'),
        }),
      );
    }
  };

  return (
    <section className="panel" aria-labelledby="review-title">
      <h2 id="review-title" tabIndex={-1} ref={heading}>
        {t('registration.review.title')}
      </h2>
      <p>{t('registration.review.intro')}</p>
      <SummarySections sections={sections} text={answerText} action={changeLink} />
      <dl className="summary-list">
        <div>
          <dt>{t('registration.review.documents')}</dt>
          <dd className="review-documents">
            <img
              src={`/api/documents/${Number(values.photoDocumentId)}`}
              alt={t('registration.review.photo')}
              width={90}
            />
            <a href={`/api/documents/${Number(values.passportDocumentId)}`} target="_blank" rel="noreferrer">
              {scanIsPicture ? (
                <img
                  src={`/api/documents/${Number(values.passportDocumentId)}`}
                  alt={t('registration.review.passportScan')}
                  width={160}
                  onError={() => setScanIsPicture(false)}
                />
              ) : (
                t('registration.review.passportScan')
              )}
            </a>
          </dd>
          <dd>
            {state === 'idle' && (
              <button type="button" className="link-button" onClick={() => onChange('passportDocumentId')}>
                {t('registration.review.change')}
                <span className="visually-hidden"> — {t('registration.review.documents')}</span>
              </button>
            )}
          </dd>
        </div>
        <ChecklistSummary form={profile.registrationForm} values={values} />
        {/* A country with no fee never speaks of paying: the application goes straight to review. */}
        {result.fee.amountMinor > 0 && (
          <div>
            <dt>{t('registration.fee')}</dt>
            <dd>
              <strong>{fee}</strong>
            </dd>
            <dd />
          </div>
        )}
      </dl>
      {result.warnings.length > 0 && (
        <div className="warning" role="note">
          <strong>{t('registration.review.notePrefix')}</strong>
          <ul>
            {result.warnings.map((warning) => (
              <li key={warning.code}>{warning.message}</li>
            ))}
          </ul>
        </div>
      )}

      {notices.length > 0 && state !== 'created' && (
        <div className="warning" role="note" aria-labelledby="before-confirm-title">
          <strong id="before-confirm-title">{t('registration.review.beforeConfirm')}</strong>
          {notices.map((key) => (
            <p key={key}>{t(key)}</p>
          ))}
        </div>
      )}
      <ErrorSummary items={pinError ? [{ field: 'pin', message: pinError }] : []} general={general} />
      {state === 'created' && created ? (
        <p role="status" className="notice notice--progress">
          <span className="spinner" aria-hidden="true" />
          {t('registration.created', { number: created.applicationNumber })}
        </p>
      ) : (
        <form onSubmit={confirm} noValidate className="pin-form">
          <div className={`field${pinError ? ' field--error' : ''}`}>
            <label htmlFor="field-pin">{t('registration.review.pin')}</label>
            <p className="hint" id="field-pin-hint">
              {t('registration.review.pinHint')}
            </p>
            {pinError && (
              <p className="field-error" id="field-pin-error">
                {pinError}
              </p>
            )}
            <input
              id="field-pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={6}
              className="input-short"
              value={pin}
              aria-invalid={Boolean(pinError)}
              aria-describedby={pinError ? 'field-pin-hint field-pin-error' : 'field-pin-hint'}
              onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
            />
          </div>
          <div className="button-row">
            <button type="submit" disabled={state !== 'idle'}>
              {state === 'confirming'
                ? t('registration.review.confirming')
                : t('registration.review.confirm')}
            </button>
            <button type="button" className="button-secondary" onClick={() => onChange('propertyId')}>
              {t('registration.review.back')}
            </button>
          </div>
        </form>
      )}
      {state === 'created' && general && (
        <p>
          <Link to="/cabinet/archive">{t('payment.toArchive')}</Link>
        </p>
      )}
    </section>
  );
}
