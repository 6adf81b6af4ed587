import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../shared/i18n/en.json';
import ky from '../shared/i18n/ky.json';
import ru from '../shared/i18n/ru.json';
import { LANGUAGES, type Language } from '../shared/profiles/profile';

const STORAGE_KEY = 'konok.lang';

function initialLanguage(): Language {
  const fromCookie = /(?:^|; )lang=(ru|ky|en)/.exec(document.cookie)?.[1];
  const stored = fromCookie ?? localStorage.getItem(STORAGE_KEY);
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  const browser = navigator.language.slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(browser) ? (browser as Language) : 'ru';
}

export function rememberLanguage(language: Language) {
  localStorage.setItem(STORAGE_KEY, language);
  // The server reads it too, so its error messages come in the same language.
  document.cookie = `lang=${language}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = language;
}

const language = initialLanguage();
void i18next.use(initReactI18next).init({
  resources: { ru: { translation: ru }, ky: { translation: ky }, en: { translation: en } },
  lng: language,
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
});
rememberLanguage(language);

export default i18next;
