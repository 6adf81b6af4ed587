import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/server/demo/demo-data';
import { seedDemoEntity } from '../../src/server/demo/demo-entity';
import { DEMO, DEMO_ENTITY } from '../../src/server/demo/demo-logins';
import { ru } from '../../src/shared/profiles/ru';
import { launchChromium, screenshots } from '../support/browser';
import { completeRegistration } from '../support/factories';
import { demoOperatorLogin } from '../support/operators';
import { buildTestApp, TestClient, type TestApp } from '../support/test-app';

// A Russian deployment speaks of Russia only: a word that belongs to Kyrgyzstan on one of its pages
// means a text that still lives in the neutral dictionaries instead of a profile.
// «Жилой фонд» (housing stock) is the Kyrgyz portal's name for a place of stay.
const KYRGYZ_ONLY =
  /Кыргыз|Kyrgyz|Бишкек|Bishkek|\bКР\b|\bсом\b|KGS|996-|Санарип|Digital Development|жил[а-яё]* фонд|housing stock/i;
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
  // Lived in, as `PROFILE=ru npm start` comes up: a host with applications in every status, a
  // hotel with its staff, another hotel's application waiting for an operator.
  await seedDemoData(t.app.ctx);
  await seedDemoEntity(t.app.ctx);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function pageIn(language: 'ru' | 'en' | 'ky'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ky-KG' });
  await context.addCookies([{ name: 'lang', value: language, url: base }]);
  return context.newPage();
}

/** One signed-in window of a Russian deployment: its account's cookies, read in `language` as set. */
async function signedIn(client: TestClient): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
  await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: base })));
  return context.newPage();
}
const readIn = (page: Page, language: 'ru' | 'en') =>
  page.context().addCookies([{ name: 'lang', value: language, url: base }]);

/**
 * Every word of the page a reader meets, on the screen or read out (a screen reader's hidden words
 * too, and each list's choices), except the world's countries in a country list: a foreigner may
 * well hold a Kyrgyz passport.
 */
function readable(page: Page): Promise<string> {
  return page.evaluate(() => {
    const words: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, template, [hidden], dialog:not([open])')) continue;
      const option = parent.closest('option');
      if (option?.parentElement?.querySelector('option[value="KGZ"]')) continue;
      if (!option && !parent.checkVisibility() && !parent.closest('.visually-hidden')) continue;
      words.push(node.textContent ?? '');
    }
    return words.join(' ').replace(/\s+/g, ' ');
  });
}

/** What a page says that a Russian deployment must not: words of Kyrgyzstan, or of paying. */
async function findings(page: Page, where: string) {
  const text = await readable(page);
  const found = { kyrgyz: around(KYRGYZ_ONLY, text), fee: around(FEE, text) };
  return found.kyrgyz || found.fee ? [{ where, ...found }] : [];
}

/** Goes to `path`, waits for its main heading and what `ready` names, and reads it. */
async function visit(page: Page, path: string, ready?: (page: Page) => Promise<unknown>) {
  await page.goto(base + path);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await ready?.(page);
  return findings(page, path);
}

/** A client signed in with `credentials`, whose cookies a window then takes. */
async function account(credentials: Record<string, string>) {
  const client = new TestClient(t.app, 'ru');
  const login = await client.post('/api/login', credentials);
  expect(login.statusCode, login.body).toBe(200);
  return client;
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
  it('says nothing of Kyrgyzstan or of paying on the host’s pages, in ru and en: every tab, the form in each case, the check-answers page, each application', async () => {
    const client = await account({ email: DEMO.host.email, password: DEMO.host.password });
    const applications = await t.db
      .selectFrom('registrations as r')
      .innerJoin('hosts as h', 'h.id', 'r.host_id')
      .select('r.id')
      .where('h.email', '=', DEMO.host.email)
      .execute();
    expect(applications.length).toBeGreaterThan(2);
    const [place] = (await client.get('/api/properties')).json().properties as { id: number }[];
    const draft = await client.post(
      '/api/registrations/drafts',
      await completeRegistration(client, ru, place!.id),
    );
    expect(draft.statusCode, draft.body).toBe(201);
    const page = await signedIn(client);
    const found = [];
    for (const language of ['ru', 'en'] as const) {
      await readIn(page, language);
      for (const path of ['/cabinet', '/cabinet/properties', '/cabinet/archive'])
        found.push(...(await visit(page, path)));
      for (const { id } of applications)
        found.push(
          ...(await visit(page, `/cabinet/archive/${id}`, (p) => p.locator('.messages-thread').waitFor())),
        );
      found.push(...(await visit(page, '/cabinet/register')));
      // Every receiving party and every document of stay, with the fields and checklist each brings.
      const fields = ru.registrationForm.fields;
      for (const name of ['receivingParty', 'stayDocument'])
        for (const option of fields.find((field) => field.name === name)!.options!) {
          await page.locator(`select[name="${name}"]`).selectOption(option);
          found.push(...(await findings(page, `/cabinet/register with ${name}=${option}`)));
        }
      await visit(page, `/cabinet/register?draft=${draft.json().id}`);
      await page.locator('form button[type="submit"]').last().click();
      await page.locator('#review-title').waitFor();
      found.push(...(await findings(page, 'the check-answers page')));
      await shot(page, `host-check-answers-${language}`);
    }
    expect(found).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('says nothing of Kyrgyzstan or of paying in a hotel’s cabinet, in ru and en', async () => {
    const admin = await account({ email: DEMO_ENTITY.admin.email, password: DEMO_ENTITY.admin.password });
    const page = await signedIn(admin);
    const found = [];
    for (const language of ['ru', 'en'] as const) {
      await readIn(page, language);
      for (const path of ['/cabinet', '/cabinet/properties', '/cabinet/register', '/cabinet/archive'])
        found.push(...(await visit(page, path)));
      await shot(page, `hotel-archive-${language}`);
    }
    expect(found).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('says nothing of Kyrgyzstan or of paying to an operator, in the queue and in an application, in ru and en', async () => {
    const operator = await account(await demoOperatorLogin(t.db, t.app.ctx.secrets));
    const page = await signedIn(operator);
    const found = [];
    for (const language of ['ru', 'en'] as const) {
      await readIn(page, language);
      found.push(...(await visit(page, '/operator')));
      // An application taken for review opens with its data, files and thread.
      const item = page
        .locator('.queue-item')
        .filter({ has: page.locator('button') })
        .first();
      await item.locator('button').first().click();
      await item.locator('.application-view').waitFor();
      await page.waitForLoadState('networkidle');
      found.push(...(await findings(page, '/operator with an application open')));
      await shot(page, `operator-${language}`);
    }
    expect(found).toEqual([]);
    await page.context().close();
  }, 90_000);
});
