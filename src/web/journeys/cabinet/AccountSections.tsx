import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../api/client';
import {
  ErrorSummary,
  Field,
  NewPasswordFields,
  PasswordInput,
  applyServerErrors,
  summaryFromErrors,
} from '../../components/forms';
import { changePasswordSchema, recoverPinSchema } from '../../../shared/schemas/accounts';
import { okResponse } from '../../../shared/schemas/responses';

const PASSWORD_FIELDS = ['currentPassword', 'newPassword', 'newPasswordRepeat'];

/** Tab 1: change one's own password (a person's, or a legal entity's staff member's). */
export function PasswordSection() {
  const { t } = useTranslation();
  const [done, setDone] = useState<string>();
  const [general, setGeneral] = useState<string>();
  const form = useForm<z.input<typeof changePasswordSchema>>({ resolver: zodResolver(changePasswordSchema) });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    setGeneral(undefined);
    setDone(undefined);
    try {
      await api('/api/account/password', okResponse, { body: values });
      form.reset({ currentPassword: '', newPassword: '', newPasswordRepeat: '' });
      setDone(t('cabinet.passwordChanged'));
    } catch (error) {
      setGeneral(applyServerErrors(error, form.setError, PASSWORD_FIELDS));
    }
  });
  return (
    <section aria-labelledby="password-title" className="panel">
      <h2 id="password-title">{t('cabinet.passwordTitle')}</h2>
      <ErrorSummary items={summaryFromErrors(errors, PASSWORD_FIELDS)} general={general} />
      <form onSubmit={submit} noValidate>
        <Field
          name="currentPassword"
          label={t('cabinet.currentPassword')}
          error={errors.currentPassword?.message}
        >
          {(a11y) => (
            <PasswordInput {...a11y} autoComplete="current-password" {...form.register('currentPassword')} />
          )}
        </Field>
        <NewPasswordFields
          register={(name: 'newPassword' | 'newPasswordRepeat') => form.register(name)}
          errors={errors}
        />
        <button type="submit" disabled={isSubmitting}>
          {t('cabinet.changePassword')}
        </button>
      </form>
      <div role="status" aria-live="polite" className={done ? 'notice' : undefined}>
        {done}
      </div>
    </section>
  );
}

/** Tab 1: a forgotten PIN; `staff` when it goes to a staff member's e-mail only. */
export function PinSection({ staff = false }: { staff?: boolean }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<string>();
  const [general, setGeneral] = useState<string>();
  const form = useForm<z.input<typeof recoverPinSchema>>({ resolver: zodResolver(recoverPinSchema) });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    setGeneral(undefined);
    setDone(undefined);
    try {
      await api('/api/account/pin/recover', okResponse, { body: values });
      form.reset({ currentPassword: '' });
      setDone(t(staff ? 'entityCabinet.pinSent' : 'cabinet.pinSent'));
    } catch (error) {
      setGeneral(applyServerErrors(error, form.setError, ['currentPassword']));
    }
  });
  return (
    <section aria-labelledby="pin-title" className="panel">
      <h2 id="pin-title">{t('cabinet.pinTitle')}</h2>
      <ErrorSummary
        items={
          errors.currentPassword
            ? [{ field: 'pinPassword', message: String(errors.currentPassword.message) }]
            : []
        }
        general={general}
      />
      <p>{t(staff ? 'entityCabinet.pinText' : 'cabinet.pinText')}</p>
      <form onSubmit={submit} noValidate>
        <Field
          name="pinPassword"
          label={t('cabinet.currentPassword')}
          error={errors.currentPassword?.message}
        >
          {(a11y) => (
            <PasswordInput {...a11y} autoComplete="current-password" {...form.register('currentPassword')} />
          )}
        </Field>
        <button type="submit" disabled={isSubmitting}>
          {t('cabinet.recoverPin')}
        </button>
      </form>
      <div role="status" aria-live="polite" className={done ? 'notice' : undefined}>
        {done}
      </div>
    </section>
  );
}
