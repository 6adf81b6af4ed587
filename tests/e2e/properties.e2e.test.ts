import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/server/demo/demo-data';
import { DEMO } from '../../src/server/demo/demo-logins';
import { solidPng } from '../support/images';
import { expectAccessible, launchChromium, screenshots } from '../support/browser';
import { activeHost, signupFields } from '../support/factories';
import { buildTestApp, TestClient, type TestApp } from '../support/test-app';
import { operatorCode } from '../support/operators';

const shot = screenshots('properties');
let t: TestApp;
let base: string;
let browser: Browser;
let page: Page;
let codes: string[];
const fields = signupFields({ email: 'property.host@example.kg' });

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  await activeHost(new TestClient(t.app), t.db, fields);
  codes = (
    await t.db
      .selectFrom('property_registry')
      .select('code')
      .where('locality', '=', 'Каракол')
      .orderBy('code')
      .limit(2)
      .execute()
  ).map((r) => r.code);
  browser = await launchChromium();
  page = await (
    await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' })
  ).newPage();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('tab 2 «Жилой фонд»: a host adds, lists, views and removes properties', () => {
  it('logs in and opens the tab', async () => {
    await page.goto(base);
    await page.getByLabel('Login (e-mail address)').fill(fields.email!);
    await page.getByLabel('Password', { exact: true }).fill(fields.password!);
    await page.getByRole('button', { name: 'Log in to your cabinet' }).click();
    await page.getByRole('link', { name: 'Property' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Property', exact: true }).isVisible())
      .toBe(true);
    expect(await page.getByText('No properties yet.').isVisible()).toBe(true);
    await expectAccessible(page);
    await shot(page, 'empty');
  });

  it('«Check» explains a badly formed and an unknown code, then shows the address', async () => {
    await page.getByLabel('Property code').fill('12345');
    await page.getByRole('button', { name: 'Check' }).click();
    await expect
      .poll(() =>
        page.getByRole('link', { name: /Enter the property code as in the technical passport/ }).isVisible(),
      )
      .toBe(true);
    await page.getByLabel('Property code').fill('9-99-99-9999-9999');
    await page.getByRole('button', { name: 'Check' }).click();
    await expect
      .poll(() => page.getByRole('link', { name: /registry has no property with this code/ }).isVisible())
      .toBe(true);
    await shot(page, 'unknown-code');

    await page.getByLabel('Property code').fill(codes[0]!);
    await page.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => page.getByTestId('property-address').isVisible()).toBe(true);
    expect(await page.getByTestId('property-address').innerText()).toContain('Каракол');
    expect(
      Number(await page.getByLabel('How many people the property can accommodate').inputValue()),
    ).toBeGreaterThan(0);
    await shot(page, 'checked');
  });

  it('refuses to add without the scan, then adds with it', async () => {
    await page.getByRole('button', { name: 'Add property' }).click();
    await expect
      .poll(() => page.getByRole('link', { name: /Choose the scan of the technical passport/ }).isVisible())
      .toBe(true);
    await page.getByLabel('Technical passport or sale contract (scan)').setInputFiles({
      name: 'tech-passport.png',
      mimeType: 'image/png',
      buffer: solidPng(400, 300, [235, 235, 230]),
    });
    await page.getByLabel('How many people the property can accommodate').fill('4');
    await page.getByRole('button', { name: 'Add property' }).click();
    await expect.poll(() => page.getByText(`The property ${codes[0]} was added.`).isVisible()).toBe(true);
    const row = page.getByRole('row', { name: new RegExp(codes[0]!) });
    expect(await row.getByRole('cell').nth(3).innerText()).toBe('4');
    expect(await row.getByRole('cell').nth(1).innerText()).not.toMatch(/Каракол, Каракол/);
    await shot(page, 'added');
    await expectAccessible(page);

    // The same code again is refused on the field.
    await page.getByLabel('Property code').fill(codes[0]!);
    await page.getByLabel('Technical passport or sale contract (scan)').setInputFiles({
      name: 'tech-passport.png',
      mimeType: 'image/png',
      buffer: solidPng(400, 300, [235, 235, 230]),
    });
    await page.getByRole('button', { name: 'Add property' }).click();
    await expect
      .poll(() => page.getByRole('link', { name: 'You have already added this property' }).isVisible())
      .toBe(true);
  });

  it('opens the scan, and removes the property after confirmation', async () => {
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('link', { name: `View scan ${codes[0]}` }).click(),
    ]);
    await popup.waitForLoadState();
    expect(await popup.evaluate(() => document.contentType)).toBe('image/png');
    await popup.close();

    await page.getByRole('button', { name: `Remove ${codes[0]}` }).click();
    await expect
      .poll(() => page.getByRole('dialog', { name: `Remove property ${codes[0]}?` }).isVisible())
      .toBe(true);
    await shot(page, 'remove-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => page.getByText(`The property ${codes[0]} was removed.`).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('No properties yet.').isVisible()).toBe(true);
  });

  it('an operator sees a code added by two hosts (co-owners)', async () => {
    for (const email of ['co.owner.one@example.kg', 'co.owner.two@example.kg']) {
      const client = new TestClient(t.app);
      await activeHost(client, t.db, signupFields({ email }));
      const added = await client.postMultipart(
        '/api/properties',
        { code: codes[1]! },
        { scan: { body: solidPng(60, 40, [230, 230, 230]), filename: 'scan.png', type: 'image/png' } },
      );
      expect(added.statusCode).toBe(201);
    }
    await seedDemoData(t.app.ctx);
    const operatorPage = await (
      await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' })
    ).newPage();
    await operatorPage.goto(base);
    await operatorPage.getByLabel('Login (e-mail address)').fill(DEMO.operator.email);
    await operatorPage.getByLabel('Password', { exact: true }).fill(DEMO.operator.password);
    await operatorPage.getByRole('button', { name: 'Log in to your cabinet' }).click();
    const code = operatorPage.getByLabel('Code from the authenticator app');
    await code.fill(await operatorCode(t.db, t.app.ctx.secrets));
    await operatorPage.getByRole('button', { name: 'Log in to your cabinet' }).click();
    await expect
      .poll(() =>
        operatorPage.getByRole('heading', { name: 'Properties added by more than one host' }).isVisible(),
      )
      .toBe(true);
    // The list arrives after the page: wait for it rather than read it once.
    await expect.poll(() => operatorPage.getByRole('row', { name: new RegExp(codes[1]!) }).count()).toBe(2);
    await expectAccessible(operatorPage);
    await shot(operatorPage, 'operator-shared');
    await operatorPage.close();
  });

  it('is the same in Russian and Kyrgyz', async () => {
    await page.getByLabel('Language').selectOption('ru');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Жилой фонд', exact: true }).isVisible())
      .toBe(true);
    expect(await page.getByRole('button', { name: 'Проверить' }).isVisible()).toBe(true);
    // Field messages follow the language switch too.
    expect(await page.getByText('Вы уже добавили это имущество').first().isVisible()).toBe(true);
    await shot(page, 'ru');
    await page.getByLabel('Язык').selectOption('ky');
    await expect.poll(() => page.getByRole('button', { name: 'Текшерүү' }).isVisible()).toBe(true);
    await shot(page, 'ky');
    await expectAccessible(page);
  });
});
