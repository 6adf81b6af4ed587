import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { apiUnchecked, ApiError } from '../../api/client';
import {
  ErrorSummary,
  Field,
  applyServerErrors,
  fileProblem,
  summaryFromErrors,
  useErrorText,
} from '../../components/forms';
import { PassportFields, PhotoRequirements } from '../../components/PassportFields';
import { useDates } from '../../components/dates';
import { useProfile } from '../../components/profile';
import { addDays, todayIso } from '../../../shared/dates';
import { useSession } from '../../components/session';
import { WebcamCapture } from '../../components/WebcamCapture';
import { PHOTO_MEDIA_TYPES, UPLOAD_MEDIA_TYPES } from '../../../shared/schemas/accounts';
import { registrationSchema } from '../../../shared/schemas/registrations';
import type {
  applicationCreatedResponse,
  draftResponse,
  draftSavedResponse,
  draftsResponse,
  propertiesResponse,
  RegistrationCheck,
} from '../../../shared/schemas/responses';
import { CabinetTabs } from '../cabinet/CabinetTabs';
import { goToPayment } from '../cabinet/pay';
import { PassportReadingStatus, usePassportReading } from '../signup/passport-reading';
import { CheckAnswers } from './CheckAnswers';
import { FilePicker } from '../../components/FilePicker';

type Property = z.infer<typeof propertiesResponse>['properties'][number];
type Draft = z.infer<typeof draftsResponse>['drafts'][number];

/** The form's fields in the guide's order: the error summary lists them so. */
export const ORDER = [
  'propertyId',
  'passportDocumentId',
  'photoDocumentId',
  'surname',
  'givenNames',
  'patronymic',
  'birthDate',
  'sex',
  'passportType',
  'passportCountry',
  'passportNumber',
  'passportIssueDate',
  'passportExpiryDate',
  'entryDate',
  'phone',
  'email',
  'periodFrom',
  'periodTo',
  'purpose',
  'withGuardian',
] as const;

const AUTOSAVE_MS = 1200;
const LAST_PROPERTY = 'konok.lastProperty';

/**
 * What a new registration starts with, each shown in its field and changeable: the foreigner came
 * and stays from today, for the profile's usual stay; at the host's only property, or the one
 * used last.
 */
function defaultValues(properties: Property[], usualDays: number): Record<string, unknown> {
  const today = todayIso();
  const last = localStorage.getItem(LAST_PROPERTY);
  const property = properties.length === 1 ? properties[0] : properties.find((p) => String(p.id) === last);
  return {
    propertyId: property ? String(property.id) : '',
    entryDate: today,
    periodFrom: today,
    periodTo: addDays(today, usualDays - 1),
  };
}

/** Cabinet, tab 3 «Регистрация иностранного гражданина»: the form, saved as a draft as the host types. */
export function RegisterPage() {
  const { t } = useTranslation();
  const dates = useDates();
  const text = useErrorText();
  const { user, loaded } = useSession();
  const profile = useProfile();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const schema = useMemo(() => registrationSchema(profile), [profile]);
  type Values = z.input<typeof schema>;
  const { register, handleSubmit, setError, setValue, getValues, reset, watch, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    shouldFocusError: false,
  });
  const passport = usePassportReading(undefined, setValue);
  const { errors, isSubmitting } = formState;

  const [properties, setProperties] = useState<Property[]>();
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [notice, setNotice] = useState<string>();
  const [general, setGeneral] = useState<string>();
  const [uploading, setUploading] = useState<{ passport?: boolean; photo?: boolean }>({});
  const [uploadErrors, setUploadErrors] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState<{ values: Values; result: RegistrationCheck }>();
  const [focusField, setFocusField] = useState<string>();
  const [save, setSave] = useState<{ state: 'idle' | 'saving' | 'saved' | 'failed'; at?: Date }>({
    state: 'idle',
  });
  const draftId = useRef<number | undefined>(params.get('draft') ? Number(params.get('draft')) : undefined);
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<number | undefined>(undefined);
  const finished = useRef(false);
  const loadedDraft = useRef<number | undefined>(undefined);
  const defaults = useRef<Record<string, unknown>>({});

  const isHost = user?.role === 'host';
  const loadDrafts = useCallback(async () => {
    setDrafts((await apiUnchecked<z.infer<typeof draftsResponse>>('/api/registrations/drafts')).drafts);
  }, []);
  useEffect(() => {
    if (!isHost) return;
    void apiUnchecked<z.infer<typeof propertiesResponse>>('/api/properties').then((r) => {
      defaults.current = defaultValues(r.properties, profile.registration.usualPeriodDays);
      // A new registration (not a draft being resumed) starts from the defaults.
      if (!draftId.current) reset(defaults.current as Values);
      setProperties(r.properties);
    });
    void loadDrafts();
  }, [isHost, loadDrafts, reset, profile.registration.usualPeriodDays]);

  // Resuming a draft: its values back in the form, exactly as they were typed.
  const draftParam = params.get('draft');
  useEffect(() => {
    if (!isHost || !draftParam || loadedDraft.current === Number(draftParam)) return;
    loadedDraft.current = Number(draftParam);
    void apiUnchecked<z.infer<typeof draftResponse>>(`/api/registrations/drafts/${Number(draftParam)}`)
      .then((draft) => {
        draftId.current = draft.id;
        reset(draft.data as Values);
        setSave({ state: 'saved', at: new Date(draft.updatedAt) });
      })
      .catch((error: unknown) => {
        setParams({}, { replace: true });
        setGeneral(error instanceof ApiError ? error.message : 'errors.network');
      });
  }, [isHost, draftParam, reset, setParams]);

  /** Saves what is typed (one save at a time; the first makes the draft and puts it in the URL). */
  const saveDraft = useCallback(() => {
    if (finished.current) return;
    saving.current = saving.current.then(async () => {
      const values = getValues() as Record<string, unknown>;
      const entries: [string, unknown][] = [
        ...Object.entries(values),
        ['mrzFields', Object.keys(passport.filled)],
      ];
      const data = Object.fromEntries(
        entries.filter(
          ([, v]) =>
            v !== undefined &&
            v !== '' &&
            v !== false &&
            !(Array.isArray(v) && v.length === 0) &&
            !(typeof v === 'number' && Number.isNaN(v)),
        ),
      );
      // A form with nothing but its defaults (a new registration just opened) is not a draft yet.
      if (Object.entries(data).every(([k, v]) => defaults.current[k] === v || k === 'mrzFields')) return;
      setSave((s) => ({ ...s, state: 'saving' }));
      try {
        const id = draftId.current;
        const saved = await apiUnchecked<z.infer<typeof draftSavedResponse>>(
          id ? `/api/registrations/drafts/${id}` : '/api/registrations/drafts',
          { body: data },
        );
        if (!id) {
          draftId.current = saved.id;
          loadedDraft.current = saved.id;
          setParams({ draft: String(saved.id) }, { replace: true });
        }
        setSave({ state: 'saved', at: new Date() });
      } catch {
        setSave({ state: 'failed' });
        timer.current = window.setTimeout(saveDraft, AUTOSAVE_MS * 5);
      }
    });
  }, [getValues, passport.filled, setParams]);

  useEffect(() => {
    const subscription = watch(() => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(saveDraft, AUTOSAVE_MS);
    });
    return () => subscription.unsubscribe();
  }, [watch, saveDraft]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  // «Change» on the check-answers page: back to the form, on that field.
  useEffect(() => {
    if (!checked && focusField) {
      document.getElementById(`field-${focusField}`)?.focus();
      setFocusField(undefined);
    }
  }, [checked, focusField]);

  const upload = async (kind: 'passport' | 'photo', file: Blob, name: string) => {
    const field = kind === 'passport' ? 'passportDocumentId' : 'photoDocumentId';
    const problem = fileProblem(file, kind === 'passport' ? UPLOAD_MEDIA_TYPES : PHOTO_MEDIA_TYPES);
    if (problem) {
      setUploadErrors((e) => ({ ...e, [field]: problem }));
      return;
    }
    setUploadErrors(({ [field]: _cleared, ...rest }) => rest);
    setUploading((u) => ({ ...u, [kind]: true }));
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, name);
    try {
      const stored = await apiUnchecked<{ id: number }>('/api/registrations/documents', { form });
      setValue(field, stored.id, { shouldValidate: true });
    } catch (error) {
      const message =
        error instanceof ApiError
          ? (Object.values(error.fields)[0]?.message ?? error.message)
          : t('errors.network');
      setUploadErrors((e) => ({ ...e, [field]: message }));
    } finally {
      setUploading((u) => ({ ...u, [kind]: false }));
    }
  };

  const withMrz = (values: Values) => ({
    ...values,
    mrzFields: Object.keys(passport.filled),
    mrzChangedFields: passport.changedFields(values as Record<string, unknown>),
  });

  const check = handleSubmit(async (values) => {
    setGeneral(undefined);
    try {
      const result = await apiUnchecked<RegistrationCheck>('/api/registrations/check', { body: withMrz(values) });
      setChecked({ values, result });
    } catch (error) {
      setGeneral(applyServerErrors(error, setError, [...ORDER]));
    }
  });

  if (loaded && !isHost) return <Navigate to="/" replace />;
  if (!properties) return <p role="status">{t('app.loading')}</p>;

  const allErrors = {
    ...errors,
    ...Object.fromEntries(Object.entries(uploadErrors).map(([k, message]) => [k, { message }])),
  };
  const e = (name: string) => (allErrors as Record<string, { message?: string }>)[name]?.message;

  if (checked)
    return (
      <>
        <h1>{t('cabinet.title')}</h1>
        <CabinetTabs />
        <CheckAnswers
          values={checked.values}
          result={checked.result}
          properties={properties}
          draftId={draftId.current}
          onChange={(field) => {
            setChecked(undefined);
            setFocusField(field);
          }}
          onConfirmed={async (created: z.infer<typeof applicationCreatedResponse>) => {
            // The draft is gone with the confirmation: nothing more to save.
            finished.current = true;
            localStorage.setItem(LAST_PROPERTY, String(checked.values.propertyId));
            window.clearTimeout(timer.current);
            if (created.status === 'submitted')
              // No fee in this country: nothing to pay, straight to the archive.
              navigate('/cabinet/archive', {
                state: { notice: t('registration.submittedNoFee', { number: created.applicationNumber }) },
              });
            else await goToPayment(created.id);
          }}
          confirmData={withMrz(checked.values)}
        />
      </>
    );

  const passportId = watch('passportDocumentId');
  const photoId = watch('photoDocumentId');
  return (
    <>
      <h1>{t('cabinet.title')}</h1>
      <CabinetTabs />
      <section className="panel" aria-labelledby="register-title">
        <h2 id="register-title">{t('registration.title')}</h2>
        <p>{t('registration.intro')}</p>
        <div role="status" aria-live="polite" className={notice ? 'notice' : undefined}>
          {notice}
        </div>
        {drafts.length > 0 && !draftParam && (
          <section aria-labelledby="drafts-title" className="drafts">
            <h3 id="drafts-title">{t('registration.drafts.title')}</h3>
            <ul>
              {drafts.map((draft) => {
                const name = draft.name || t('registration.drafts.unnamed');
                return (
                  <li key={draft.id}>
                    <Link to={`/cabinet/register?draft=${draft.id}`}>
                      {t('registration.drafts.resume', { name })}
                    </Link>{' '}
                    <span className="hint">
                      ({t('registration.drafts.saved', { date: dates.dateTime(draft.updatedAt) })})
                    </span>{' '}
                    <button
                      type="button"
                      className="button-secondary button-small"
                      onClick={async () => {
                        await apiUnchecked(`/api/registrations/drafts/${draft.id}`, { method: 'DELETE' });
                        setNotice(t('registration.drafts.deleted'));
                        await loadDrafts();
                      }}
                    >
                      {t('registration.drafts.delete')}
                      <span className="visually-hidden">
                        {' '}
                        {t('registration.drafts.deleteNamed', { name })}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        )}
        {draftParam && (
          <p>
            <Link
              to="/cabinet/register"
              onClick={() => {
                draftId.current = undefined;
                loadedDraft.current = undefined;
                reset(defaults.current as Values);
                setSave({ state: 'idle' });
              }}
            >
              {t('registration.drafts.new')}
            </Link>
          </p>
        )}

        <ErrorSummary items={summaryFromErrors(allErrors, [...ORDER])} general={general} />
        {properties.length === 0 ? (
          <p className="warning">
            {t('registration.noProperties')}{' '}
            <Link to="/cabinet/properties">{t('registration.addProperty')}</Link>
          </p>
        ) : (
          <form onSubmit={check} noValidate>
            <Field
              name="propertyId"
              label={t('registration.property')}
              hint={t('registration.propertyHint')}
              error={e('propertyId')}
            >
              {(a11y) => (
                <select {...a11y} {...register('propertyId')}>
                  <option value="">{t('signup.select')}</option>
                  {properties.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.code} — {p.addressLine}
                    </option>
                  ))}
                </select>
              )}
            </Field>

            {/* On a desktop the photo stands beside the passport fields, not in a row of its own. */}
            <div className="register-identity">
              <div>
                <Field
                  name="passportDocumentId"
                  label={t('registration.passportFile')}
                  hint={t('registration.passportHint')}
                  error={e('passportDocumentId')}
                  badge={
                    Boolean(passportId) && !uploading.passport ? (
                      <span className="badge"> — {t('registration.attached')}</span>
                    ) : null
                  }
                >
                  {(a11y) => (
                    <FilePicker
                      {...a11y}
                      accept="application/pdf,image/jpeg,image/png"
                      onChange={(event) => {
                        const file = event.target.files?.[0];
                        if (!file) return;
                        void upload('passport', file, file.name);
                        if (!fileProblem(file, UPLOAD_MEDIA_TYPES)) void passport.read(file);
                      }}
                    />
                  )}
                </Field>
                {uploading.passport && (
                  <p role="status" className="notice notice--progress">
                    <span className="spinner" aria-hidden="true" />
                    {t('registration.uploading')}
                  </p>
                )}
                <PassportReadingStatus state={passport.state} />
              </div>
              <div id="field-photoDocumentId" className="register-photo" tabIndex={-1}>
                <h3 className="label">{t('registration.photoTitle')}</h3>
                <PhotoRequirements />
                {Boolean(photoId) && !uploading.photo && (
                  <p className="hint">{t('registration.photoAttached')}</p>
                )}
                <WebcamCapture
                  onChange={(photo) => {
                    if (photo) void upload('photo', photo, 'photo.jpg');
                  }}
                  errorText={text(e('photoDocumentId'))}
                  previewAlt={t('registration.review.photo')}
                />
                {uploading.photo && (
                  <p role="status" className="notice notice--progress">
                    <span className="spinner" aria-hidden="true" />
                    {t('registration.uploading')}
                  </p>
                )}
              </div>
              <p className="hint">{t('registration.latinHint')}</p>
              <PassportFields
                register={register}
                error={e}
                badge={passport.badge}
                passportTypes={profile.registration.passportTypes}
                own={false}
                afterNames={
                  <Field name="patronymic" label={t('registration.patronymic')} error={e('patronymic')}>
                    {(a11y) => (
                      <input
                        {...a11y}
                        autoComplete="off"
                        autoCapitalize="characters"
                        {...register('patronymic')}
                      />
                    )}
                  </Field>
                }
              />
            </div>
            <Field name="entryDate" label={t('registration.entryDate')} error={e('entryDate')}>
              {(a11y) => <input {...a11y} type="date" {...register('entryDate')} />}
            </Field>
            <Field name="phone" label={t('registration.phone')} error={e('phone')}>
              {(a11y) => <input {...a11y} type="tel" autoComplete="off" {...register('phone')} />}
            </Field>
            <Field name="email" label={t('registration.email')} error={e('email')}>
              {(a11y) => <input {...a11y} type="email" autoComplete="off" {...register('email')} />}
            </Field>
            {/* The rule above both dates, so that the two fields stand level. */}
            <p className="hint">
              {t('registration.periodHint', { days: profile.registration.maxPeriodDays })}
            </p>
            <div className="columns">
              <Field name="periodFrom" label={t('registration.periodFrom')} error={e('periodFrom')}>
                {(a11y) => <input {...a11y} type="date" {...register('periodFrom')} />}
              </Field>
              <Field name="periodTo" label={t('registration.periodTo')} error={e('periodTo')}>
                {(a11y) => <input {...a11y} type="date" {...register('periodTo')} />}
              </Field>
            </div>
            <Field name="purpose" label={t('registration.purpose')} error={e('purpose')}>
              {(a11y) => (
                <select {...a11y} {...register('purpose')}>
                  <option value="">{t('signup.select')}</option>
                  {profile.registration.purposes.map((purpose) => (
                    <option key={purpose} value={purpose}>
                      {t(`registration.purposes.${purpose}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className={`field${e('withGuardian') ? ' field--error' : ''}`}>
              {e('withGuardian') && (
                <p className="field-error" id="field-withGuardian-error">
                  {text(e('withGuardian'))}
                </p>
              )}
              <div className="checkbox">
                <input
                  type="checkbox"
                  id="field-withGuardian"
                  aria-invalid={Boolean(e('withGuardian'))}
                  aria-describedby={e('withGuardian') ? 'field-withGuardian-error' : undefined}
                  {...register('withGuardian')}
                />
                <label htmlFor="field-withGuardian">{t('registration.withGuardian')}</label>
              </div>
            </div>

            <div className="button-row">
              <button type="submit" disabled={isSubmitting || uploading.passport || uploading.photo}>
                {isSubmitting ? t('registration.checking') : t('registration.check')}
              </button>
              <span role="status" aria-live="polite" className="hint">
                {save.state === 'saving'
                  ? t('registration.autosave.saving')
                  : save.state === 'saved' && save.at
                    ? t('registration.autosave.saved', { time: dates.time(save.at) })
                    : save.state === 'failed'
                      ? t('registration.autosave.failed')
                      : ''}
              </span>
            </div>
          </form>
        )}
      </section>
    </>
  );
}
