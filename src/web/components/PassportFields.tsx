import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CountrySelect } from './CountrySelect';
import { DateField } from './DateField';
import { Field } from './forms';

export type PassportField =
  | 'surname'
  | 'givenNames'
  | 'birthDate'
  | 'sex'
  | 'passportType'
  | 'passportCountry'
  | 'passportNumber'
  | 'passportIssueDate'
  | 'passportExpiryDate';

interface Props {
  register: (name: PassportField) => UseFormRegisterReturn;
  error: (name: string) => string | undefined;
  /** "filled from the passport" beside a field the MRZ filled. */
  badge: (name: string) => ReactNode;
  passportTypes: readonly string[];
  /** The host's own passport (signup) is autofilled by the browser; a guest's is not. */
  own: boolean;
  /** Fields that come between the names and the date of birth (the patronymic). */
  afterNames?: ReactNode;
  /** The names' labels (i18n keys) where a form asks them otherwise than in the MRZ's letters. */
  nameLabels?: { surname: string; givenNames: string };
}

/** A passport's data as the guide lists it, for the host's own passport and for a foreigner's. */
export function PassportFields({
  register,
  error,
  badge,
  passportTypes,
  own,
  afterNames,
  nameLabels = { surname: 'signup.surname', givenNames: 'signup.givenNames' },
}: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Field name="surname" label={t(nameLabels.surname)} error={error('surname')} badge={badge('surname')}>
        {(a11y) => (
          <input
            {...a11y}
            autoComplete={own ? 'family-name' : 'off'}
            autoCapitalize="characters"
            {...register('surname')}
          />
        )}
      </Field>
      <Field
        name="givenNames"
        label={t(nameLabels.givenNames)}
        error={error('givenNames')}
        badge={badge('givenNames')}
      >
        {(a11y) => (
          <input
            {...a11y}
            autoComplete={own ? 'given-name' : 'off'}
            autoCapitalize="characters"
            {...register('givenNames')}
          />
        )}
      </Field>
      {afterNames}
      <DateField
        registration={register('birthDate')}
        label={t('signup.birthDate')}
        error={error('birthDate')}
        badge={badge('birthDate')}
        ownBirthDate={own}
      />
      <Field name="sex" label={t('signup.sex')} error={error('sex')} badge={badge('sex')}>
        {(a11y) => (
          <select {...a11y} {...register('sex')}>
            <option value="">{t('signup.select')}</option>
            <option value="M">{t('signup.sexM')}</option>
            <option value="F">{t('signup.sexF')}</option>
          </select>
        )}
      </Field>
      <Field
        name="passportType"
        label={t('signup.passportType')}
        error={error('passportType')}
        badge={badge('passportType')}
      >
        {(a11y) => (
          <select {...a11y} {...register('passportType')}>
            <option value="">{t('signup.select')}</option>
            {passportTypes.map((type) => (
              <option key={type} value={type}>
                {t(`signup.passportTypes.${type}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="passportCountry"
        label={t('signup.passportCountry')}
        error={error('passportCountry')}
        badge={badge('passportCountry')}
      >
        {(a11y) => <CountrySelect {...a11y} {...register('passportCountry')} />}
      </Field>
      <Field
        name="passportNumber"
        label={t('signup.passportNumber')}
        error={error('passportNumber')}
        badge={badge('passportNumber')}
      >
        {(a11y) => (
          <input
            {...a11y}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            {...register('passportNumber')}
          />
        )}
      </Field>
      <DateField
        registration={register('passportIssueDate')}
        label={t('signup.passportIssueDate')}
        error={error('passportIssueDate')}
      />
      <DateField
        registration={register('passportExpiryDate')}
        label={t('signup.passportExpiryDate')}
        error={error('passportExpiryDate')}
        badge={badge('passportExpiryDate')}
      />
    </>
  );
}

/** The photo rules of the guide, folded away until asked for. */
export function PhotoRequirements() {
  const { t } = useTranslation();
  return (
    <details className="requirements">
      <summary>{t('signup.photoRequirementsTitle')}</summary>
      <ul>
        {(t('signup.photoRequirements', { returnObjects: true }) as string[]).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </details>
  );
}
