import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import firstTexts from './src/web/first-texts.json' with { type: 'json' };

/** The home page's first load, gzipped: at most this (a slow mobile connection in the regions). */
const HOME_PAGE_BUDGET_KB = 150;

interface BundleFile {
  type: 'chunk' | 'asset';
  fileName: string;
  code?: string;
  source?: string | Uint8Array;
  isEntry?: boolean;
  name?: string;
  imports?: string[];
  viteMetadata?: { importedCss: Set<string> };
}

/**
 * Prints what the home page loads (the entry, its static imports and CSS, one language) and fails
 * the build past the budget.
 */
function homePageBudget(): Plugin {
  return {
    name: 'konok-home-page-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = bundle as unknown as Record<string, BundleFile>;
      const gzipKb = (file: BundleFile) =>
        zlib.gzipSync(file.code ?? file.source ?? '', { level: 9 }).length / 1024;
      // The app's entry (the card verification page is a second, separate entry).
      const entry = Object.values(files).find((f) => f.type === 'chunk' && f.isEntry && f.name === 'index')!;
      const loaded = new Set<string>();
      const visit = (name: string) => {
        if (loaded.has(name)) return;
        loaded.add(name);
        const file = files[name]!;
        for (const css of file.viteMetadata?.importedCss ?? []) loaded.add(css);
        for (const imported of file.imports ?? []) visit(imported);
      };
      visit(entry.fileName);
      // One language is fetched with the page: count the largest.
      const languages = Object.values(files).filter((f) => /^assets\/(ru|ky|en)-.*\.js$/.test(f.fileName));
      const language = languages.sort((a, b) => gzipKb(b) - gzipKb(a))[0];
      const parts = [...loaded].map((name) => files[name]!);
      if (language) parts.push(language);
      const total = parts.reduce((sum, f) => sum + gzipKb(f), 0);
      const line = `home page: ${total.toFixed(1)} KB gzipped in ${parts.length} files (budget ${HOME_PAGE_BUDGET_KB} KB): ${parts
        .map((f) => `${f.fileName} ${gzipKb(f).toFixed(1)}`)
        .join(', ')}`;
      if (total > HOME_PAGE_BUDGET_KB) this.error(`Over budget. ${line}`);
      console.log(line);
    },
  };
}

/**
 * The texts the home page shows (its header and footer, its two forms and what they can say), by
 * their paths in the dictionary: fetched with it (src/web/first-texts.test.ts checks the list). Every other text comes with the first other page the user opens (App.tsx) or
 * once the home page is idle (main.tsx), so a visitor checking a status waits for none of the
 * cabinet's, the operator's or the long forms' words. A key missing here still appears on the
 * home page, a moment late, when the rest arrives.
 */
const FIRST_TEXTS: string[] = firstTexts;

type Texts = { [key: string]: Texts | string | string[] };

/** The texts at `paths` (a section, `home`, or a part of one, `errors.email`), or all the others. */
function pickTexts(texts: Texts, paths: string[], keep: boolean): Texts {
  const picked: Texts = {};
  for (const [key, value] of Object.entries(texts)) {
    const inside = paths.filter((p) => p.startsWith(`${key}.`)).map((p) => p.slice(key.length + 1));
    if (paths.includes(key)) {
      if (keep) picked[key] = value;
    } else if (inside.length > 0 && typeof value === 'object' && !Array.isArray(value)) {
      const part = pickTexts(value, inside, keep);
      if (Object.keys(part).length > 0) picked[key] = part;
    } else if (!keep) picked[key] = value;
  }
  return picked;
}

const TEXT_PART = /^\0virtual:texts\/(ru|ky|en)\/(first|rest)$/;

/**
 * `virtual:texts/<language>/first` and `…/rest`: a language's dictionary split by FIRST_TEXTS, so
 * the home page fetches only the texts it shows. The rest's file is named `texts-rest-…`: it is not
 * fetched with the home page, and the budget above counts the part that is.
 */
function textParts(): Plugin {
  const prefix = 'virtual:texts/';
  return {
    name: 'konok-text-parts',
    enforce: 'pre',
    resolveId(id) {
      return id.startsWith(prefix) ? `\0${id}` : undefined;
    },
    load(id) {
      const match = TEXT_PART.exec(id);
      if (!match) return undefined;
      const file = fileURLToPath(new URL(`./src/shared/i18n/${match[1]}.json`, import.meta.url));
      this.addWatchFile(file);
      const texts = JSON.parse(fs.readFileSync(file, 'utf8')) as Texts;
      return `export default ${JSON.stringify(pickTexts(texts, FIRST_TEXTS, match[2] === 'first'))};`;
    },
  };
}

/**
 * Brotli and gzip copies of every text file worth compressing, made once at build time at the
 * highest levels (too slow per request) and served by the server to browsers that ask for them.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'konok-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const files = fs.readdirSync(outDir, { recursive: true, withFileTypes: true });
      for (const file of files) {
        if (!file.isFile() || !/\.(js|mjs|css|html|svg|json|txt)$/.test(file.name)) continue;
        const full = path.join(file.parentPath, file.name);
        const body = fs.readFileSync(full);
        if (body.length < 1024) continue;
        fs.writeFileSync(
          `${full}.br`,
          zlib.brotliCompressSync(body, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          }),
        );
        fs.writeFileSync(`${full}.gz`, zlib.gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: 'src/web',
  publicDir: 'public',
  plugins: [react(), textParts(), homePageBudget(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./src/web/index.html', import.meta.url)),
        verify: fileURLToPath(new URL('./src/web/verify.html', import.meta.url)),
      },
      output: {
        chunkFileNames: (chunk) => {
          const part = chunk.moduleIds.map((id) => TEXT_PART.exec(id)).find(Boolean);
          if (part)
            return part[2] === 'first'
              ? `assets/${part[1]}-[hash].js`
              : `assets/texts-rest-${part[1]}-[hash].js`;
          // A profile is not a language, though Russia's shares a name with one.
          const profile = /\/shared\/profiles\/(\w+)\.ts$/.exec(chunk.facadeModuleId ?? '');
          return profile ? `assets/profile-${profile[1]}-[hash].js` : 'assets/[name]-[hash].js';
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/dev': 'http://127.0.0.1:3000' } },
});
