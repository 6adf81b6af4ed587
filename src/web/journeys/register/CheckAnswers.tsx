import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { countryName } from '../../components/CountrySelect';
import { useDates } from '../../components/dates';
import { formatMoney } from '../../../shared/money';
import { ErrorSummary } from '../../components/forms';
import { useProfile } from '../../components/profile';
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
  const profile = useProfile();
  const dates = useDates();
  const day = (value: unknown) => dates.date(typeof value === 'string' ? value : undefined);
  // A passport page sent as a PDF has no picture to show: its link says what it is.
  const [scanIsPicture, setScanIsPicture] = useState(true);
  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState<string>();
  const [general, setGeneral] = useState<string>();
  const [state, setState] = useState<'idle' | 'confirming' | 'created'>('idle');
  const [created, setCreated] = useState<Created>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const property = properties.find((p) => p.id === Number(values.propertyId));
  const country = (code: unknown) => countryName(typeof code === 'string' ? code : undefined, i18n.language);
  const fee = formatMoney(result.fee.amountMinor, result.fee.currency, i18n.language);
  const plain = (v: unknown) => (typeof v === 'string' && v.trim() ? v : '—');

  const rows: { field: string; label: string; value: string }[] = [
    {
      field: 'propertyId',
      label: t('registration.property'),
      value: property ? `${property.code} — ${property.addressLine}` : '—',
    },
    { field: 'surname', label: t('signup.surname'), value: plain(values.surname) },
    { field: 'givenNames', label: t('signup.givenNames'), value: plain(values.givenNames) },
    { field: 'patronymic', label: t('registration.patronymic'), value: plain(values.patronymic) },
    { field: 'birthDate', label: t('signup.birthDate'), value: day(values.birthDate) },
    {
      field: 'sex',
      label: t('signup.sex'),
      value: values.sex === 'M' ? t('signup.sexM') : values.sex === 'F' ? t('signup.sexF') : '—',
    },
    {
      field: 'passportType',
      label: t('signup.passportType'),
      value: values.passportType ? t(`signup.passportTypes.${String(values.passportType)}`) : '—',
    },
    { field: 'passportCountry', label: t('signup.passportCountry'), value: country(values.passportCountry) },
    { field: 'passportNumber', label: t('signup.passportNumber'), value: plain(values.passportNumber) },
    {
      field: 'passportIssueDate',
      label: t('signup.passportIssueDate'),
      value: day(values.passportIssueDate),
    },
    {
      field: 'passportExpiryDate',
      label: t('signup.passportExpiryDate'),
      value: day(values.passportExpiryDate),
    },
    { field: 'entryDate', label: t('registration.entryDate'), value: day(values.entryDate) },
    // Checked values hold the digits only; an international number reads with its '+'.
    {
      field: 'phone',
      label: t('registration.phone'),
      value: values.phone ? `+${String(values.phone)}` : '—',
    },
    { field: 'email', label: t('registration.email'), value: plain(values.email) },
    { field: 'periodFrom', label: t('registration.periodFrom'), value: day(values.periodFrom) },
    { field: 'periodTo', label: t('registration.periodTo'), value: day(values.periodTo) },
    {
      field: 'purpose',
      label: t('registration.purpose'),
      value: values.purpose ? t(`registration.purposes.${String(values.purpose)}`) : '—',
    },
  ];
  if (values.withGuardian)
    rows.push({ field: 'withGuardian', label: t('registration.withGuardian'), value: '✓' });

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
      <dl className="summary-list">
        {rows.map((row) => (
          <div key={row.field}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
            <dd>
              {state === 'idle' && (
                <button type="button" className="link-button" onClick={() => onChange(row.field)}>
                  {t('registration.review.change')}
                  <span className="visually-hidden"> — {row.label}</span>
                </button>
              )}
            </dd>
          </div>
        ))}
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
        <div>
          <dt>{t('registration.fee')}</dt>
          <dd>
            <strong>{fee}</strong>
          </dd>
          <dd />
        </div>
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
