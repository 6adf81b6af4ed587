import type { FastifyRequest } from 'fastify';
import i18next, { type TFunction } from 'i18next';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import ky from '../../shared/i18n/ky.json' with { type: 'json' };
import ru from '../../shared/i18n/ru.json' with { type: 'json' };
import { LANGUAGES, type Language } from '../../shared/profiles/index.js';

const translator = i18next.createInstance();
await translator.init({
  resources: { ru: { translation: ru }, ky: { translation: ky }, en: { translation: en } },
  lng: 'ru',
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function translate(language: Language, key: string, values?: Record<string, unknown>): string {
  return (translator.getFixedT(language) as TFunction)(key, values);
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
