import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useDates } from '../../components/dates';
import { Navigate } from 'react-router';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { countries } from '../../components/CountrySelect';
import { ErrorSummary, Field, applyServerErrors, summaryFromErrors } from '../../components/forms';
import { useProfile } from '../../components/profile';
import { useSession } from '../../components/session';
import { PasswordSection, PinSection } from './AccountSections';
import { CabinetTabs } from './CabinetTabs';
import { EntityCabinet } from './EntityCabinet';
import { changePhoneSchema, confirmPhoneSchema } from '../../../shared/schemas/accounts';
import {
  accountResponse,
  phoneChangedResponse,
  phoneChangeResponse,
} from '../../../shared/schemas/responses';

type Account = z.infer<typeof accountResponse>;

function PhoneSection({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const profile = useProfile();
  const phoneSchema = useMemo(() => changePhoneSchema(profile), [profile]);
  const [pendingPhone, setPendingPhone] = useState<string>();
  const [done, setDone] = useState<string>();
  const [general, setGeneral] = useState<string>();
  const phoneForm = useForm<z.input<typeof phoneSchema>>({ resolver: zodResolver(phoneSchema) });
  const codeForm = useForm<z.input<typeof confirmPhoneSchema>>({ resolver: zodResolver(confirmPhoneSchema) });

  const requestCode = phoneForm.handleSubmit(async (values) => {
    setGeneral(undefined);
    setDone(undefined);
    try {
      const result = await api('/api/account/phone', phoneChangeResponse, { body: values });
      setPendingPhone(result.phone);
    } catch (error) {
      setGeneral(applyServerErrors(error, phoneForm.setError, ['phone']));
    }
  });
  const confirm = codeForm.handleSubmit(async (values) => {
    setGeneral(undefined);
    try {
      const result = await api('/api/account/phone/confirm', phoneChangedResponse, { body: values });
      setPendingPhone(undefined);
      phoneForm.reset({ phone: '' });
      codeForm.reset({ code: '' });
      setDone(t('cabinet.phoneChanged', { phone: result.phone }));
      onChanged();
    } catch (error) {
      setGeneral(applyServerErrors(error, codeForm.setError, ['code']));
    }
  });

  return (
    <section aria-labelledby="phone-title" className="panel">
      <h2 id="phone-title">{t('cabinet.phoneTitle')}</h2>
      <ErrorSummary
        items={[
          ...summaryFromErrors(phoneForm.formState.errors, ['phone']),
          ...summaryFromErrors(codeForm.formState.errors, ['code']),
        ]}
        general={general}
      />
      {!pendingPhone ? (
        <form onSubmit={requestCode} noValidate>
          <Field
            name="phone"
            label={t('cabinet.newPhone', { pattern: profile.phone.pattern })}
            error={phoneForm.formState.errors.phone?.message}
          >
            {(a11y) => (
              <input
                {...a11y}
                type="tel"
                autoComplete="tel"
                placeholder={profile.phone.pattern}
                {...phoneForm.register('phone')}
              />
            )}
          </Field>
          <button type="submit" disabled={phoneForm.formState.isSubmitting}>
            {t('cabinet.changePhone')}
          </button>
        </form>
      ) : (
        <form onSubmit={confirm} noValidate>
          <p role="status">{t('cabinet.phoneCodeSent', { phone: pendingPhone })}</p>
          <Field name="code" label={t('cabinet.phoneCode')} error={codeForm.formState.errors.code?.message}>
            {(a11y) => (
              <input
                {...a11y}
                className="input-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                {...codeForm.register('code')}
              />
            )}
          </Field>
          <button type="submit" disabled={codeForm.formState.isSubmitting}>
            {t('cabinet.confirmPhone')}
          </button>
        </form>
      )}
      <div role="status" aria-live="polite" className={done ? 'notice' : undefined}>
        {done}
      </div>
    </section>
  );
}

/** Cabinet, tab 1 «Общие данные». */
export function CabinetPage() {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const { user, loaded } = useSession();
  const [account, setAccount] = useState<Account>();
  const [failed, setFailed] = useState(false);
  const load = useCallback(() => {
    api('/api/account', accountResponse)
      .then(setAccount)
      .catch((error: unknown) => setFailed(error instanceof ApiError && error.status === 401));
  }, []);
  useEffect(() => {
    if (user?.role === 'host' && !user.entityRole) load();
  }, [user, load]);

  if ((loaded && user?.role !== 'host') || failed) return <Navigate to="/" replace />;
  if (user?.entityRole) return <EntityCabinet />;
  if (!account) return <p role="status">{t('app.loading')}</p>;
  const countryName =
    countries.getName(countries.alpha3ToAlpha2(account.passportCountry) ?? '', i18n.language) ??
    account.passportCountry;

  return (
    <>
      <h1>{t('cabinet.title')}</h1>
      <CabinetTabs />
      <section id="general" aria-labelledby="general-title" className="panel">
        <h2 id="general-title">{t('cabinet.tabs.general')}</h2>
        <dl className="summary-list">
          <dt>{t('cabinet.surname')}</dt>
          <dd>{account.surname}</dd>
          <dt>{t('cabinet.givenNames')}</dt>
          <dd>{account.givenNames}</dd>
          <dt>{t('cabinet.passportNumber')}</dt>
          <dd>{account.passportNumberMasked}</dd>
          <dt>{t('cabinet.passportCountry')}</dt>
          <dd>{countryName}</dd>
          <dt>{t('cabinet.passportExpiry')}</dt>
          <dd>{dates.date(account.passportExpiryDate)}</dd>
          <dt>{t('cabinet.phone')}</dt>
          <dd data-testid="account-phone">{account.phone}</dd>
          <dt>{t('cabinet.email')}</dt>
          <dd>{account.email}</dd>
        </dl>
      </section>
      <div className="columns">
        <PhoneSection onChanged={load} />
        <PasswordSection />
      </div>
      <PinSection />
    </>
  );
}
