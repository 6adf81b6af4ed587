import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../shared/profiles/profile';

const STORAGE_KEY = 'konok.lang';

// Each language is its own chunk: a page loads only the one it is shown in.
const bundles: Record<Language, () => Promise<{ default: Record<string, unknown> }>> = {
  ru: () => import('../shared/i18n/ru.json'),
  ky: () => import('../shared/i18n/ky.json'),
  en: () => import('../shared/i18n/en.json'),
};

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

async function loadLanguage(language: Language) {
  if (!i18next.hasResourceBundle(language, 'translation'))
    i18next.addResourceBundle(language, 'translation', (await bundles[language]()).default);
}

/** Switches the whole interface to `language`, loading its texts first. */
export async function switchLanguage(language: Language) {
  // Remembered at once: a reload while the texts load must come back in the chosen language.
  rememberLanguage(language);
  await loadLanguage(language);
  await i18next.changeLanguage(language);
}

/** Loads the language the user last chose (or the browser's) before the first render. */
export async function initI18n() {
  const language = initialLanguage();
  await i18next.use(initReactI18next).init({
    resources: {},
    lng: language,
    // Russian is the fallback; it is loaded only when a key is missing, which the tests forbid.
    fallbackLng: false,
    interpolation: { escapeValue: false },
    partialBundledLanguages: true,
  });
  await loadLanguage(language);
  rememberLanguage(language);
  await i18next.changeLanguage(language);
}

export default i18next;
