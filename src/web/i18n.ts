import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { mergeTexts, type Texts } from '../shared/i18n/texts';
import { getProfile } from '../shared/profiles/index';
import type { Language } from '../shared/profiles/profile';

const STORAGE_KEY = 'konok.lang';

// Each language is its own chunk: a page loads only the one it is shown in.
const bundles: Record<Language, () => Promise<{ default: Record<string, unknown> }>> = {
  ru: () => import('../shared/i18n/ru.json'),
  ky: () => import('../shared/i18n/ky.json'),
  en: () => import('../shared/i18n/en.json'),
};

// The country's own words (its state, ministry, laws, phone numbers), laid over the neutral texts.
const overlays = import.meta.glob<{ default: Texts }>('../shared/i18n/profiles/*/*.json');

/** The deployment's profile, which the server writes on the page's <html> element. */
export const pageProfile = getProfile(document.documentElement.dataset.profile ?? 'kg');

function initialLanguage(): Language {
  const offered = pageProfile.languages as readonly string[];
  const fromCookie = /(?:^|; )lang=(ru|ky|en)/.exec(document.cookie)?.[1];
  const stored = fromCookie ?? localStorage.getItem(STORAGE_KEY);
  if (stored && offered.includes(stored)) return stored as Language;
  const browser = navigator.language.slice(0, 2);
  return offered.includes(browser) ? (browser as Language) : pageProfile.defaultLanguage;
}

export function rememberLanguage(language: Language) {
  localStorage.setItem(STORAGE_KEY, language);
  // The server reads it too, so its error messages come in the same language.
  document.cookie = `lang=${language}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = language;
}

async function loadLanguage(language: Language) {
  if (i18next.hasResourceBundle(language, 'translation')) return;
  const overlay = overlays[`../shared/i18n/profiles/${pageProfile.code}/${language}.json`];
  const [base, own] = await Promise.all([bundles[language](), overlay?.()]);
  i18next.addResourceBundle(language, 'translation', mergeTexts(base.default as Texts, own?.default ?? {}));
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
