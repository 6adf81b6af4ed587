import { useEffect, useState } from 'react';
import { useForm, type FieldValues, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useDates } from '../../components/dates';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import { api, ApiError, lazyResponse } from '../../api/client';
import {
  ErrorSummary,
  Field,
  PasswordInput,
  applyServerErrors,
  summaryFromErrors,
} from '../../components/forms';
import { useSession } from '../../components/session';
import type { Language } from '../../../shared/profiles/profile';
import type { loginSchema, statusCheckSchema } from '../../../shared/schemas/accounts';
import type { loginMoreResponse, metaResponse } from '../../../shared/schemas/responses';

const validation = () => import('./home-validation');
/** A resolver that loads the shared schemas (and zod) on the first check, not with the page. */
const lazyResolver =
  <T extends FieldValues>(
    pick: (module: Awaited<ReturnType<typeof validation>>) => Resolver<T>,
  ): Resolver<T> =>
  async (values, context, options) =>
    pick(await validation())(values, context, options);

type Login = z.input<typeof loginSchema>;
type StatusCheck = z.input<typeof statusCheckSchema>;

type Meta = z.infer<typeof metaResponse>;

type Enrolment = NonNullable<z.infer<typeof loginMoreResponse>['enrolment']>;
const LOGIN_FIELDS = ['email', 'password', 'oneTimeCode'] as const;

/** The operator's first sign-in: the QR to scan, and the key to type where a camera is not at hand. */
function AuthenticatorSetup({ enrolment }: { enrolment: Enrolment }) {
  const { t } = useTranslation();
  return (
    <div className="enrolment" aria-labelledby="enrolment-title">
      <h3 id="enrolment-title">{t('home.enrolTitle')}</h3>
      <p>{t('home.enrolHint')}</p>
      <img
        className="qr"
        width={180}
        height={180}
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
        alt={t('home.enrolQrAlt')}
      />
      <p>
        {t('home.enrolKey')}{' '}
        <code className="secret">{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
      </p>
    </div>
  );
}

/** Shown once after enrolment: the operator writes them down before going on. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="recovery-title" className="panel">
      <h2 id="recovery-title" tabIndex={-1} ref={(el) => el?.focus()}>
        {t('home.recoveryTitle')}
      </h2>
      <p>{t('home.recoveryHint')}</p>
      <ul className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onDone}>
        {t('home.recoveryDone')}
      </button>
    </section>
  );
}

function LoginForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { refresh } = useSession();
  const [general, setGeneral] = useState<string>();
  /** After a right password: an operator's code is asked for, with the QR the first time. */
  const [second, setSecond] = useState<{ enrolment?: Enrolment }>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const { register, handleSubmit, setError, setFocus, formState } = useForm<Login>({
    resolver: lazyResolver((m) => m.loginResolver as unknown as Resolver<Login>),
  });
  const { errors, isSubmitting } = formState;
  useEffect(() => {
    if (second) setFocus('oneTimeCode');
  }, [second, setFocus]);

  const onSubmit = handleSubmit(async (values) => {
    setGeneral(undefined);
    try {
      const result = await api('/api/login', lazyResponse('loginResponse'), {
        body: { ...values, oneTimeCode: values.oneTimeCode || undefined },
      });
      await refresh();
      if (result.recoveryCodes) return setRecoveryCodes(result.recoveryCodes);
      navigate(result.role === 'operator' ? '/operator' : '/cabinet');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'activation_required')
        return navigate('/signup/activate');
      if (
        error instanceof ApiError &&
        (error.code === 'one_time_code_required' || error.code === 'enrolment_required')
      )
        return setSecond({ enrolment: error.details.enrolment as Enrolment | undefined });
      setGeneral(applyServerErrors(error, setError, [...LOGIN_FIELDS]));
    }
  });

  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} onDone={() => navigate('/operator')} />;
  return (
    <section aria-labelledby="login-title" className="panel">
      <h2 id="login-title">{t('home.loginTitle')}</h2>
      <ErrorSummary items={summaryFromErrors(errors, [...LOGIN_FIELDS])} general={general} />
      <form onSubmit={onSubmit} noValidate>
        <Field name="email" label={t('home.email')} error={errors.email?.message}>
          {(a11y) => <input {...a11y} type="email" autoComplete="username" {...register('email')} />}
        </Field>
        <Field name="password" label={t('home.password')} error={errors.password?.message}>
          {(a11y) => <PasswordInput {...a11y} autoComplete="current-password" {...register('password')} />}
        </Field>
        {second?.enrolment && <AuthenticatorSetup enrolment={second.enrolment} />}
        {second && (
          <Field
            name="oneTimeCode"
            label={t('home.oneTimeCode')}
            hint={t('home.oneTimeCodeHint')}
            error={errors.oneTimeCode?.message}
          >
            {(a11y) => (
              <input
                {...a11y}
                autoComplete="one-time-code"
                inputMode="text"
                spellCheck={false}
                {...register('oneTimeCode')}
              />
            )}
          </Field>
        )}
        <button type="submit" disabled={isSubmitting}>
          {t('home.loginButton')}
        </button>
      </form>
      <p className="links">
        <Link to="/signup">{t('home.signup')}</Link>
        <Link to="/forgot-password">{t('home.forgot')}</Link>
        <Link to="/legal-entities">{t('home.legalEntities')}</Link>
      </p>
    </section>
  );
}

function StatusCheckForm() {
  const { t } = useTranslation();
  const dates = useDates();
  const [result, setResult] = useState<string[]>();
  const [general, setGeneral] = useState<string>();
  const { register, handleSubmit, setError, formState } = useForm<StatusCheck>({
    resolver: lazyResolver((m) => m.statusCheckResolver as unknown as Resolver<StatusCheck>),
  });
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setResult(undefined);
    setGeneral(undefined);
    try {
      const found = await api('/api/public/status', lazyResponse('statusCheckResponse'), { body: values });
      const lines = [
        t('home.statusFound', {
          number: found.registrationNumber ?? found.applicationNumber,
          name: found.name,
          status: t(`registrationStatus.${found.status}`),
        }),
      ];
      if (found.validFrom && found.validUntil)
        lines.push(t('home.statusValid', { period: dates.period(found.validFrom, found.validUntil) }));
      // Two sentences, each on its line and each with its full stop.
      setResult(lines);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setResult([error.message]);
      else setGeneral(applyServerErrors(error, setError, ['number', 'passportNumber']));
    }
  });

  return (
    <section aria-labelledby="status-title" className="panel">
      <h2 id="status-title">{t('home.statusTitle')}</h2>
      <ErrorSummary items={summaryFromErrors(errors, ['number', 'passportNumber'])} general={general} />
      <form onSubmit={onSubmit} noValidate>
        <Field name="number" label={t('home.statusNumber')} error={errors.number?.message}>
          {(a11y) => <input {...a11y} autoComplete="off" {...register('number')} />}
        </Field>
        <Field name="passportNumber" label={t('home.statusPassport')} error={errors.passportNumber?.message}>
          {(a11y) => <input {...a11y} autoComplete="off" {...register('passportNumber')} />}
        </Field>
        <button type="submit" disabled={isSubmitting}>
          {t('home.statusButton')}
        </button>
      </form>
      <div role="status" aria-live="polite" className={result ? 'notice' : undefined}>
        {result?.map((line) => (
          <p key={line} className="notice-line">
            {line}
          </p>
        ))}
      </div>
    </section>
  );
}

export function HomePage() {
  const { t, i18n } = useTranslation();
  const [meta, setMeta] = useState<Meta>();
  useEffect(() => {
    void api('/api/meta', lazyResponse('metaResponse'))
      .then(setMeta)
      .catch(() => undefined);
  }, []);
  return (
    <>
      <h1>{t('app.name')}</h1>
      <p className="lead">{t('home.intro')}</p>
      <div className="columns">
        <LoginForm />
        <StatusCheckForm />
      </div>
      {meta && (
        <section aria-labelledby="contacts-title" className="panel contacts">
          <h2 id="contacts-title">{t('home.contactsTitle')}</h2>
          <dl>
            <dt>{t('home.contactsPhone')}</dt>
            <dd>
              <a href={`tel:${meta.contacts.phone.replace(/\s/g, '')}`}>{meta.contacts.phone}</a>
            </dd>
            <dt>{t('home.contactsEmail')}</dt>
            <dd>
              <a href={`mailto:${meta.contacts.email}`}>{meta.contacts.email}</a>
            </dd>
            <dt>{t('home.contactsAddress')}</dt>
            <dd>{meta.contacts.address[i18n.language as Language]}</dd>
          </dl>
        </section>
      )}
    </>
  );
}
