import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import ky from 'i18n-iso-countries/langs/ky.json';
import ru from 'i18n-iso-countries/langs/ru.json';
import { forwardRef, useMemo, type SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

countries.registerLocale(en);
countries.registerLocale(ru);
countries.registerLocale(ky);

export { countries };

/** A passport country's name in the language, from its alpha-3 code (as in the MRZ); '—' for none. */
export function countryName(code: string | null | undefined, language: string): string {
  if (!code) return '—';
  return countries.getName(countries.alpha3ToAlpha2(code) ?? '', language, { select: 'official' }) ?? code;
}

/** Passport countries by their ICAO/ISO alpha-3 code (as in the machine-readable zone), named in the UI language. */
export const CountrySelect = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(
  function CountrySelect(props, ref) {
    const { t, i18n } = useTranslation();
    const options = useMemo(() => {
      const names = countries.getNames(i18n.language, { select: 'official' });
      return Object.entries(names)
        .map(([alpha2, name]) => ({ code: countries.alpha2ToAlpha3(alpha2)!, name }))
        .filter((c) => c.code)
        .sort((a, b) => a.name.localeCompare(b.name, i18n.language));
    }, [i18n.language]);
    return (
      <select ref={ref} {...props}>
        <option value="">{t('signup.select')}</option>
        {options.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
    );
  },
);
