import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ru from '../../src/shared/i18n/ru.json';
import ruRu from '../../src/shared/i18n/profiles/ru/ru.json';
import { mergeTexts } from '../../src/shared/i18n/texts';
import { isProvided, requiredDocuments } from '../../src/shared/forms/documents';
import { ru as ruProfile } from '../../src/shared/profiles/ru';
import { addDays, todayIso } from '../../src/shared/schemas';
import { expectAccessible, expectFitsWidth, fillDate, launchChromium, screenshots } from '../support/browser';
import { activeRuHost, addAddressPlace, registrationDocuments } from '../support/factories';
import { TOTP } from 'otpauth';
import { insertOperator } from '../../src/server/modules/accounts/accounts.repo';
import { hashPassword } from '../../src/server/modules/accounts/passwords';
import { buildTestApp, TestClient, type TestApp } from '../support/test-app';
import { seedDemoData } from '../../src/server/demo/demo-data';
import { seedDemoEntity } from '../../src/server/demo/demo-entity';
import { DEMO_ENTITY } from '../../src/server/demo/demo-logins';

// A Russian host gives notice of a foreigner's arrival: the receiving party, the passport as
// printed, the migration card, the summary in sections, the fines and the warning before the PIN.
const WORDS = mergeTexts(ru, ruRu);
function w(key: string): string {
  let node: unknown = WORDS;
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`no text ${key}`);
  return node;
}
const exact = (key: string) => ({ name: w(key), exact: true });

const shot = screenshots('ru-register');
// A small PDF the checklist takes for any item: a PDF has no dpi to fall short of.
const scanDir = fs.mkdtempSync(path.join(os.tmpdir(), 'konok-ru-register-'));
const scanPdf = path.join(scanDir, 'scan.pdf');
fs.writeFileSync(scanPdf, Buffer.from('%PDF-1.4\n%%EOF\n'));

/**
 * Attaches a file to each checklist item the answers call for (but those left out), through its
 * «Добавить документ»; an item that has its file already keeps it.
 */
async function attachChecklist(page: Page, answers: Record<string, unknown>, leaveOut: string[] = []) {
  const checklist = page.getByRole('group', { name: w('documents.checklist.title') });
  const items = requiredDocuments(ruProfile.registrationForm, answers).filter(
    (item) => !isProvided(item, answers) && !leaveOut.includes(item.type),
  );
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    await page.locator(`input[data-checklist="${item.type}"]`).setInputFiles(scanPdf);
    await checklist
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', exact(item.label)) })
      .getByText(`✓ ${w('documents.checklist.accepted')}`)
      .waitFor();
  }
}

/** The foreigner as the passport prints them, with the passport's number. */
async function fillForeigner(page: Page, passportNumber: string) {
  await page.getByRole('textbox', exact('registration.fields.surnameAsPrinted')).fill('Muller');
  await page.getByRole('textbox', exact('registration.fields.givenNamesAsPrinted')).fill('Anna');
  await fillDate(page, w('signup.birthDate'), '1990-05-17');
  await page.getByRole('combobox', exact('signup.sex')).selectOption('F');
  await page.getByRole('combobox', exact('signup.passportType')).selectOption('passport');
  await page.getByRole('combobox', exact('signup.passportCountry')).selectOption('DEU');
  await page.getByRole('textbox', exact('signup.passportNumber')).fill(passportNumber);
  await fillDate(page, w('signup.passportIssueDate'), '2020-02-01');
  await fillDate(page, w('signup.passportExpiryDate'), '2031-02-01');
  await page.getByRole('textbox', exact('registration.fields.passportIssuedBy')).fill('Stadt Berlin');
}

/** A visa as the document of stay: its fields appear once it is chosen. */
async function fillVisa(page: Page) {
  expect(await page.getByRole('textbox', exact('registration.fields.visaNumber')).count()).toBe(0);
  await page.getByRole('combobox', exact('registration.fields.stayDocument')).selectOption('visa');
  await page.getByRole('textbox', exact('registration.fields.visaNumber')).fill('345678901');
  await page.getByRole('combobox', exact('registration.fields.visaType')).selectOption('business');
  await fillDate(page, w('registration.fields.visaValidFrom'), '2026-01-01');
  await fillDate(page, w('registration.fields.visaValidUntil'), '2029-12-31');
}

/** Entry `entered` days from today (negative: ago), the phone, a stay from the day after, the purpose. */
async function fillStay(page: Page, entered: number) {
  const today = todayIso(new Date(), ruProfile.clock);
  await fillDate(page, w('registration.entryDate'), addDays(today, entered));
  await page.getByRole('textbox', exact('registration.phone')).fill('+49 151 23456789');
  await fillDate(page, w('registration.periodFrom'), addDays(today, entered + 1));
  await fillDate(page, w('registration.periodTo'), addDays(today, 20));
  await page.getByRole('combobox', exact('registration.purpose')).selectOption('tourism');
}

/** The checklist's items, by their names, as the page lists them. */
const checklistItems = (page: Page) =>
  page
    .getByRole('group', { name: w('documents.checklist.title') })
    .getByRole('listitem')
    .getByRole('heading')
    .allInnerTexts();

/** «Проверка данных», the PIN, and the archive that lists the new application. */
async function confirmWithPin(page: Page, pinCode: string) {
  await page.getByRole('button', exact('registration.check')).click();
  await page.getByRole('heading', exact('registration.review.title')).waitFor();
  await page.getByLabel(w('registration.review.pin')).fill(pinCode);
  await page.getByRole('button', exact('registration.review.confirm')).click();
  await page.waitForURL(/\/cabinet\/archive/);
}

let t: TestApp;
let base: string;
let browser: Browser;
let client: TestClient;
let pin: string;
let started: Record<string, number>;
/** The owner's application, as the operator finds it in the queue. */
let ownerNumber: string;

beforeAll(async () => {
  t = await buildTestApp({ profile: 'ru' });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  client = new TestClient(t.app, 'ru');
  ({ pin } = await activeRuHost(client, t.db));
  const placeId = await addAddressPlace(client);
  // The uploads as the form makes them; the rest the host types on the page.
  const documents = await registrationDocuments(client);
  started = { propertyId: placeId, ...documents };
  // A hotel with a cabinet and a receptionist, as the demo makes one (its operator approved it).
  await seedDemoData(t.app.ctx);
  await seedDemoEntity(t.app.ctx);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
  fs.rmSync(scanDir, { recursive: true, force: true });
});

/** The form of a draft begun with the uploads, for the host (or an organisation's staff) in `who`. */
async function hostPage(width: number, who = { client, started }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'ru-RU' });
  await context.addCookies([
    { name: 'lang', value: 'ru', url: base },
    ...[...who.client.cookies].map(([name, value]) => ({ name, value, url: base })),
  ]);
  const page = await context.newPage();
  const draft = await who.client.post('/api/registrations/drafts', who.started);
  expect(draft.statusCode, draft.body).toBe(201);
  await page.goto(`${base}/cabinet/register?draft=${draft.json().id}`);
  await page.getByRole('heading', exact('registration.pages.receivingParty')).waitFor();
  return page;
}

describe('a Russian notice of arrival in the browser', () => {
  it('is filled page by page, summarised in sections, warned of fines and confirmed with no payment', async () => {
    const page = await hostPage(1280);
    // Conditional fields appear with their condition.
    expect(await page.getByRole('textbox', exact('registration.fields.hostPassportSeries')).count()).toBe(0);
    await page.getByRole('combobox', exact('registration.fields.receivingParty')).selectOption('owner');
    await page.getByRole('textbox', exact('registration.fields.hostPassportSeries')).fill('4512');
    await page.getByRole('textbox', exact('registration.fields.hostPassportNumber')).fill('345678');

    await fillForeigner(page, 'C01X00T47');

    expect(await page.getByRole('textbox', exact('registration.fields.migrationCardNumber')).count()).toBe(0);
    await page.getByRole('combobox', exact('registration.fields.stayDocument')).selectOption('migrationCard');
    await page.getByRole('textbox', exact('registration.fields.migrationCardSeries')).fill('4512');
    await page.getByRole('textbox', exact('registration.fields.migrationCardNumber')).fill('1234567');
    await page.getByRole('textbox', exact('registration.fields.entryCheckpoint')).fill('Шереметьево');
    expect(
      await page
        .getByRole('textbox', exact('registration.fields.migrationCardNumber'))
        .getAttribute('inputmode'),
    ).toBe('numeric');

    // Entered ten days ago: the notice is late, and the fine is said before the PIN.
    await fillStay(page, -10);
    // The answers call for the migration card, the owner's title and passport: each gets a file.
    await attachChecklist(page, { ...started, receivingParty: 'owner', stayDocument: 'migrationCard' });
    await shot(page, 'form');
    await expectAccessible(page);

    await page.getByRole('button', exact('registration.check')).click();
    await page.getByRole('heading', exact('registration.review.title')).waitFor();
    for (const section of ['place', 'receivingParty', 'foreigner', 'stayDocument', 'stay'])
      expect(await page.getByRole('heading', exact(`registration.pages.${section}`)).isVisible()).toBe(true);
    expect(
      await page.getByText(w('registration.options.receivingParty.owner'), { exact: true }).isVisible(),
    ).toBe(true);
    // The answer once, as a value: the checklist's item of the same name is a term beside its file.
    expect(
      await page
        .getByRole('definition')
        .getByText(w('registration.options.stayDocument.migrationCard'), { exact: true })
        .count(),
    ).toBe(1);
    expect(await page.getByRole('link', { name: /_MigrationCard\.pdf$/ }).count()).toBe(1);
    const body = (await page.locator('main').innerText()).replace(/\s/g, ' ');
    expect(body).toContain('от 2 000 RUB до 5 000 RUB, при повторном нарушении — до 10 000 RUB');
    // Nothing is paid in Russia: no fee and no payment on the page that confirms.
    expect(body).not.toMatch(/оплат|пошлин|0,00/i);
    const warning = page.getByRole('note').filter({ hasText: w('registration.review.beforeConfirm') });
    expect((await warning.innerText()).replace(/\s/g, ' ')).toContain('от 5 000 до 30 000 ₽');
    // The warning stands right before the PIN.
    const [warningTop, pinTop] = await Promise.all([
      warning.boundingBox(),
      page.getByLabel(w('registration.review.pin')).boundingBox(),
    ]);
    expect(warningTop!.y).toBeLessThan(pinTop!.y);
    await shot(page, 'check-answers');
    await expectAccessible(page);

    await page.getByLabel(w('registration.review.pin')).fill(pin);
    await page.getByRole('button', exact('registration.review.confirm')).click();
    await page.waitForURL(/\/cabinet\/archive/);
    await expect
      .poll(
        () =>
          page
            .getByText(/\d{4}-\d{6}/)
            .first()
            .isVisible(),
        { timeout: 15_000 },
      )
      .toBe(true);
    expect(page.url()).not.toContain('pay');
    const row = await t.db
      .selectFrom('registrations')
      .select(['status', 'answers_enc', 'application_number'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('submitted');
    expect(row.answers_enc).toBeTruthy();
    ownerNumber = row.application_number;
    await shot(page, 'submitted');
    await page.context().close();
  }, 120_000);

  it('fits a phone: no sideways scrolling on the form', async () => {
    const page = await hostPage(360);
    await page.getByRole('combobox', exact('registration.fields.receivingParty')).selectOption('relative');
    await page.getByRole('combobox', exact('registration.fields.stayDocument')).selectOption('visa');
    await page.getByRole('combobox', exact('registration.fields.relation')).waitFor();
    // Files with Konok's long names in the list still fit the screen.
    await attachChecklist(page, { ...started, receivingParty: 'relative', stayDocument: 'visa' });
    await expectFitsWidth(page);
    await shot(page, 'form-phone');
    await page.context().close();
  }, 60_000);

  it('lets a hotel’s receptionist register a visa holder: the visa’s fields, the visa alone asked for, the archive', async () => {
    const reception = new TestClient(t.app, 'ru');
    const { email, password, pin: receptionPin } = DEMO_ENTITY.receptionist;
    expect((await reception.post('/api/login', { email, password })).statusCode).toBe(200);
    const [hotel] = (await reception.get('/api/properties')).json().properties as { id: number }[];
    const uploads = { propertyId: hotel!.id, ...(await registrationDocuments(reception)) };
    const page = await hostPage(1280, { client: reception, started: uploads });
    await page
      .getByRole('combobox', exact('registration.fields.receivingParty'))
      .selectOption('organisation');
    // An organisation gives no person's passport.
    expect(await page.getByRole('textbox', exact('registration.fields.hostPassportSeries')).count()).toBe(0);
    await fillForeigner(page, 'VIS000002');
    await fillVisa(page);
    await fillStay(page, -2);
    // The checklist asks what this case requires: the visa, nothing of an owner or a representative.
    const answers = { ...uploads, receivingParty: 'organisation', stayDocument: 'visa' };
    const asked = await checklistItems(page);
    expect(asked).toEqual(
      requiredDocuments(ruProfile.registrationForm, answers).map((item) => w(item.label)),
    );
    expect(asked).toContain(w('documents.types.visa'));
    for (const other of ['hostPassport', 'powerOfAttorney', 'migrationCard'])
      expect(asked).not.toContain(w(`documents.types.${other}`));
    await attachChecklist(page, answers);
    await expectAccessible(page);
    await shot(page, 'hotel-visa');
    await confirmWithPin(page, receptionPin);
    const row = page.locator('tbody tr', { hasText: 'MULLER ANNA' }).first();
    await row.getByText(w('archive.statusesRu.submitted'), { exact: true }).waitFor({ timeout: 15_000 });
    await shot(page, 'hotel-archive');
    await page.context().close();
  }, 90_000);

  it('refuses a representative’s notice without the power of attorney, on its item, and sends it with it (360 px)', async () => {
    const page = await hostPage(360);
    await page
      .getByRole('combobox', exact('registration.fields.receivingParty'))
      .selectOption('representative');
    await page
      .getByRole('combobox', exact('registration.fields.representativeBasis'))
      .selectOption('guardian');
    await page.getByRole('textbox', exact('registration.fields.hostPassportSeries')).fill('4512');
    await page.getByRole('textbox', exact('registration.fields.hostPassportNumber')).fill('345678');
    await fillForeigner(page, 'REP000002');
    await fillVisa(page);
    await fillStay(page, -2);
    const answers = { ...started, receivingParty: 'representative', stayDocument: 'visa' };
    const power = w('documents.types.powerOfAttorney');
    // Every file but the power of attorney.
    await attachChecklist(page, answers, ['powerOfAttorney']);
    await page.getByRole('button', exact('registration.check')).click();
    const item = page
      .getByRole('group', { name: w('documents.checklist.title') })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: power, exact: true }) });
    const missing = w('errors.attachment.missing').replace('{{document}}', power);
    await item.getByText(missing).waitFor();
    expect(await page.getByRole('heading', exact('registration.review.title')).count()).toBe(0);
    await expectAccessible(page);
    await shot(page, 'representative-refused');
    await attachChecklist(page, answers);
    await confirmWithPin(page, pin);
    await page.locator('tbody tr', { hasText: 'MULLER ANNA' }).first().waitFor({ timeout: 15_000 });
    const stored = await client.get('/api/registrations?query=REP000002');
    expect(stored.json().items[0].attachments.map((a: { type: string }) => a.type)).toContain(
      'powerOfAttorney',
    );
    await page.context().close();
  }, 90_000);

  it('shows the operator every answer in the form’s sections, at 1280 and at 360', async () => {
    const email = 'operator.ru@konok.example';
    await insertOperator(t.db, {
      email,
      passwordHash: await hashPassword('operator passphrase 2026'),
      fullName: 'Test Operator',
      role: 'operator',
    });
    const operator = new TestClient(t.app, 'ru');
    const credentials = { email, password: 'operator passphrase 2026' };
    const { secret } = (await operator.post('/api/login', credentials)).json().enrolment;
    await operator.post('/api/login', { ...credentials, oneTimeCode: new TOTP({ secret }).generate() });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    await context.addCookies([
      { name: 'lang', value: 'ru', url: base },
      ...[...operator.cookies].map(([name, value]) => ({ name, value, url: base })),
    ]);
    const page = await context.newPage();
    await page.goto(`${base}/operator`);
    const item = page.locator('.queue-item', { hasText: ownerNumber });
    await item.getByRole('button').first().click();
    await item.getByRole('heading', exact('registration.pages.stayDocument')).waitFor();
    expect(await item.getByText('Шереметьево', { exact: true }).isVisible()).toBe(true);
    expect(
      await item.getByText(w('registration.options.receivingParty.owner'), { exact: true }).isVisible(),
    ).toBe(true);
    await shot(page, 'operator-view', { bothWidths: true });
    await context.close();
  }, 60_000);
});
