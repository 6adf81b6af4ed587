import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { addDays, todayIso } from '../../src/shared/schemas';
import { expectAccessible, expectFitsWidth, screenshots } from '../support/browser';
import { activeHost, addProperty, registrationDocuments, signupFields } from '../support/factories';
import { journey } from '../support/journey';
import { Site } from '../support/site';
import { TestClient } from '../support/test-app';

// A host's tab 4 in English on a desktop: a page at a time, search, the status filter and a
// cancellation; then its words in Russian and Kyrgyz on a phone.
const shot = screenshots('archive');
let site: Site;
let page: Page;
const fields = signupFields({ email: 'archive.host@example.kg' });
const SURNAMES = [
  'ADAMS',
  'BAKER',
  'CLARK',
  'DAVIS',
  'EVANS',
  'FOSTER',
  'GREEN',
  'HUGHES',
  'IRWIN',
  'JONES',
  'KING',
  'LEWIS',
];

const isoPlus = (days: number) => addDays(todayIso(), days);

beforeAll(async () => {
  // No workers: the applications wait for payment as they were left, whatever the clock says.
  site = await Site.open({ startWorkers: false });
  const { t } = site;
  const client = new TestClient(t.app);
  const { pin } = await activeHost(client, t.db, fields);
  const { code } = await t.db
    .selectFrom('property_registry')
    .select('code')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const propertyId = await addProperty(client, code, 40);
  const documents = await registrationDocuments(client);
  // 24 applications: two pages of the archive.
  for (let i = 0; i < 24; i++) {
    const response = await client.post('/api/registrations', {
      pin,
      data: {
        ...documents,
        propertyId,
        surname: SURNAMES[i % SURNAMES.length],
        givenNames: i < 12 ? 'ANNA' : 'MARIA',
        birthDate: '1990-05-17',
        sex: 'F',
        passportType: 'passport',
        passportCountry: 'DEU',
        passportNumber: `E2E${String(i).padStart(5, '0')}`,
        passportIssueDate: '2020-02-01',
        passportExpiryDate: '2031-02-01',
        entryDate: isoPlus(-2),
        phone: '+49 151 23456789',
        periodFrom: isoPlus(-1),
        periodTo: isoPlus(20),
        purpose: 'tourism',
      },
    });
    expect(response.statusCode).toBe(201);
  }
  page = await site.newPage('en', 1280);
});
afterAll(async () => {
  await site?.close();
});

describe('tab 4 «Архив регистрации»', () => {
  const step = journey();
  step('lists the applications, twenty a page', async () => {
    await page.goto(site.base);
    await page.getByLabel('Login (e-mail address)').fill(fields.email!);
    await page.getByLabel('Password', { exact: true }).fill(fields.password!);
    await page.getByRole('button', { name: 'Log in to your cabinet' }).click();
    await page.getByRole('link', { name: 'Registration archive' }).click();
    await expect.poll(() => page.getByText('24 applications').isVisible()).toBe(true);
    expect(await page.locator('tbody tr').count()).toBe(20);
    expect(await page.getByText('MARIA LEWIS').count()).toBe(0); // names are shown surname first
    expect(await page.getByRole('cell', { name: 'LEWIS MARIA' }).isVisible()).toBe(true);
    expect(await page.getByRole('cell', { name: 'DEU E2***23' }).isVisible()).toBe(true);
    await shot(page, 'list');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.getByText('Page 2 of 2').isVisible()).toBe(true);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(4);
  });

  step('searches by name and by passport number, and filters by status', async () => {
    await page.getByLabel('Name, passport, application or registration number').fill('jones');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => page.getByText('2 applications').isVisible()).toBe(true);
    await page.getByLabel('Name, passport, application or registration number').fill('E2E00004');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => page.getByText('1 application', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('cell', { name: 'EVANS ANNA' }).isVisible()).toBe(true);
    // By the application number the host was given, as it stands in the row.
    const number = (await page.locator('tbody tr td strong').first().innerText()).trim();
    await page.getByLabel('Name, passport, application or registration number').fill(number);
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => page.getByText('1 application', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('cell', { name: 'EVANS ANNA' }).isVisible()).toBe(true);
    await shot(page, 'search');
  });

  step('cancels an application after a confirmation, and it can no longer be cancelled', async () => {
    await page.getByRole('button', { name: 'Cancel application' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByText('The registration of EVANS ANNA will not be made.').isVisible()).toBe(true);
    await shot(page, 'cancel-dialog');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Cancel the application' }).click();
    await expect.poll(() => page.getByText(/Application \d{4}-\d{6} was cancelled\./).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('cell', { name: 'Cancelled' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Cancel application' }).count()).toBe(0);
    await page.getByLabel('Name, passport, application or registration number').fill('');
    await page.getByLabel('Status').selectOption('cancelled');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => page.getByText('1 application', { exact: true }).isVisible()).toBe(true);
    await shot(page, 'cancelled');
  });

  step('in Russian and Kyrgyz, and on a 360 px phone', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    for (const [language, heading, count] of [
      ['ru', 'Архив регистрации', '24 заявки'],
      ['ky', 'Каттоо архиви', '24 арыз'],
    ] as const) {
      await page.getByLabel(language === 'ru' ? 'Language' : 'Язык').selectOption(language);
      await page.goto(`${site.base}/cabinet/archive`);
      await expect
        .poll(() => page.getByRole('heading', { name: heading, exact: true }).isVisible())
        .toBe(true);
      await expect.poll(() => page.getByText(count, { exact: true }).isVisible()).toBe(true);
      await expectFitsWidth(page, `archive (${language})`);
      // axe reads the Russian archive on a phone in card-life's journey.
      if (language === 'ky') await expectAccessible(page);
      await shot(page, `phone-${language}`);
    }
  });
});
