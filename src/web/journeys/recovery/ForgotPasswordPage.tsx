import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { api } from '../../api/client';
import {
  ErrorSummary,
  Field,
  NewPasswordFields,
  applyServerErrors,
  summaryFromErrors,
} from '../../components/forms';
import { passwordResetRequestSchema, passwordResetSchema } from '../../../shared/schemas/accounts';
import { okResponse } from '../../../shared/schemas/responses';

type ResetValues = z.input<typeof passwordResetSchema>;
const RESET_FIELDS = ['email', 'code', 'newPassword', 'newPasswordRepeat'];

/** Password recovery: a single-use code by e-mail, then a new password. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [stage, setStage] = useState<'request' | 'reset' | 'done'>('request');
  const [general, setGeneral] = useState<string>();
  const request = useForm<z.input<typeof passwordResetRequestSchema>>({
    resolver: zodResolver(passwordResetRequestSchema),
  });
  const reset = useForm<ResetValues>({ resolver: zodResolver(passwordResetSchema) });

  const onRequest = request.handleSubmit(async (values) => {
    setGeneral(undefined);
    try {
      await api('/api/password-reset/request', okResponse, { body: values });
      reset.setValue('email', String(values.email));
      setStage('reset');
    } catch (error) {
      setGeneral(applyServerErrors(error, request.setError, ['email']));
    }
  });

  const onReset = reset.handleSubmit(async (values) => {
    setGeneral(undefined);
    try {
      await api('/api/password-reset', okResponse, { body: values });
      setStage('done');
    } catch (error) {
      setGeneral(applyServerErrors(error, reset.setError, RESET_FIELDS));
    }
  });

  if (stage === 'done') {
    return (
      <div className="panel">
        <h1>{t('forgot.title')}</h1>
        <p className="notice" role="status">
          {t('forgot.done')}
        </p>
        <Link to="/">{t('forgot.toLogin')}</Link>
      </div>
    );
  }

  if (stage === 'request') {
    const { errors, isSubmitting } = request.formState;
    return (
      <div className="panel">
        <h1>{t('forgot.title')}</h1>
        <ErrorSummary items={summaryFromErrors(errors, ['email'])} general={general} />
        <p>{t('forgot.text')}</p>
        <form onSubmit={onRequest} noValidate>
          <Field name="email" label={t('home.email')} error={errors.email?.message}>
            {(a11y) => (
              <input {...a11y} type="email" autoComplete="username" {...request.register('email')} />
            )}
          </Field>
          <button type="submit" disabled={isSubmitting}>
            {t('forgot.send')}
          </button>
        </form>
      </div>
    );
  }

  const { errors, isSubmitting } = reset.formState;
  return (
    <div className="panel">
      <h1>{t('forgot.title')}</h1>
      <ErrorSummary items={summaryFromErrors(errors, RESET_FIELDS)} general={general} />
      <div className="notice" role="status">
        <p>{t('forgot.sent')}</p>
        <p>{t('forgot.staffLink')}</p>
      </div>
      <form onSubmit={onReset} noValidate>
        <input type="hidden" {...reset.register('email')} />
        <Field name="code" label={t('forgot.code')} error={errors.code?.message}>
          {(a11y) => (
            <input
              {...a11y}
              className="input-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              {...reset.register('code')}
            />
          )}
        </Field>
        <NewPasswordFields
          register={(name: 'newPassword' | 'newPasswordRepeat') => reset.register(name)}
          errors={errors}
        />
        <button type="submit" disabled={isSubmitting}>
          {t('forgot.reset')}
        </button>
      </form>
    </div>
  );
}
