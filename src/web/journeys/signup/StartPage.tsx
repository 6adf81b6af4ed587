import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import { api } from '../../api/client';
import { ErrorSummary, applyServerErrors, summaryFromErrors, useErrorText } from '../../components/forms';
import { useProfile } from '../../components/profile';
import { signupStartSchema } from '../../../shared/schemas/accounts';
import { Captcha } from './Captcha';
import { useSignup } from './signup-state';
import { signupTicketResponse } from '../../../shared/schemas/responses';

/** Step 1: subject type, consent to the agreement and privacy policy, security check. */
export function StartPage() {
  const { t } = useTranslation();
  const text = useErrorText();
  const profile = useProfile();
  const navigate = useNavigate();
  const signup = useSignup();
  const schema = useMemo(() => signupStartSchema(profile), [profile]);
  const [general, setGeneral] = useState<string>();
  const { register, handleSubmit, setValue, setError, clearErrors, formState } = useForm<
    z.input<typeof schema>
  >({
    resolver: zodResolver(schema),
    defaultValues: { subjectType: signup.subjectType, captcha: '' },
  });
  const { errors, isSubmitting } = formState;
  const onCaptcha = useCallback(
    (payload: string) => {
      setValue('captcha', payload);
      if (payload) clearErrors('captcha');
    },
    [setValue, clearErrors],
  );

  const onSubmit = handleSubmit(async (values) => {
    setGeneral(undefined);
    try {
      const { ticket } = await api('/api/signup/start', signupTicketResponse, { body: values });
      signup.setStart({ ticket, subjectType: String(values.subjectType) });
      navigate('/signup/details');
    } catch (error) {
      setGeneral(applyServerErrors(error, setError, ['subjectType', 'acceptTerms', 'captcha']));
    }
  });

  return (
    <>
      <p className="step">{t('signup.stepOf', { n: 1 })}</p>
      <h1>{t('signup.title')}</h1>
      <ErrorSummary
        items={summaryFromErrors(errors, ['subjectType', 'acceptTerms', 'captcha'])}
        general={general}
      />
      <form onSubmit={onSubmit} noValidate className="panel">
        <fieldset
          className={`field${errors.subjectType ? ' field--error' : ''}`}
          aria-describedby={errors.subjectType ? 'subjectType-error' : undefined}
        >
          <legend>{t('signup.subjectLegend')}</legend>
          {errors.subjectType && (
            <p className="field-error" id="subjectType-error">
              {text(errors.subjectType.message)}
            </p>
          )}
          {profile.subjectTypes.map((type, index) => (
            <div className="radio" key={type}>
              <input
                type="radio"
                id={index === 0 ? 'field-subjectType' : `subjectType-${type}`}
                value={type}
                {...register('subjectType')}
              />
              <label htmlFor={index === 0 ? 'field-subjectType' : `subjectType-${type}`}>
                {t(`signup.subject.${type}`)}
              </label>
            </div>
          ))}
        </fieldset>

        <div className={`field${errors.acceptTerms ? ' field--error' : ''}`}>
          <p>
            {t('signup.termsIntro')}{' '}
            <Link to="/terms" target="_blank">
              {t('signup.termsLink')}
            </Link>{' '}
            {t('signup.and')}{' '}
            <Link to="/privacy" target="_blank">
              {t('signup.privacyLink')}
            </Link>
            .
          </p>
          {errors.acceptTerms && (
            <p className="field-error" id="acceptTerms-error">
              {text(errors.acceptTerms.message)}
            </p>
          )}
          <div className="checkbox">
            <input
              type="checkbox"
              id="field-acceptTerms"
              aria-describedby={errors.acceptTerms ? 'acceptTerms-error' : undefined}
              {...register('acceptTerms')}
            />
            <label htmlFor="field-acceptTerms">{t('signup.acceptTerms')}</label>
          </div>
        </div>

        <div className={`field${errors.captcha ? ' field--error' : ''}`}>
          <p className="label">{t('signup.captchaLabel')}</p>
          {errors.captcha && <p className="field-error">{text(errors.captcha.message)}</p>}
          <Captcha onPayload={onCaptcha} invalid={Boolean(errors.captcha)} />
        </div>

        <button type="submit" disabled={isSubmitting}>
          {t('signup.next')}
        </button>
      </form>
    </>
  );
}
