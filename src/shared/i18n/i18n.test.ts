import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import ky from './ky.json';
import ru from './ru.json';

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

describe('translations', () => {
  it('ru, ky and en have the same keys, and no empty text except where a channel has none', () => {
    expect(keys(ru as Tree).sort()).toEqual(keys(en as Tree).sort());
    expect(keys(ky as Tree).sort()).toEqual(keys(en as Tree).sort());
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
    const missing = [...used].filter(
      (key) => lookup(en as Tree, key) === undefined && lookup(en as Tree, `${key}_other`) === undefined,
    );
    expect(missing).toEqual([]);
  });
});
