import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Every source file below `dir`, tests left out. */
function runtimeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return runtimeFiles(full);
    return /\.(ts|tsx|mjs)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

describe('what the server imports at run time', () => {
  it('comes from "dependencies", so `npm ci --omit=dev` runs Konok', () => {
    const imported = new Set<string>();
    for (const file of [
      ...runtimeFiles(path.join(root, 'src/server')),
      ...runtimeFiles(path.join(root, 'src/shared')),
    ]) {
      const source = fs.readFileSync(file, 'utf8');
      for (const match of source.matchAll(
        /(?:^import|^export)[^'"]*?from\s+'([^'.][^']*)'|import\(\s*'([^'.][^']*)'\s*\)/gm,
      )) {
        const specifier = match[1] ?? match[2]!;
        if (match[0].startsWith('import type') || specifier.startsWith('node:')) continue;
        if (builtinModules.includes(specifier)) continue;
        imported.add(packageOf(specifier));
      }
    }
    expect(imported.size).toBeGreaterThan(15);
    expect(imported).toContain('i18next');
    const notDependencies = [...imported].filter((name) => !(name in manifest.dependencies));
    expect(notDependencies).toEqual([]);
  });

  it('lists no package nothing imports', () => {
    // Used by code: imported, resolved (a font, a trained model) or started as a loader (tsx).
    const sources = [
      ...runtimeFiles(path.join(root, 'src')),
      ...runtimeFiles(path.join(root, 'scripts')),
    ].map((file) => fs.readFileSync(file, 'utf8'));
    const scripts = JSON.stringify((manifest as { scripts?: unknown }).scripts ?? {});
    const used = (name: string) =>
      scripts.includes(`--import ${name}`) ||
      sources.some((source) =>
        new RegExp(`(?:from\\s+|import\\(\\s*|require(?:\\.resolve)?\\(\\s*)'${name}(?:/[^']*)?'`).test(
          source,
        ),
      );
    const unused = Object.keys(manifest.dependencies).filter((name) => !used(name));
    expect(unused).toEqual([]);
  });
});
