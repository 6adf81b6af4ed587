import { useEffect, useRef, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import type { FieldErrors, FieldValues, Path, UseFormRegisterReturn, UseFormSetError } from 'react-hook-form';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useProfile } from './profile';
import { MAX_UPLOAD_BYTES } from '../../shared/schemas/uploads';

/** What the browser can tell of a chosen file before sending it (the server checks the content). */
export function fileProblem(file: Blob | undefined, types: readonly string[]): string | undefined {
  if (!file) return undefined;
  if (file.size > MAX_UPLOAD_BYTES) return 'errors.file.tooLarge';
  if (file.type && !types.includes(file.type)) return 'errors.file.type';
  return undefined;
}

/** Message keys from the shared schemas are translated here; server messages arrive translated. */
export function useErrorText() {
  const { t } = useTranslation();
  const profile = useProfile();
  return (message: string | undefined) =>
    message
      ? message.startsWith('errors.')
        ? t(message, { example: profile.propertyCode.example })
        : message
      : undefined;
}

export interface SummaryItem {
  field: string;
  message: string;
}

export function summaryFromErrors(
  errors: FieldErrors | Record<string, unknown>,
  order: string[],
): SummaryItem[] {
  const keys = [
    ...order.filter((k) => k in errors),
    ...Object.keys(errors).filter((k) => !order.includes(k)),
  ];
  return keys.map((field) => ({
    field,
    message: String((errors as Record<string, { message?: string }>)[field]?.message ?? ''),
  }));
}

/** GOV.UK pattern: a titled list of links to each wrong field; focus moves here when it appears. */
export function ErrorSummary({ items, general }: { items: SummaryItem[]; general?: string }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const ref = useRef<HTMLDivElement>(null);
  const signature = items.map((i) => i.field + i.message).join('|') + (general ?? '');
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (items.length === 0 && !general) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('forms.errorSummaryTitle')}</h2>
      {general && <p>{text(general)}</p>}
      <ul>
        {items.map((item) => (
          <li key={item.field}>
            <a
              href={`#field-${item.field}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(`field-${item.field}`)?.focus();
              }}
            >
              {text(item.message)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  badge?: ReactNode;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}

export function Field({ name, label, hint, error, badge, children }: FieldProps) {
  const text = useErrorText();
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {badge}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {text(error)}
        </p>
      )}
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
    </div>
  );
}

export function PasswordInput(props: InputHTMLAttributes<HTMLInputElement> & { id: string }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <div className="password-input">
      <input {...props} type={visible ? 'text' : 'password'} spellCheck={false} />
      <button
        type="button"
        className="button-secondary"
        aria-controls={props.id}
        aria-pressed={visible}
        onClick={() => setVisible((v) => !v)}
      >
        {visible ? t('home.hidePassword') : t('home.showPassword')}
      </button>
    </div>
  );
}

/**
 * The key when the text needs nothing from the server (so it follows a later language switch),
 * else the text as the server wrote it (with its numbers filled in).
 */
function liveMessage(error: { key: string; message: string }): string {
  const template = i18next.t(error.key);
  return error.key.startsWith('errors.') && template !== error.key && !/\{\{(?!example)/.test(template)
    ? error.key
    : error.message;
}

/** Puts the server's per-field messages on the form's fields; returns a general message if there is one. */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  known: string[],
): string | undefined {
  if (!(error instanceof ApiError)) return 'errors.internal';
  if (error.code === 'network') return 'errors.network';
  let placed = false;
  for (const [field, value] of Object.entries(error.fields)) {
    if (known.includes(field)) {
      setError(field as Path<T>, { type: 'server', message: liveMessage(value) });
      placed = true;
    }
  }
  const unplaced = Object.entries(error.fields).filter(([field]) => !known.includes(field));
  if (unplaced.length > 0) return unplaced.map(([, v]) => v.message).join(' ');
  return placed ? undefined : error.message || 'errors.internal';
}

/** A new password twice, with the rules as a hint (password change and password recovery). */
export function NewPasswordFields({
  register,
  errors,
}: {
  register: (name: 'newPassword' | 'newPasswordRepeat') => UseFormRegisterReturn;
  errors: { newPassword?: { message?: string }; newPasswordRepeat?: { message?: string } };
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        name="newPassword"
        label={t('cabinet.newPassword')}
        hint={t('signup.passwordHint')}
        error={errors.newPassword?.message}
      >
        {(a11y) => <PasswordInput {...a11y} autoComplete="new-password" {...register('newPassword')} />}
      </Field>
      <Field
        name="newPasswordRepeat"
        label={t('cabinet.newPasswordRepeat')}
        error={errors.newPasswordRepeat?.message}
      >
        {(a11y) => <PasswordInput {...a11y} autoComplete="new-password" {...register('newPasswordRepeat')} />}
      </Field>
    </>
  );
}
