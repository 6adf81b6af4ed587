import type { FastifyRequest } from 'fastify';
import i18next, { type TFunction } from 'i18next';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import ky from '../../shared/i18n/ky.json' with { type: 'json' };
import ru from '../../shared/i18n/ru.json' with { type: 'json' };
import apiEn from '../../shared/i18n/api/en.json' with { type: 'json' };
import apiKy from '../../shared/i18n/api/ky.json' with { type: 'json' };
import apiRu from '../../shared/i18n/api/ru.json' with { type: 'json' };
import kgEn from '../../shared/i18n/profiles/kg/en.json' with { type: 'json' };
import kgKy from '../../shared/i18n/profiles/kg/ky.json' with { type: 'json' };
import kgRu from '../../shared/i18n/profiles/kg/ru.json' with { type: 'json' };
import ruEn from '../../shared/i18n/profiles/ru/en.json' with { type: 'json' };
import ruRu from '../../shared/i18n/profiles/ru/ru.json' with { type: 'json' };
import { mergeTexts, type Texts } from '../../shared/i18n/texts.js';
import { type CountryProfile, LANGUAGES, type Language } from '../../shared/profiles/index.js';

/** Texts in a language, with values filled in: what every message, page and card is written with. */
export type Translate = (language: Language, key: string, values?: Record<string, unknown>) => string;

// What only the server says (the hotels' API's answers) stays out of the pages' bundles.
const BASE: Record<Language, Texts> = {
  ru: mergeTexts(ru, apiRu),
  ky: mergeTexts(ky, apiKy),
  en: mergeTexts(en, apiEn),
};
const OVERLAYS: Record<CountryProfile['code'], Partial<Record<Language, Texts>>> = {
  kg: { ru: kgRu, ky: kgKy, en: kgEn },
  ru: { ru: ruRu, en: ruEn },
};

/** The texts of a deployment: the neutral dictionaries with the profile's words over them. */
export function textsOf(profile: Pick<CountryProfile, 'code' | 'defaultLanguage'>): Translate {
  const translator = i18next.createInstance();
  void translator.init({
    resources: Object.fromEntries(
      LANGUAGES.map((language) => [
        language,
        { translation: mergeTexts(BASE[language], OVERLAYS[profile.code][language] ?? {}) },
      ]),
    ),
    lng: profile.defaultLanguage,
    fallbackLng: profile.defaultLanguage,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return (language, key, values) => (translator.getFixedT(language) as TFunction)(key, values);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the user chose (cookie set by the switcher), else the browser's, else Russian. */
export function requestLanguage(request: FastifyRequest): Language {
  const chosen = request.cookies?.lang;
  if (isLanguage(chosen)) return chosen;
  const header = request.headers['accept-language'] ?? '';
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]?.trim().slice(0, 2).toLowerCase();
    if (isLanguage(tag)) return tag;
  }
  return 'ru';
}
