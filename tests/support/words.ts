import en from '../../src/shared/i18n/en.json';
import ky from '../../src/shared/i18n/ky.json';
import kgEn from '../../src/shared/i18n/profiles/kg/en.json';
import kgKy from '../../src/shared/i18n/profiles/kg/ky.json';
import kgRu from '../../src/shared/i18n/profiles/kg/ru.json';
import ru from '../../src/shared/i18n/ru.json';
import { mergeTexts } from '../../src/shared/i18n/texts';

/** The words of a kg deployment: the neutral texts with Kyrgyzstan's own over them. */
const DICTIONARIES = {
  en: mergeTexts(en, kgEn),
  ru: mergeTexts(ru, kgRu),
  ky: mergeTexts(ky, kgKy),
} as const;
export type Language = keyof typeof DICTIONARIES;
export const LANGUAGES = Object.keys(DICTIONARIES) as Language[];

/** The app's own words, so a test reads the page as a user of that language would. */
export function tr(language: Language, key: string, values: Record<string, string> = {}): string {
  let node: unknown = DICTIONARIES[language];
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`no text ${key} in ${language}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
