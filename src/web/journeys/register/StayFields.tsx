import type { UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { useDates } from '../../components/dates';
import { Field } from '../../components/forms';
import type { RegistrationRules } from '../../../shared/profiles/profile';
import type { RegistrationInput } from '../../../shared/schemas/registrations';
import type { FieldErrorOf } from './register-fields';

/** The stay: entry, the foreigner's contacts, the period and its purpose. */
export function StayFields({
  register,
  error,
  rules,
  periodCappedAt,
}: {
  register: UseFormRegister<RegistrationInput>;
  error: FieldErrorOf;
  rules: RegistrationRules;
  /** The passport's expiry, when the period's suggested end was cut to it. */
  periodCappedAt?: string;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <>
      <DateField
        registration={register('entryDate')}
        label={t('registration.entryDate')}
        error={error('entryDate')}
      />
      <Field name="phone" label={t('registration.phone')} error={error('phone')}>
        {(a11y) => <input {...a11y} type="tel" autoComplete="off" {...register('phone')} />}
      </Field>
      <Field name="email" label={t('registration.email')} error={error('email')}>
        {(a11y) => <input {...a11y} type="email" autoComplete="off" {...register('email')} />}
      </Field>
      {/* The rule above both dates, so that the two fields stand level. */}
      <p className="hint">{t('registration.periodHint', { days: rules.maxPeriodDays })}</p>
      <div className="columns period">
        <DateField
          registration={register('periodFrom')}
          label={t('registration.periodFrom')}
          error={error('periodFrom')}
        />
        <DateField
          registration={register('periodTo')}
          label={t('registration.periodTo')}
          hint={periodCappedAt && t('registration.periodToCapped', { date: dates.date(periodCappedAt) })}
          error={error('periodTo')}
        />
      </div>
      <Field name="purpose" label={t('registration.purpose')} error={error('purpose')}>
        {(a11y) => (
          <select {...a11y} {...register('purpose')}>
            <option value="">{t('signup.select')}</option>
            {rules.purposes.map((purpose) => (
              <option key={purpose} value={purpose}>
                {t(`registration.purposes.${purpose}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
