import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshots } from '../support/browser';
import { buildTestApp, type TestApp } from '../support/test-app';

// A Russian deployment speaks of Russia only: a word that belongs to Kyrgyzstan on one of its pages
// means a text that still lives in the neutral dictionaries instead of a profile.
const KYRGYZ_ONLY = /Кыргыз|Kyrgyz|Бишкек|Bishkek|\bКР\b|\bсом\b|KGS|996-|Санарип|Digital Development/i;
// Notice of arrival is free in Russia: no page may speak of a fee or of paying.
const FEE = /пошлин|оплат|\bfee\b|\bpay/i;
const PUBLIC_PAGES = ['/', '/signup', '/terms', '/privacy', '/forgot-password', '/legal-entities'];

/** The words around the first match, so a failure says where it was found. */
function around(pattern: RegExp, text: string): string | undefined {
  const found = pattern.exec(text);
  return found ? text.slice(Math.max(0, found.index - 60), found.index + 30) : undefined;
}

const shot = screenshots('country-words');
let t: TestApp;
let base: string;
let browser: Browser;

beforeAll(async () => {
  t = await buildTestApp({ profile: 'ru' });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function pageIn(language: 'ru' | 'en' | 'ky'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ky-KG' });
  await context.addCookies([{ name: 'lang', value: language, url: base }]);
  return context.newPage();
}

describe('a Russian deployment (PROFILE=ru)', () => {
  for (const language of ['ru', 'en'] as const)
    it(`names Russia's state and ministry on every public page in ${language}, and nothing of Kyrgyzstan`, async () => {
      const page = await pageIn(language);
      for (const path of PUBLIC_PAGES) {
        await page.goto(base + path);
        await page.locator('main h1').first().waitFor();
        const text = await page.locator('body').innerText();
        expect({ path, kyrgyz: around(KYRGYZ_ONLY, text), fee: around(FEE, text) }).toEqual({
          path,
          kyrgyz: undefined,
          fee: undefined,
        });
        expect(text).toContain(language === 'ru' ? 'Российской Федерации' : 'Russian Federation');
      }
      expect(await page.title()).toContain(language === 'ru' ? 'Российской Федерации' : 'Russian Federation');
      await page.goto(base);
      await shot(page, `home-${language}`);
      await page.context().close();
    });

  it('offers only its own languages, and a Kyrgyz reader gets its default, Russian', async () => {
    const page = await pageIn('ky');
    await page.goto(base);
    await page.locator('main h1').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    const offered = await page
      .locator('#language-select option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(offered).toEqual(['ru', 'en']);
    await page.context().close();
  });
});
