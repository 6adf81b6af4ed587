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

/** What an input of one part is given: react-hook-form's registration, or a plain form's name. */
type InputProps = { name: string } & Record<string, unknown>;

/**
 * The parts of an address, as the profile declares them: its regions and street types to choose
 * from, the rest typed. `prefix` names the fields when one form holds several addresses
 * (`properties.0.`); `input` gives each part's input its name and handlers.
 */
export function AddressFields({
  place,
  prefix = '',
  input,
  errorOf,
  legend,
}: {
  place: AddressProfile;
  prefix?: string;
  input: (name: string) => InputProps;
  errorOf: (name: string) => string | undefined;
  legend?: string;
}) {
  const { t, i18n } = useTranslation();
  const text = (name: string, options: { autoComplete?: string; short?: boolean; hint?: string } = {}) => (
    <Field
      name={prefix + name}
      label={t(`properties.place.${name}`)}
      hint={options.hint}
      error={errorOf(name)}
    >
      {(a11y) => (
        <input
          {...a11y}
          autoComplete={options.autoComplete ?? 'off'}
          className={options.short ? 'input-short' : undefined}
          {...input(name)}
        />
      )}
    </Field>
  );
  return (
    <fieldset>
      <legend>{legend ?? t('properties.place.legend')}</legend>
      <Field name={prefix + 'region'} label={t('properties.place.region')} error={errorOf('region')}>
        {(a11y) => (
          <select {...a11y} autoComplete="address-level1" {...input('region')}>
            <option value="">{t('properties.place.choose')}</option>
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
        <Field
          name={prefix + 'streetType'}
          label={t('properties.place.streetType')}
          error={errorOf('streetType')}
        >
          {(a11y) => (
            <select {...a11y} {...input('streetType')}>
              <option value="">{t('properties.place.choose')}</option>
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
        name={prefix + 'postalIndex'}
        label={t('properties.place.postalIndex')}
        hint={t('properties.place.postalIndexHint')}
        error={errorOf('postalIndex')}
      >
        {(a11y) => (
          <input
            {...a11y}
            inputMode="numeric"
            pattern="[0-9]*"
            maxLength={6}
            autoComplete="postal-code"
            className="input-short"
            {...input('postalIndex')}
          />
        )}
      </Field>
    </fieldset>
  );
}
