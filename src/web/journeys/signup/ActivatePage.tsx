import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import { ErrorSummary, Field, applyServerErrors, summaryFromErrors } from '../../components/forms';
import { activationSchema } from '../../../shared/schemas/accounts';
import { useSignup } from './signup-state';
import { activationResponse, okResponse, signupPendingResponse } from '../../../shared/schemas/responses';

type Activation = z.infer<typeof activationResponse>;

const secondsUntil = (iso: string | undefined, now: number) =>
  iso ? Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000)) : 0;
const mmss = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** Step 3: the code from the e-mail or SMS, with the time left to enter it. */
export function ActivatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [activation, setActivation] = useState<Activation>();
  const [missing, setMissing] = useState(false);
  const [now, setNow] = useState(Date.now());
  const [general, setGeneral] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const dialog = useRef<HTMLDialogElement>(null);
  const { register, handleSubmit, setError, formState, reset } = useForm<z.input<typeof activationSchema>>({
    resolver: zodResolver(activationSchema),
  });
  const { errors, isSubmitting } = formState;

  const { clear } = useSignup();
  useEffect(clear, [clear]);

  const load = useCallback(async () => {
    try {
      setActivation(await api('/api/signup/activation', activationResponse));
    } catch {
      setMissing(true);
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [load]);

  const left = secondsUntil(activation?.expiresAt, now);
  const resendIn = secondsUntil(activation?.resendAvailableAt, now);

  const onSubmit = handleSubmit(async (values) => {
    setGeneral(undefined);
    try {
      await api('/api/signup/activate', okResponse, { body: values });
      dialog.current?.showModal();
    } catch (error) {
      setGeneral(applyServerErrors(error, setError, ['code']));
    }
  });

  const resend = async () => {
    setGeneral(undefined);
    setNotice(undefined);
    try {
      await api('/api/signup/resend', signupPendingResponse, { method: 'POST' });
      reset({ code: '' });
      await load();
      setNotice(t('signup.resent'));
    } catch (error) {
      setGeneral(error instanceof ApiError ? error.message : 'errors.network');
    }
  };

  if (missing) {
    return (
      <>
        <h1>{t('signup.activationTitle')}</h1>
        <p className="notice">{t('signup.noActivation')}</p>
      </>
    );
  }
  if (!activation) return <p role="status">{t('app.loading')}</p>;

  return (
    <>
      <p className="step">{t('signup.stepOf', { n: 3 })}</p>
      <h1>{t('signup.activationTitle')}</h1>
      <ErrorSummary items={summaryFromErrors(errors, ['code'])} general={general} />
      <div className="panel">
        <p>{t('signup.codeSent', { email: activation.email, phone: activation.phone })}</p>
        <p>{t('signup.codeInstructions')}</p>
        <form onSubmit={onSubmit} noValidate>
          <Field name="code" label={t('signup.code')} error={errors.code?.message}>
            {(a11y) => (
              <input
                {...a11y}
                className="input-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                {...register('code')}
              />
            )}
          </Field>
          <p role="timer" aria-live="off" className={left === 0 ? 'field-error' : 'timer'}>
            {left > 0 ? t('signup.timeLeft', { time: mmss(left) }) : t('signup.codeExpired')}
          </p>
          <div className="button-row">
            <button type="submit" disabled={isSubmitting}>
              {t('signup.confirm')}
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={resendIn > 0}
              onClick={() => void resend()}
            >
              {resendIn > 0 ? t('signup.resendIn', { seconds: resendIn }) : t('signup.resend')}
            </button>
          </div>
          <div role="status" aria-live="polite">
            {notice}
          </div>
        </form>
      </div>
      <dialog ref={dialog} aria-labelledby="activated-title" className="dialog">
        <h2 id="activated-title">{t('signup.activatedTitle')}</h2>
        <p>{t('signup.activatedText')}</p>
        <button type="button" autoFocus onClick={() => navigate('/')}>
          {t('signup.ok')}
        </button>
      </dialog>
    </>
  );
}
