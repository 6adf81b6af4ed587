import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/forms';
import type { PlaceOfStay } from '../../../shared/profiles/profile';

export type AddressProfile = Extract<PlaceOfStay, { kind: 'address' }>;

/** The address's parts in the order they are written and checked. */
export const ADDRESS_FIELDS = [
  'region',
  'district',
  'city',
  'streetType',
  'street',
  'house',
  'building',
  'structure',
  'flat',
  'postalIndex',
];

/** A reference name in the page's language (the profile names its regions in its own languages). */
const named = (entry: { ru: string; en: string }, language: string) =>
  language === 'en' ? entry.en : entry.ru;

/** What a postal index serves, as the host reads it: the settlement and, beside it, its region. */
export function placeName(
  place: AddressProfile,
  serves: { region: string; city?: string },
  language: string,
) {
  const region = place.regions.find((r) => r.code === serves.region);
  const regionName = region && named(region, language);
  return [serves.city, regionName].filter((part, i, all) => part && all.indexOf(part) === i).join(', ');
}

type AddressValues = Record<(typeof ADDRESS_FIELDS)[number], unknown>;

/**
 * The parts of an address, as the profile declares them: its regions and street types to choose
 * from, the rest typed.
 */
export function AddressFields<T extends AddressValues>({
  place,
  register,
  errors,
  onIndexChange,
}: {
  place: AddressProfile;
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
  onIndexChange?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const reg = register as unknown as UseFormRegister<AddressValues>;
  const error = (name: string) => (errors as Record<string, { message?: string } | undefined>)[name]?.message;
  const text = (name: string, options: { autoComplete?: string; short?: boolean; hint?: string } = {}) => (
    <Field name={name} label={t(`properties.place.${name}`)} hint={options.hint} error={error(name)}>
      {(a11y) => (
        <input
          {...a11y}
          autoComplete={options.autoComplete ?? 'off'}
          className={options.short ? 'input-short' : undefined}
          {...reg(name)}
        />
      )}
    </Field>
  );
  return (
    <fieldset>
      <legend>{t('properties.place.legend')}</legend>
      <Field name="region" label={t('properties.place.region')} error={error('region')}>
        {(a11y) => (
          <select {...a11y} autoComplete="address-level1" {...reg('region')}>
            <option value="" disabled>
              {t('properties.place.choose')}
            </option>
            {place.regions.map((r) => (
              <option key={r.code} value={r.code}>
                {named(r, i18n.language)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {text('district', { hint: t('properties.place.districtHint') })}
      {text('city', { autoComplete: 'address-level2' })}
      <div className="address-parts address-parts--street">
        <Field name="streetType" label={t('properties.place.streetType')} error={error('streetType')}>
          {(a11y) => (
            <select {...a11y} {...reg('streetType')}>
              <option value="" disabled>
                {t('properties.place.choose')}
              </option>
              {place.streetTypes.map((s) => (
                <option key={s.value} value={s.value}>
                  {named(s, i18n.language)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('street', { hint: t('properties.place.streetHint') })}
      </div>
      <div className="address-parts">
        {text('house', { short: true })}
        {text('building', { short: true })}
        {text('structure', { short: true })}
        {text('flat', { short: true })}
      </div>
      <Field
        name="postalIndex"
        label={t('properties.place.postalIndex')}
        hint={t('properties.place.postalIndexHint')}
        error={error('postalIndex')}
      >
        {(a11y) => (
          <input
            {...a11y}
            inputMode="numeric"
            pattern="[0-9]*"
            maxLength={6}
            autoComplete="postal-code"
            className="input-short"
            {...reg('postalIndex', { onChange: onIndexChange })}
          />
        )}
      </Field>
    </fieldset>
  );
}
