import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import type { z } from 'zod';
import { api } from '../../api/client';
import {
  ErrorSummary,
  Field,
  PasswordInput,
  applyServerErrors,
  fileProblem,
  summaryFromErrors,
  useErrorText,
} from '../../components/forms';
import { withDateParts } from '../../components/date-parts';
import { PassportFields, PhotoRequirements } from '../../components/PassportFields';
import { useProfile } from '../../components/profile';
import { WebcamCapture } from '../../components/WebcamCapture';
import { signupDetailsSchema } from '../../../shared/schemas/accounts';
import { signupPendingResponse } from '../../../shared/schemas/responses';
import { PassportReadingStatus, usePassportReading } from './passport-reading';
import { useSignup } from './signup-state';
import { FilePicker } from '../../components/FilePicker';

const ORDER = [
  'passportFile',
  'photo',
  'surname',
  'givenNames',
  'birthDate',
  'sex',
  'passportType',
  'passportCountry',
  'passportNumber',
  'passportIssueDate',
  'passportExpiryDate',
  'personalNumber',
  'phone',
  'email',
  'password',
  'passwordRepeat',
];

type Files = { passportFile?: File; photo?: Blob };

/** Step 2: the host's data as in the passport, the passport page, a live photo, contacts, password. */
export function DetailsPage() {
  const { t } = useTranslation();
  const text = useErrorText();
  const profile = useProfile();
  const navigate = useNavigate();
  const signup = useSignup();
  const schema = useMemo(() => signupDetailsSchema(profile), [profile]);
  type Values = z.input<typeof schema>;
  const [files, setFiles] = useState<Files>({});
  const [fileErrors, setFileErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string>();
  // The passport's dates are typed as day, month and year: a date typed in part is named on its field.
  const resolver = useMemo(
    () =>
      withDateParts(zodResolver(schema), ['birthDate', 'passportIssueDate', 'passportExpiryDate'] as const),
    [schema],
  );
  const { register, handleSubmit, setError, setValue, getValues, formState } = useForm<Values>({
    resolver,
    shouldFocusError: false,
  });
  const passport = usePassportReading(signup.ticket, setValue);
  const { errors, isSubmitting } = formState;

  if (!signup.ticket) return <Navigate to="/signup" replace />;

  const checkFiles = () => {
    const problems: Record<string, string> = {};
    if (!files.passportFile) problems.passportFile = 'errors.passportFile.required';
    else {
      const problem = fileProblem(files.passportFile, ['application/pdf', 'image/jpeg', 'image/png']);
      if (problem) problems.passportFile = problem;
    }
    if (!files.photo) problems.photo = 'errors.photo.required';
    setFileErrors(problems);
    return problems;
  };

  const submit = handleSubmit(
    async (values) => {
      setGeneral(undefined);
      if (Object.keys(checkFiles()).length > 0) return;
      const form = new FormData();
      form.append('ticket', signup.ticket!);
      for (const [key, value] of Object.entries(values))
        if (value !== undefined && value !== null) form.append(key, String(value));
      form.set('mrzFields', Object.keys(passport.filled).join(','));
      form.set('mrzChangedFields', passport.changedFields(getValues() as Record<string, unknown>).join(','));
      form.append('passportFile', files.passportFile!, files.passportFile!.name);
      form.append('photo', files.photo!, 'photo.jpg');
      try {
        await api('/api/signup', signupPendingResponse, { form });
        // The ticket is spent; the activation page forgets it once it is shown.
        navigate('/signup/activate');
      } catch (error) {
        const problems: Record<string, string> = {};
        let message = applyServerErrors(
          error,
          setError,
          ORDER.filter((f) => f !== 'passportFile' && f !== 'photo'),
        );
        const fields = (error as { fields?: Record<string, { message: string }> }).fields ?? {};
        for (const name of ['passportFile', 'photo']) if (fields[name]) problems[name] = fields[name].message;
        if (Object.keys(problems).length > 0 && message === Object.values(problems).join(' '))
          message = undefined;
        setFileErrors(problems);
        setGeneral(message);
      }
    },
    () => checkFiles(),
  );

  const allErrors = {
    ...errors,
    ...Object.fromEntries(Object.entries(fileErrors).map(([k, message]) => [k, { message }])),
  };
  const e = (name: string) => (allErrors as Record<string, { message?: string }>)[name]?.message;

  return (
    <>
      <p className="step">{t('signup.stepOf', { n: 2 })}</p>
      <h1>{t('signup.detailsTitle')}</h1>
      <ErrorSummary items={summaryFromErrors(allErrors, ORDER)} general={general} />
      {general && (
        <p>
          <Link to="/signup">{t('signup.back')}</Link>
        </p>
      )}
      <form onSubmit={submit} noValidate className="panel">
        <div className="columns">
          <div>
            <Field
              name="passportFile"
              label={t('signup.passportFile')}
              hint={t('signup.passportHint')}
              error={e('passportFile')}
            >
              {(a11y) => (
                <FilePicker
                  {...a11y}
                  accept="application/pdf,image/jpeg,image/png"
                  onChange={(event) => {
                    const file = event.target.files?.[0];
                    setFiles((f) => ({ ...f, passportFile: file }));
                    setFileErrors(({ passportFile: _cleared, ...rest }) => rest);
                    if (file && !fileProblem(file, ['application/pdf', 'image/jpeg', 'image/png']))
                      void passport.read(file);
                  }}
                />
              )}
            </Field>
            <PassportReadingStatus state={passport.state} />
          </div>
          <div>
            <h2 className="label">{t('signup.photoTitle')}</h2>
            <PhotoRequirements />
            <WebcamCapture
              onChange={(photo) => {
                setFiles((f) => ({ ...f, photo: photo ?? undefined }));
                if (photo) setFileErrors(({ photo: _cleared, ...rest }) => rest);
              }}
              errorText={text(e('photo'))}
            />
          </div>
        </div>

        <p className="hint">{t('signup.latinHint')}</p>
        <PassportFields
          register={register}
          error={e}
          badge={passport.badge}
          passportTypes={profile.hostPassportTypes}
          own
        />
        <Field
          name="personalNumber"
          label={t('signup.personalNumber')}
          error={e('personalNumber')}
          badge={passport.badge('personalNumber')}
        >
          {(a11y) => (
            <input {...a11y} inputMode="numeric" autoComplete="off" {...register('personalNumber')} />
          )}
        </Field>
        <Field name="phone" label={t('signup.phone', { pattern: profile.phone.pattern })} error={e('phone')}>
          {(a11y) => (
            <input
              {...a11y}
              type="tel"
              autoComplete="tel"
              placeholder={profile.phone.pattern}
              {...register('phone')}
            />
          )}
        </Field>
        <Field name="email" label={t('signup.email')} error={e('email')}>
          {(a11y) => <input {...a11y} type="email" autoComplete="email" {...register('email')} />}
        </Field>
        <Field
          name="password"
          label={t('signup.password')}
          hint={t('signup.passwordHint')}
          error={e('password')}
        >
          {(a11y) => <PasswordInput {...a11y} autoComplete="new-password" {...register('password')} />}
        </Field>
        <Field name="passwordRepeat" label={t('signup.passwordRepeat')} error={e('passwordRepeat')}>
          {(a11y) => <PasswordInput {...a11y} autoComplete="new-password" {...register('passwordRepeat')} />}
        </Field>

        <p className="warning">{t('signup.checkWarning')}</p>
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t('signup.sending') : t('signup.submit')}
        </button>
        <div role="status" aria-live="polite" className="visually-hidden">
          {isSubmitting ? t('signup.sending') : ''}
        </div>
      </form>
    </>
  );
}
