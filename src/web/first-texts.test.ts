import { describe, expect, it } from 'vitest';
import { loginSchema, statusCheckSchema } from '../shared/schemas/accounts';
import app from './App.tsx?raw';
import layout from './components/Layout.tsx?raw';
import firstTexts from './first-texts.json' with { type: 'json' };
import homePage from './journeys/home/HomePage.tsx?raw';

// The home page is built with only the texts of first-texts.json (vite.config.ts): every key it
// can show must be among them, or the visitor would read the key until the rest arrives.
const HOME_PAGE_SOURCES = [app, layout, homePage];

const covered = (key: string) => firstTexts.some((p) => key === p || key.startsWith(`${p}.`));

describe('the texts fetched with the home page', () => {
  it('hold every text its header, footer and forms show', () => {
    // t('home.title'), and the fixed head of a built key: t(`registrationStatus.${status}`).
    const keys = HOME_PAGE_SOURCES.flatMap((source) => {
      return [...source.matchAll(/\bt\(\s*['`]([a-zA-Z][\w.]*?)(?:['`]|\.\$\{)/g)].map((m) => m[1]!);
    });
    expect(keys).toContain('home.loginTitle');
    expect(keys.filter((key) => !covered(key))).toEqual([]);
  });

  it('hold every message its two forms can give before they reach the server', () => {
    const messages = [
      loginSchema.safeParse({}),
      loginSchema.safeParse({ email: 'not an e-mail', password: 'x'.repeat(1000), oneTimeCode: 'x' }),
      statusCheckSchema.safeParse({}),
      statusCheckSchema.safeParse({ number: '!', passportNumber: 'A B' }),
      statusCheckSchema.safeParse({ number: '2026-000001', passportNumber: 'ab!' }),
    ].flatMap((result) => result.error?.issues.map((issue) => issue.message) ?? []);
    expect(messages.length).toBeGreaterThan(5);
    expect(messages.filter((key) => !covered(key))).toEqual([]);
  });
});
