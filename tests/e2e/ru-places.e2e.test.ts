import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng } from '../support/images';
import { expectAccessible, expectFitsWidth, launchChromium, screenshots } from '../support/browser';
import { activeHost, signupFields } from '../support/factories';
import { buildTestApp, TestClient, type TestApp } from '../support/test-app';

// Tab 2 of a Russian deployment: places of stay are addresses typed in their parts, the postal
// index checked against Russian Post's reference, a mismatch a warning the host may overrule.
const shot = screenshots('ru-places');
let t: TestApp;
let base: string;
let browser: Browser;
const fields = signupFields({
  email: 'places.host@example.ru',
  phone: '7-912-345-67-80',
  personalNumber: '',
  passportCountry: 'RUS',
});

beforeAll(async () => {
  t = await buildTestApp({ profile: 'ru' });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  await activeHost(new TestClient(t.app), t.db, fields);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The host's cabinet, tab 2, at `width` px, signed in through the API as the web app does. */
async function placesTab(width: number): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: width < 500 ? 740 : 900 },
    locale: 'ru-RU',
  });
  await context.addCookies([{ name: 'lang', value: 'ru', url: base }]);
  const page = await context.newPage();
  await page.request.get(`${base}/api/session`);
  const csrf = (await context.cookies(base)).find((c) => c.name === 'konok_csrf')!.value;
  const login = await page.request.post(`${base}/api/login`, {
    data: { email: fields.email, password: fields.password },
    headers: { 'x-csrf-token': csrf },
  });
  expect(login.status()).toBe(200);
  await page.goto(`${base}/cabinet/properties`);
  await page.getByRole('heading', { name: 'Места пребывания', exact: true }).waitFor();
  return page;
}

async function typeAddress(
  page: Page,
  address: { region: string; city: string; streetType: string; street: string; house: string; index: string },
) {
  await page.getByLabel('Регион').selectOption({ label: address.region });
  await page.getByLabel('Город или населённый пункт').fill(address.city);
  await page.getByLabel('Тип улицы').selectOption({ label: address.streetType });
  await page.getByLabel('Улица', { exact: true }).fill(address.street);
  await page.getByLabel('Дом', { exact: true }).fill(address.house);
  await page.getByLabel('Почтовый индекс').fill(address.index);
  await page.getByLabel(/Документ о праве пользования помещением/).setInputFiles({
    name: 'lease.png',
    mimeType: 'image/png',
    buffer: solidPng(400, 300, [235, 235, 230]),
  });
  await page.getByLabel('Сколько человек может проживать').fill('3');
}

describe('tab 2 «Места пребывания» of a Russian deployment', () => {
  it('at 1280 px: an index of another region is a warning; kept, the address is listed', async () => {
    const page = await placesTab(1280);
    expect(await page.getByRole('link', { name: 'Места пребывания' }).isVisible()).toBe(true);
    expect(await page.getByText('Адреса пока не добавлены.').isVisible()).toBe(true);
    await expectAccessible(page);

    // Nothing typed: every missing part is named on its field.
    await page.getByRole('button', { name: 'Добавить' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Выберите регион' }).isVisible()).toBe(true);
    expect(await page.locator('#field-city-error').innerText()).toBe('Введите город или населённый пункт');
    await shot(page, 'empty-form-errors');

    await typeAddress(page, {
      region: 'Москва',
      city: 'Москва',
      streetType: 'улица',
      street: 'Тверская',
      house: '7',
      index: '190000',
    });
    await page.getByLabel('Корпус').fill('1');
    await page.getByLabel('Квартира или офис').fill('15');
    await page.getByRole('button', { name: 'Добавить' }).click();
    const warning = page.getByTestId('index-warning');
    await expect.poll(() => warning.isVisible()).toBe(true);
    expect(await warning.innerText()).toContain('Индекс 190000 относится к: Санкт-Петербург');
    expect(await warning.innerText()).toContain('относится к другому региону');
    expect(await page.getByText('Адреса пока не добавлены.').isVisible()).toBe(true);
    await expectAccessible(page);
    await shot(page, 'index-warning');

    await warning.getByRole('button', { name: 'Оставить адрес как есть' }).click();
    await expect.poll(() => page.getByText(/Адрес Тверская, 7 добавлен\./).isVisible()).toBe(true);
    expect(await warning.count()).toBe(0);
    // Emptied for the next address.
    expect(await page.getByLabel('Улица', { exact: true }).inputValue()).toBe('');
    const row = page.getByRole('row', { name: /Тверская/ });
    expect(await row.getByRole('cell').first().innerText()).toMatch(
      /^190000, .*Москва, улица Тверская, д\. 7, корп\. 1, кв\. 15/,
    );
    expect(await row.getByRole('cell').nth(2).innerText()).toBe('3');
    // Named by its address, not by the key it is found again by.
    expect(await page.getByText('|').count()).toBe(0);
    await shot(page, 'kept');
    await page.context().close();
  });

  it('at 360 px: an address whose index agrees is added at once, and its capacity is as typed', async () => {
    const page = await placesTab(360);
    await typeAddress(page, {
      region: 'Новосибирская область',
      city: 'Новосибирск',
      streetType: 'проспект',
      street: 'Красный',
      house: '25',
      index: '630000',
    });
    await expectFitsWidth(page);
    await page.getByRole('button', { name: 'Добавить' }).click();
    await expect.poll(() => page.getByText(/Адрес Красный, 25 добавлен\./).isVisible()).toBe(true);
    expect(await page.getByTestId('index-warning').count()).toBe(0);
    await expect.poll(() => page.getByRole('row', { name: /Красный/ }).isVisible()).toBe(true);
    await expectAccessible(page);
    await shot(page, 'phone-added');
    await page.context().close();
  });

  it('an organisation applies with its legal form and identifiers, its places as addresses, at 1280 and 360 px', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    await context.addCookies([{ name: 'lang', value: 'ru', url: base }]);
    const page = await context.newPage();
    await page.goto(`${base}/legal-entities`);
    await page.getByLabel('Организационно-правовая форма').waitFor();
    expect(await page.getByLabel('ПИН руководителя').count()).toBe(0);
    await page.getByLabel('Организационно-правовая форма').selectOption({ label: 'ИП' });
    expect(await page.getByLabel('КПП', { exact: true }).count()).toBe(0);
    await page.getByLabel('Организационно-правовая форма').selectOption({ label: 'ООО' });
    await page.getByLabel('ИНН', { exact: true }).fill('7707083894');
    await page.getByLabel('КПП', { exact: true }).fill('773601001');
    await page.getByRole('button', { name: /Отправить/ }).click();
    await expect.poll(() => page.locator('#field-taxNumber-error').isVisible()).toBe(true);
    expect(await page.locator('#field-taxNumber-error').innerText()).toMatch(/^Некорректный ИНН/);
    expect(await page.locator('[id="field-properties.0.region-error"]').innerText()).toBe('Выберите регион');
    expect(await page.getByText('Лист записи или выписка из ЕГРЮЛ').first().isVisible()).toBe(true);
    await expectAccessible(page);
    await shot(page, 'entity-apply', { bothWidths: true });
    await context.close();
  });
});
