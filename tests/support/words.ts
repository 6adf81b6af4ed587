import en from '../../src/shared/i18n/en.json';
import ky from '../../src/shared/i18n/ky.json';
import ru from '../../src/shared/i18n/ru.json';

const DICTIONARIES = { en, ru, ky } as const;
export type Language = keyof typeof DICTIONARIES;
export const LANGUAGES = Object.keys(DICTIONARIES) as Language[];

/** The app's own words, so a test reads the page as a user of that language would. */
export function tr(language: Language, key: string, values: Record<string, string> = {}): string {
  let node: unknown = DICTIONARIES[language];
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`no text ${key} in ${language}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
