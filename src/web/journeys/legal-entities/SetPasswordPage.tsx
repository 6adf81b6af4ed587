import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import { ErrorSummary, Field, PasswordInput, type SummaryItem } from '../../components/forms';
import { staffPasswordSetResponse } from '../../../shared/schemas/responses';

/** The e-mailed single-use link: a legal entity's staff member sets their first password. */
export function SetPasswordPage() {
  const { t } = useTranslation();
  const [token] = useState(() => window.location.hash.slice(1));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string>();
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setSending(true);
    try {
      const result = await api('/api/legal-entities/set-password', staffPasswordSetResponse, {
        body: {
          token,
          newPassword: data.get('newPassword'),
          newPasswordRepeat: data.get('newPasswordRepeat'),
        },
      });
      setDone(result.email);
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0)
        setErrors(Object.fromEntries(Object.entries(error.fields).map(([field, e]) => [field, e.key])));
      else setErrors({ token: 'errors.network' });
    } finally {
      setSending(false);
    }
  };

  if (done)
    return (
      <>
        <h1>{t('entity.passwordSetTitle')}</h1>
        <p className="notice notice--success" role="status">
          {t('entity.passwordSet', { email: done })}
        </p>
        <p>
          <Link to="/">{t('home.loginTitle')}</Link>
        </p>
      </>
    );
  const summary: SummaryItem[] = Object.entries(errors).map(([field, message]) => ({ field, message }));
  return (
    <>
      <h1>{t('entity.setPasswordTitle')}</h1>
      <ErrorSummary items={summary} />
      <form onSubmit={(e) => void submit(e)} noValidate className="panel">
        <span id="field-token" tabIndex={-1} />
        <Field
          name="newPassword"
          label={t('cabinet.newPassword')}
          hint={t('signup.passwordHint')}
          error={errors.newPassword}
        >
          {(a11y) => <PasswordInput {...a11y} name="newPassword" autoComplete="new-password" />}
        </Field>
        <Field
          name="newPasswordRepeat"
          label={t('cabinet.newPasswordRepeat')}
          error={errors.newPasswordRepeat}
        >
          {(a11y) => <PasswordInput {...a11y} name="newPasswordRepeat" autoComplete="new-password" />}
        </Field>
        <button type="submit" disabled={sending}>
          {t('entity.setPassword')}
        </button>
      </form>
    </>
  );
}
