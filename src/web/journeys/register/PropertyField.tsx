import type { UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field } from '../../components/forms';
import { usePlaceName } from '../../components/place-name';
import type { RegistrationInput } from '../../../shared/schemas/registrations';
import type { FieldErrorOf } from './register-fields';
import type { HostProperty } from './use-host-properties';

/** Where the foreigner stays: one of the host's properties. */
export function PropertyField({
  properties,
  register,
  error,
}: {
  properties: HostProperty[];
  register: UseFormRegister<RegistrationInput>;
  error: FieldErrorOf;
}) {
  const { t } = useTranslation();
  const placeName = usePlaceName();
  return (
    <Field
      name="propertyId"
      label={t('registration.property')}
      hint={t('registration.propertyHint')}
      error={error('propertyId')}
    >
      {(a11y) => (
        <select {...a11y} {...register('propertyId')}>
          <option value="">{t('signup.select')}</option>
          {properties.map((p) => (
            <option key={p.id} value={p.id}>
              {placeName(p)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A host with no property yet registers no one: tab 2 first. */
export function NoPropertiesWarning() {
  const { t } = useTranslation();
  return (
    <p className="warning">
      {t('registration.noProperties')} <Link to="/cabinet/properties">{t('registration.addProperty')}</Link>
    </p>
  );
}
