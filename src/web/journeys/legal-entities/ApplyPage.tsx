import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { ErrorSummary, Field, type SummaryItem } from '../../components/forms';
import { useProfile } from '../../components/profile';
import { todayIso } from '../../../shared/dates';
import { isEntrepreneur, MAX_ENTITY_PROPERTIES } from '../../../shared/schemas/legal-entities';
import type { CountryProfile } from '../../../shared/profiles/profile';
import { AddressFields, ADDRESS_FIELDS } from '../cabinet/AddressFields';
import { entityAppliedResponse, entityTicketResponse, mrzResponse } from '../../../shared/schemas/responses';
import { Captcha } from '../signup/Captcha';
import { PassportReadingStatus, type MrzResponse, type ReadingState } from '../signup/passport-reading';
import { FilePicker } from '../../components/FilePicker';

type Applied = z.infer<typeof entityAppliedResponse>;

/**
 * The letter's lines, in the guide's order: the entity, its head, contacts, the trusted person;
 * which are asked is the profile's (a legal form, the identifiers, the head's personal number).
 */
function sectionsOf(profile: CountryProfile) {
  const rules = profile.entityApplication;
  const identifiers = rules.identifiers
    ? [...new Set(Object.values(rules.identifiers).flatMap((asked) => Object.keys(asked)))]
    : ['taxNumber'];
  return [
    ['entity', ['name', ...identifiers, 'legalAddress', 'actualAddress', 'activity']],
    ['head', ['headName', ...(rules.headPersonalNumber ? ['headPersonalNumber'] : []), 'headAddress']],
    ['contacts', ['phone', 'email']],
    ['trusted', ['trustedPosition', 'trustedName', 'trustedAddress']],
  ] as const;
}
const IDENTIFIER_FIELDS: readonly string[] = ['taxNumber', 'registrationNumber', 'kpp'];
const ACCEPT = 'application/pdf,image/jpeg,image/png';

/** «Юридическим лицам»: a hotel, hostel or employer applies for its cabinet with its documents. */
export function ApplyPage() {
  const { t, i18n } = useTranslation();
  const profile = useProfile();
  const rules = profile.entityApplication;
  const place = profile.placeOfStay;
  const SECTIONS = sectionsOf(profile);
  const [legalForm, setLegalForm] = useState('');
  // An entrepreneur's identifiers are other ones: what its legal form does not ask is not shown.
  const asked = rules.identifiers?.[isEntrepreneur(profile, legalForm) ? 'entrepreneur' : 'organisation'];
  const form = useRef<HTMLFormElement>(null);
  const [properties, setProperties] = useState<number[]>([0]);
  const [next, setNext] = useState(1);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string>();
  const [captcha, setCaptcha] = useState('');
  const [sending, setSending] = useState(false);
  const [applied, setApplied] = useState<Applied>();
  // The security check and consent buy a ticket, kept for every later try (it is spent only when
  // an application is made) and for reading the trusted person's passport, as in signup.
  const [accepted, setAccepted] = useState(false);
  const [ticket, setTicket] = useState<string>();
  const asking = useRef(false);
  const [trustedPassport, setTrustedPassport] = useState<File>();
  const [reading, setReading] = useState<ReadingState>({ kind: 'idle' });
  const [passportRead, setPassportRead] = useState<MrzResponse>();
  const readFile = useRef<File | undefined>(undefined);

  const requestTicket = useCallback(async () => {
    if (asking.current) return undefined;
    asking.current = true;
    try {
      const { ticket: issued } = await api('/api/legal-entities/start', entityTicketResponse, {
        body: { acceptTerms: true, captcha },
      });
      setTicket(issued);
      return issued;
    } finally {
      asking.current = false;
    }
  }, [captcha]);
  useEffect(() => {
    if (captcha && accepted && !ticket)
      requestTicket().catch((error: unknown) => {
        if (error instanceof ApiError && error.fields.captcha)
          setErrors((current) => ({ ...current, captcha: error.fields.captcha!.key }));
      });
  }, [captcha, accepted, ticket, requestTicket]);

  // The trusted person's passport is read once there is a ticket: the name it gives fills an
  // empty «ФИО», and the operator gets a document whose zone was readable.
  useEffect(() => {
    if (!ticket || !trustedPassport || readFile.current === trustedPassport) return;
    readFile.current = trustedPassport;
    setReading({ kind: 'reading' });
    setPassportRead(undefined);
    const body = new FormData();
    body.append('ticket', ticket);
    body.append('file', trustedPassport, trustedPassport.name);
    api('/api/documents/mrz', mrzResponse, { form: body })
      .then((mrz) => {
        setReading({ kind: 'done', status: mrz.status });
        if (mrz.status !== 'ok') return;
        setPassportRead(mrz);
        const name = form.current?.elements.namedItem('trustedName') as HTMLInputElement | null;
        if (name && !name.value.trim()) name.value = [mrz.surname, mrz.givenNames].filter(Boolean).join(' ');
      })
      .catch((error: unknown) =>
        setReading({
          kind: 'error',
          message: error instanceof ApiError && error.message ? error.message : t('errors.network'),
        }),
      );
  }, [ticket, trustedPassport, t]);

  const onCaptcha = useCallback((payload: string) => {
    setCaptcha(payload);
    if (payload) setErrors(({ captcha: _, ...rest }) => rest);
  }, []);
  /** A field's error goes once the user changes the field: what is left is what still needs doing. */
  const onInput = (event: FormEvent<HTMLFormElement>) => {
    const name = (event.target as HTMLInputElement).name;
    if (name) setErrors(({ [name]: _, ...rest }) => rest);
  };
  /** The summary names the field as well: several documents share one message. */
  const labelOf = (field: string) => {
    const [head, index, tail] = field.split('.');
    if (head === 'properties' && index !== undefined)
      return `${t('entity.propertyN', { n: Number(index) + 1 })}, ${t(
        tail === 'capacity'
          ? 'entity.fields.capacity'
          : tail && ADDRESS_FIELDS.includes(tail)
            ? `properties.place.${tail}`
            : 'entity.fields.propertyCode',
      )}`;
    if (rules.propertyDocuments.includes(head!) && index !== undefined)
      return `${t('entity.propertyN', { n: Number(index) + 1 })}, ${t(`entity.documents.${head}`)}`;
    if (rules.documents.includes(field)) return t(`entity.documents.${field}`);
    if (field === 'acceptTerms') return t('entity.consent');
    if (field === 'captcha') return t('signup.captchaLabel');
    if (field === 'properties') return t('entity.sections.properties');
    return t(`entity.fields.${field}`);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const data = new FormData(form.current!);
    setGeneral(undefined);
    setSending(true);
    try {
      // The security check first, when it is done; otherwise the form goes without it, so that
      // every problem comes back at once, the check's among them.
      const consented = data.get('acceptTerms') === 'on';
      const issued = ticket ?? (captcha && consented ? await requestTicket() : undefined);
      const body = new FormData();
      if (rules.legalForms.length > 0) body.set('legalForm', String(data.get('legalForm') ?? ''));
      for (const [, fields] of SECTIONS)
        for (const name of fields) body.set(name, String(data.get(name) ?? ''));
      const parts = place.kind === 'address' ? [...ADDRESS_FIELDS, 'capacity'] : ['code', 'capacity'];
      body.set(
        'properties',
        JSON.stringify(
          properties.map((_, i) => ({
            ...Object.fromEntries(parts.map((part) => [part, data.get(`properties.${i}.${part}`) ?? ''])),
            ...(data.get(`properties.${i}.confirmIndex`) === 'on' ? { confirmIndex: true } : {}),
          })),
        ),
      );
      body.set('acceptTerms', data.get('acceptTerms') === 'on' ? 'true' : 'false');
      if (issued) body.set('ticket', issued);
      // Files last: the server reads the fields first.
      for (const name of [
        ...rules.documents,
        ...properties.flatMap((_, i) => rules.propertyDocuments.map((doc) => `${doc}.${i}`)),
      ]) {
        const file = data.get(name);
        if (file instanceof File && file.size > 0) body.set(name, file);
      }
      setApplied(await api('/api/legal-entities/applications', entityAppliedResponse, { form: body }));
      setErrors({});
    } catch (error) {
      // A spent or expired ticket: the next try needs the security check again.
      if (error instanceof ApiError && error.fields.captcha) setTicket(undefined);
      if (error instanceof ApiError && Object.keys(error.fields).length > 0)
        setErrors(Object.fromEntries(Object.entries(error.fields).map(([field, e]) => [field, e.key])));
      else setGeneral(error instanceof ApiError && error.message ? error.message : 'errors.network');
    } finally {
      setSending(false);
    }
  };

  if (applied)
    return (
      <>
        <h1>{t('entity.appliedTitle')}</h1>
        <div className="panel notice notice--success" role="status">
          <p>{t('entity.appliedNumber', { number: applied.number })}</p>
          <p>{t('entity.appliedLink')}</p>
          <p>
            <Link to={`/legal-entities/application#${applied.number}.${applied.token}`}>
              {t('entity.openLink')}
            </Link>
          </p>
        </div>
      </>
    );

  const summary: SummaryItem[] = Object.entries(errors).map(([field, key]) => ({
    field,
    message: `${labelOf(field)}: ${t(key, { example: profile.propertyCode.example })}`,
  }));
  const text = (name: string, type = 'text', autoComplete?: string) => (
    <Field
      key={name}
      name={name}
      label={t(`entity.fields.${name}`)}
      error={errors[name]}
      hint={
        name === 'taxNumber' ? t('entity.taxNumberHint', { example: profile.taxNumber.example }) : undefined
      }
    >
      {(a11y) => <input {...a11y} name={name} type={type} autoComplete={autoComplete ?? 'off'} />}
    </Field>
  );
  const file = (name: string, label: string) => (
    <Field key={name} name={name} label={label} hint={t('entity.fileHint')} error={errors[name]}>
      {(a11y) => (
        <FilePicker
          {...a11y}
          name={name}
          accept={ACCEPT}
          onChange={
            name === 'trustedPassport'
              ? (event) => {
                  setTrustedPassport(event.target.files?.[0]);
                  setReading({ kind: 'idle' });
                  setPassportRead(undefined);
                }
              : undefined
          }
        />
      )}
    </Field>
  );
  const today = todayIso(new Date(), profile.clock);
  const passportNotice = passportRead ? (
    <div className="notice" role="status" aria-live="polite">
      <p>
        {t('entity.passportRead', {
          name: [passportRead.surname, passportRead.givenNames].filter(Boolean).join(' '),
          number: passportRead.documentNumber ?? '—',
          expiry: passportRead.expiryDate ?? '—',
        })}
      </p>
      {passportRead.expiryDate && passportRead.expiryDate < today && (
        <p className="field-error">{t('entity.passportExpired', { date: passportRead.expiryDate })}</p>
      )}
    </div>
  ) : trustedPassport && !ticket ? (
    <p className="hint" role="status">
      {t('entity.passportReadAfterCheck')}
    </p>
  ) : (
    <PassportReadingStatus state={reading} />
  );

  return (
    <>
      <h1>{t('entity.applyTitle')}</h1>
      <p className="lead">{t('entity.applyIntro')}</p>
      <ErrorSummary items={summary} general={general} />
      <form
        ref={form}
        onSubmit={(e) => void submit(e)}
        onInput={onInput}
        noValidate
        className="panel entity-form"
      >
        {SECTIONS.map(([section, fields]) => (
          <fieldset key={section}>
            <legend>{t(`entity.sections.${section}`)}</legend>
            {section === 'entity' && rules.legalForms.length > 0 && (
              <Field name="legalForm" label={t('entity.fields.legalForm')} error={errors.legalForm}>
                {(a11y) => (
                  <select
                    {...a11y}
                    name="legalForm"
                    value={legalForm}
                    onChange={(event) => setLegalForm(event.target.value)}
                  >
                    <option value="">{t('properties.place.choose')}</option>
                    {rules.legalForms.map((f) => (
                      <option key={f.value} value={f.value}>
                        {i18n.language === 'en' ? f.en : f.ru}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            {fields
              .filter((name) => !asked || !IDENTIFIER_FIELDS.includes(name) || name in asked)
              .map((name) =>
                text(
                  name,
                  name === 'email' ? 'email' : name === 'phone' ? 'tel' : 'text',
                  name === 'email' ? 'email' : name === 'phone' ? 'tel' : undefined,
                ),
              )}
          </fieldset>
        ))}
        <fieldset>
          <legend>{t('entity.sections.documents')}</legend>
          {rules.documents.map((name) => [
            file(name, t(`entity.documents.${name}`)),
            name === 'trustedPassport' && <div key="passport-read">{passportNotice}</div>,
          ])}
        </fieldset>
        <fieldset>
          <legend>{t('entity.sections.properties')}</legend>
          <p className="hint">{t('entity.propertiesHint', { example: profile.propertyCode.example })}</p>
          {errors.properties && (
            <p className="field-error" id="field-properties" tabIndex={-1}>
              {t(errors.properties)}
            </p>
          )}
          {properties.map((key, i) => (
            <div className="entity-property" key={key}>
              <h3>{t('entity.propertyN', { n: i + 1 })}</h3>
              {place.kind === 'address' ? (
                <AddressFields
                  place={place}
                  prefix={`properties.${i}.`}
                  input={(part) => ({ name: `properties.${i}.${part}` })}
                  errorOf={(part) => errors[`properties.${i}.${part}`]}
                />
              ) : (
                <Field
                  name={`properties.${i}.code`}
                  label={t('entity.fields.propertyCode')}
                  error={errors[`properties.${i}.code`]}
                >
                  {(a11y) => <input {...a11y} name={`properties.${i}.code`} autoComplete="off" />}
                </Field>
              )}
              {errors[`properties.${i}.postalIndex`]?.startsWith('errors.address.postalIndex.') &&
                errors[`properties.${i}.postalIndex`] !== 'errors.address.postalIndex.format' &&
                errors[`properties.${i}.postalIndex`] !== 'errors.address.postalIndex.required' && (
                  <div className="checkbox">
                    <input
                      type="checkbox"
                      id={`field-properties.${i}.confirmIndex`}
                      name={`properties.${i}.confirmIndex`}
                    />
                    <label htmlFor={`field-properties.${i}.confirmIndex`}>
                      {t('properties.place.keepIndex')}
                    </label>
                  </div>
                )}
              <Field
                name={`properties.${i}.capacity`}
                label={t('entity.fields.capacity')}
                error={errors[`properties.${i}.capacity`]}
              >
                {(a11y) => (
                  <input
                    {...a11y}
                    name={`properties.${i}.capacity`}
                    type="number"
                    min={1}
                    max={500}
                    inputMode="numeric"
                  />
                )}
              </Field>
              {rules.propertyDocuments.map((doc) => file(`${doc}.${i}`, t(`entity.documents.${doc}`)))}
              {properties.length > 1 && (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => setProperties(properties.filter((k) => k !== key))}
                >
                  {t('entity.removeProperty', { n: i + 1 })}
                </button>
              )}
            </div>
          ))}
          {properties.length < MAX_ENTITY_PROPERTIES && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setProperties([...properties, next]);
                setNext(next + 1);
              }}
            >
              {t('entity.addProperty')}
            </button>
          )}
        </fieldset>
        <div className={`field${errors.acceptTerms ? ' field--error' : ''}`}>
          {errors.acceptTerms && (
            <p className="field-error" id="acceptTerms-error">
              {t(errors.acceptTerms)}
            </p>
          )}
          <div className="checkbox">
            <input
              type="checkbox"
              id="field-acceptTerms"
              name="acceptTerms"
              onChange={(event) => setAccepted(event.target.checked)}
              aria-describedby={errors.acceptTerms ? 'acceptTerms-error' : undefined}
            />
            <label htmlFor="field-acceptTerms">
              {t('entity.consent')} (
              <Link to="/privacy" target="_blank">
                {t('signup.privacyLink')}
              </Link>
              )
            </label>
          </div>
        </div>
        <div className={`field${errors.captcha ? ' field--error' : ''}`} id="field-captcha" tabIndex={-1}>
          <p className="label">{t('signup.captchaLabel')}</p>
          {errors.captcha && <p className="field-error">{t(errors.captcha)}</p>}
          <Captcha onPayload={onCaptcha} invalid={Boolean(errors.captcha)} />
        </div>
        <button type="submit" disabled={sending}>
          {sending ? t('entity.sending') : t('entity.submit')}
        </button>
      </form>
    </>
  );
}
