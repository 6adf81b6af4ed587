import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { mergeTexts, type Texts } from '../shared/i18n/texts';
import type { CountryProfile, Language } from '../shared/profiles/profile';

const STORAGE_KEY = 'konok.lang';

type Part = 'first' | 'rest';
type TextModule = () => Promise<{ default: Texts }>;

// Each language is two chunks (vite.config.ts, textParts): the home page's texts, and the rest.
const bundles: Record<Language, Record<Part, TextModule>> = {
  ru: { first: () => import('virtual:texts/ru/first'), rest: () => import('virtual:texts/ru/rest') },
  ky: { first: () => import('virtual:texts/ky/first'), rest: () => import('virtual:texts/ky/rest') },
  en: { first: () => import('virtual:texts/en/first'), rest: () => import('virtual:texts/en/rest') },
};

// The country's own words (its state, ministry, laws, phone numbers), laid over the neutral texts.
const overlays = import.meta.glob<{ default: Texts }>('../shared/i18n/profiles/*/*.json');

// Only the deployment's profile is fetched: a Kyrgyz page never downloads Russia's regions.
const profiles: Record<CountryProfile['code'], () => Promise<CountryProfile>> = {
  kg: async () => (await import('../shared/profiles/kg')).kg,
  ru: async () => (await import('../shared/profiles/ru')).ru,
};

/** The deployment's profile, which the server writes on the page's <html> element; set before the first render. */
export let pageProfile: CountryProfile;

async function loadPageProfile() {
  const code = document.documentElement.dataset.profile ?? 'kg';
  pageProfile = await (profiles[code as CountryProfile['code']] ?? profiles.kg)();
}

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

const loading = new Map<string, Promise<void>>();
/** Set once a page beyond the home page is opened: from then on a language comes whole. */
let restWanted = false;

function loadPart(language: Language, part: Part): Promise<void> {
  const key = `${language}/${part}`;
  let done = loading.get(key);
  if (!done) {
    const overlay = overlays[`../shared/i18n/profiles/${pageProfile.code}/${language}.json`];
    // The overlay over each part: the country's words win wherever its part lands.
    done = Promise.all([bundles[language][part](), overlay?.()]).then(([base, own]) => {
      i18next.addResourceBundle(
        language,
        'translation',
        mergeTexts(base.default, own?.default ?? {}),
        true,
        true,
      );
    });
    done.catch(() => loading.delete(key));
    loading.set(key, done);
  }
  return done;
}

const loadLanguage = (language: Language) =>
  Promise.all([loadPart(language, 'first'), restWanted ? loadPart(language, 'rest') : undefined]);

/** The texts beyond the home page's, in the language shown: every other page waits for them. */
export function loadRestOfTexts(): Promise<void> {
  restWanted = true;
  return loadPart(i18next.language as Language, 'rest');
}

/** Switches the whole interface to `language`, loading its texts first. */
export async function switchLanguage(language: Language) {
  // Remembered at once: a reload while the texts load must come back in the chosen language.
  rememberLanguage(language);
  await loadLanguage(language);
  await i18next.changeLanguage(language);
}

/** Loads the profile and the language the user last chose (or the browser's) before the first render. */
export async function initI18n() {
  await loadPageProfile();
  const language = initialLanguage();
  await i18next.use(initReactI18next).init({
    resources: {},
    lng: language,
    // Russian is the fallback; it is loaded only when a key is missing, which the tests forbid.
    fallbackLng: false,
    interpolation: { escapeValue: false },
    partialBundledLanguages: true,
    // A text that arrives after the first render (the rest, fetched later) re-renders what uses it.
    react: { bindI18nStore: 'added' },
  });
  await loadLanguage(language);
  rememberLanguage(language);
  await i18next.changeLanguage(language);
}

export default i18next;
