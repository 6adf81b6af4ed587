import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/server/demo/demo-data';
import { solidPng } from '../support/images';
import { expectFitsWidth, launchChromium, screenshots } from '../support/browser';
import { activeHost, signupFields } from '../support/factories';
import { buildTestApp, TestClient, type TestApp } from '../support/test-app';
import { enrolledOperator } from '../support/operators';

// Every page at 360 px (a small phone), in each language: nothing may scroll sideways.
const shot = screenshots('narrow-360');
let t: TestApp;
let base: string;
let browser: Browser;
const host = signupFields({ email: 'narrow.host@example.kg' });

const HOST_PAGES = [
  '/',
  '/signup',
  '/signup/details',
  '/signup/activate',
  '/terms',
  '/privacy',
  '/forgot-password',
  '/cabinet',
  '/cabinet/properties',
  '/cabinet/register',
  '/cabinet/archive',
  '/no-such-page',
];

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  const client = new TestClient(t.app);
  await activeHost(client, t.db, host);
  const { code } = await t.db
    .selectFrom('property_registry')
    .select('code')
    .orderBy('code')
    .limit(1)
    .executeTakeFirstOrThrow();
  const added = await client.postMultipart(
    '/api/properties',
    { code, capacity: '4' },
    { scan: { body: solidPng(80, 60, [240, 240, 240]), filename: 'scan.png', type: 'image/png' } },
  );
  expect(added.statusCode).toBe(201);
  await seedDemoData(t.app.ctx);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function loggedIn(
  language: string,
  credentials: { email: string; password: string; oneTimeCode?: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'ru-RU' });
  await context.addCookies([{ name: 'lang', value: language, url: base }]);
  const page = await context.newPage();
  await page.request.get(`${base}/api/session`);
  const csrf = (await context.cookies(base)).find((c) => c.name === 'konok_csrf')!.value;
  const login = await page.request.post(`${base}/api/login`, {
    data: credentials,
    headers: { 'x-csrf-token': csrf },
  });
  expect(login.status()).toBe(200);
  return { context, page };
}

async function visit(page: Page, path: string) {
  await page.goto(base + path);
  await page.locator('main h1').first().waitFor({ state: 'visible' });
  // Lists and data that load after the page.
  await page.waitForLoadState('networkidle');
}

describe('every page fits a 360 px screen without sideways scrolling', () => {
  for (const language of ['ru', 'ky', 'en']) {
    it(`as a host, in ${language}`, async () => {
      const { context, page } = await loggedIn(language, { email: host.email!, password: host.password! });
      try {
        for (const path of HOST_PAGES) {
          await visit(page, path);
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
          await shot(page, `${language}${path.replace(/\//g, '-') || '-home'}`);
          await expectFitsWidth(page, `${path} (${language})`);
        }
      } finally {
        await context.close();
      }
    });

    it(`as an operator, in ${language}`, async () => {
      const { context, page } = await loggedIn(
        language,
        await (await enrolledOperator(t.db, t.app.ctx.secrets, `operator.${language}@konok.example`)).login(),
      );
      try {
        await visit(page, '/operator');
        await shot(page, `${language}-operator`);
        await expectFitsWidth(page, `/operator (${language})`);
      } finally {
        await context.close();
      }
    });
  }
});
