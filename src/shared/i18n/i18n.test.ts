import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import ky from './ky.json';
import kgEn from './profiles/kg/en.json';
import kgKy from './profiles/kg/ky.json';
import kgRu from './profiles/kg/ru.json';
import ruEn from './profiles/ru/en.json';
import ruRu from './profiles/ru/ru.json';
import ru from './ru.json';
import apiEn from './api/en.json';
import apiKy from './api/ky.json';
import apiRu from './api/ru.json';
import { mergeTexts, type Texts } from './texts';
import { PROFILES } from '../profiles/index';

type Tree = { [key: string]: Tree | string | string[] };
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' && !Array.isArray(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
const lookup = (tree: Tree, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], tree);

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });

const BASE = { ru, ky, en } as Record<string, Tree>;
const OVERLAYS: Record<string, Record<string, Tree>> = {
  kg: { ru: kgRu, ky: kgKy, en: kgEn },
  ru: { ru: ruRu, en: ruEn },
};

/** Notices only a profile that declares them has (its law's words); every other key, every profile has. */
const NOTICES = 'profileNotices.';
const shared = (list: string[]) => list.filter((k) => !k.startsWith(NOTICES));

describe('translations', () => {
  it('each profile has its own words in each of its languages, and only in those', () => {
    for (const profile of Object.values(PROFILES)) {
      expect(Object.keys(OVERLAYS[profile.code]!).sort()).toEqual([...profile.languages].sort());
      for (const language of profile.languages)
        expect(shared(keys(OVERLAYS[profile.code]![language]!)).sort()).toEqual(
          shared(keys(OVERLAYS.kg!.en!)).sort(),
        );
    }
  });

  it("a profile's notices are the ones it declares, in each of its languages", () => {
    for (const profile of Object.values(PROFILES))
      for (const language of profile.languages) {
        const notices = keys(OVERLAYS[profile.code]![language]!).filter((k) => k.startsWith(NOTICES));
        expect({ profile: profile.code, language, notices: notices.sort() }).toEqual({
          profile: profile.code,
          language,
          notices: [...(profile.registration.beforeConfirm ?? [])].sort(),
        });
      }
  });

  it('the neutral dictionaries name no country: its state, laws and phone numbers are in its profile', () => {
    const countryWords = /кыргыз|kyrgyz|бишкек|bishkek|\bКР\b|росси|russia|москв|moscow|996-|\b7-9/i;
    for (const [language, tree] of Object.entries(BASE)) {
      const named = keys(tree).filter((k) => countryWords.test(JSON.stringify(lookup(tree, k))));
      expect({ language, named }).toEqual({ language, named: [] });
    }
  });

  it('a deployment has every text in every language it offers', () => {
    for (const profile of Object.values(PROFILES))
      for (const language of profile.languages) {
        const merged = mergeTexts(BASE[language] as Texts, OVERLAYS[profile.code]![language] as Texts);
        expect(shared(keys(merged as Tree)).sort()).toEqual(
          shared(keys(mergeTexts(en as Texts, kgEn as Texts) as Tree)).sort(),
        );
      }
  });

  it('ru, ky and en have the same keys, and no empty text except where a channel has none', () => {
    expect(keys(ru as Tree).sort()).toEqual(keys(en as Tree).sort());
    expect(keys(ky as Tree).sort()).toEqual(keys(en as Tree).sort());
    // The server's own texts (the hotels' API), kept out of the pages' bundles, alike.
    expect(keys(apiRu as Tree).sort()).toEqual(keys(apiEn as Tree).sort());
    expect(keys(apiKy as Tree).sort()).toEqual(keys(apiEn as Tree).sort());
    for (const language of [ru, ky, en] as Tree[]) {
      const empty = keys(language).filter(
        (k) => lookup(language, k) === '' && !k.startsWith('messages.phoneChange.email'),
      );
      expect(empty).toEqual([]);
    }
  });

  it('every message key used in the code exists', () => {
    const root = path.resolve(__dirname, '../..');
    const used = new Set<string>();
    for (const file of sources(root)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(
        /['"`]((?:errors|signup|home|cabinet|forgot|operator|legal|forms|app|captcha|registrationStatus|archive|registration|payment|properties|entity|entityCabinet|mrz)\.[A-Za-z]+(?:\.[A-Za-z]+)*)['"`]/g,
      )) {
        // Audit log actions (`action: 'registration.confirm'`) and SQL columns ('properties.id')
        // look like keys but are not messages.
        if (
          !/action:\s*$/.test(text.slice(Math.max(0, match.index - 12), match.index)) &&
          !match[1]!.endsWith('.id')
        )
          used.add(match[1]!);
      }
    }
    expect(used.size).toBeGreaterThan(50);
    // A key used with a count is found by its plural forms (key_one, key_other …).
    const english = mergeTexts(mergeTexts(en as Texts, apiEn as Texts), kgEn as Texts) as Tree;
    const missing = [...used].filter(
      (key) => lookup(english, key) === undefined && lookup(english, `${key}_other`) === undefined,
    );
    expect(missing).toEqual([]);
  });
});
