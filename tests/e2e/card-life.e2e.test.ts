import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/server/demo/demo-data';
import { DEMO } from '../../src/server/demo/demo-logins';
import { solidPng } from '../support/images';
import { startPayment } from '../../src/server/modules/payments/payments.service';
import {
  confirmRegistration,
  storeRegistrationDocument,
} from '../../src/server/modules/registrations/registrations.service';
import { payOnSandboxPage } from '../../src/server/sandbox-acquirer/payer';
import { decryptField } from '../../src/server/security/crypto';
import { addDays, todayIso } from '../../src/shared/dates';
import { fromBase64Url, toBase64Url } from '../../src/shared/seal';
import en from '../../src/shared/i18n/en.json';
import ky from '../../src/shared/i18n/ky.json';
import ru from '../../src/shared/i18n/ru.json';
import { expectAccessible, expectFitsWidth, launchChromium, screenshots } from '../support/browser';
import { enrolledOperator, operatorCode } from '../support/operators';
import { pdfText, renderPdf } from '../support/pdf';
import { buildTestApp, type TestApp } from '../support/test-app';
import { insertOperator } from '../../src/server/modules/accounts/accounts.repo';
import { hashPassword } from '../../src/server/modules/accounts/passwords';

// The whole life of a registration across two roles, in each language: the host's paid
// applications; the operator signs in with a TOTP code (in ky: enrols the authenticator first),
// asks for a document, the host sends it, the operator approves one and rejects another; the host
// prints the card; its QR, read from the rendered PDF, opens the verification page on a phone,
// which says "valid" — and still does with the network cut — and "forged" for an altered seal;
// the status check finds it; the rejection shows its reason.
let t: TestApp;
let base: string;
let browser: Browser;
let hostId: number;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'konok-card-life-'));
const DICTIONARIES = { en, ru, ky } as const;
type Language = keyof typeof DICTIONARIES;

/** The app's own words, so the test reads the page as a user of that language would. */
function tr(language: Language, key: string, values: Record<string, string> = {}) {
  let node: unknown = DICTIONARIES[language];
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  return String(node).replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function until(done: () => Promise<boolean>) {
  for (const started = Date.now(); !(await done());) {
    if (Date.now() - started > 15_000) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** An application of the demo host, confirmed and paid on the sandbox acquirer's page. */
async function paidApplication(i: number) {
  const property = await t.db
    .selectFrom('properties')
    .select('id')
    .where('host_id', '=', hostId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const stored = (kind: 'passport' | 'photo', rgb: [number, number, number]) =>
    storeRegistrationDocument(t.app.ctx, hostId, kind, { body: solidPng(300, 400, rgb), truncated: false });
  const passportNumber = `LIFE${String(i).padStart(5, '0')}`;
  const created = await confirmRegistration(t.app.ctx, hostId, {
    data: {
      passportDocumentId: (await stored('passport', [236, 238, 240])).id,
      photoDocumentId: (await stored('photo', [190, 160, 150])).id,
      propertyId: property.id,
      surname: ['Lindqvist', 'Okafor', 'Tanaka', 'Moreau', 'Kowalski', 'Haddad'][i]!,
      givenNames: ['Erik', 'Chidi', 'Yui', 'Claire', 'Piotr', 'Layla'][i]!,
      birthDate: '1987-06-15',
      sex: 'M',
      passportType: 'passport',
      passportCountry: ['SWE', 'NGA', 'JPN', 'FRA', 'POL', 'LBN'][i]!,
      passportNumber,
      passportIssueDate: '2022-01-10',
      passportExpiryDate: '2032-01-09',
      entryDate: addDays(todayIso(), -1),
      phone: '+46 70 123 45 6' + i,
      periodFrom: todayIso(),
      periodTo: addDays(todayIso(), 30),
      purpose: 'tourism',
    },
    pin: DEMO.host.pin,
    language: 'en',
  });
  const { redirectUrl } = await startPayment(t.app.ctx, hostId, created.id, 'en');
  if ((await payOnSandboxPage(redirectUrl)).status !== 303) throw new Error('payment failed');
  await until(async () => {
    const row = await t.db
      .selectFrom('registrations')
      .select('status')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    return row.status === 'submitted';
  });
  return { id: created.id, number: created.applicationNumber, passportNumber };
}

beforeAll(async () => {
  t = await buildTestApp({}, { startWorkers: true });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  await seedDemoData(t.app.ctx);
  hostId = (
    await t.db.selectFrom('hosts').select('id').where('email', '=', DEMO.host.email).executeTakeFirstOrThrow()
  ).id;
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function newPage(language: Language, width: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width, height: width < 500 ? 740 : 900 },
    locale: language === 'en' ? 'en-US' : 'ru-RU',
    acceptDownloads: true,
  });
  await context.addCookies([{ name: 'lang', value: language, url: base }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  return { context, page };
}

async function logIn(page: Page, language: Language, email: string, password: string) {
  await page.goto(base);
  await page.getByLabel(tr(language, 'home.email')).fill(email);
  await page.getByLabel(tr(language, 'home.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: tr(language, 'home.loginButton') }).click();
}

let serial = 0;
for (const [language, width] of [
  ['en', 1280],
  ['ru', 360],
  ['ky', 1280],
] as const) {
  describe(`the life of a registration in ${language} at ${width} px`, () => {
    const shot = screenshots(`card-life-${language}-${width}`);
    let approve: Awaited<ReturnType<typeof paidApplication>>;
    let reject: Awaited<ReturnType<typeof paidApplication>>;
    let operator: Page;
    let host: Page;
    let verifyUrl: string;
    let registrationNumber: string;

    it('the host’s two applications are paid; the operator signs in with the authenticator’s code', async () => {
      approve = await paidApplication(serial++);
      reject = await paidApplication(serial++);
      ({ page: operator } = await newPage(language, width));
      const email = `life.${language}@konok.example`;
      if (language === 'ky') {
        // A new operator: the first sign-in shows the QR to scan, then the recovery codes.
        await insertOperator(t.db, {
          email,
          passwordHash: await hashPassword('operator passphrase 2026'),
          fullName: 'Айгүл Операторова',
          role: 'operator',
        });
        await logIn(operator, language, email, 'operator passphrase 2026');
        await operator.getByRole('heading', { name: tr(language, 'home.enrolTitle') }).waitFor();
        expect(await operator.getByRole('img', { name: tr(language, 'home.enrolQrAlt') }).isVisible()).toBe(
          true,
        );
        await expect
          .poll(() => operator.evaluate(() => document.activeElement?.id))
          .toBe('field-oneTimeCode');
        await shot(operator, 'operator-enrol');
        await expectAccessible(operator);
        await operator.getByLabel(tr(language, 'home.oneTimeCode')).fill('123456');
        await operator.getByRole('button', { name: tr(language, 'home.loginButton') }).click();
        await operator.getByText(tr(language, 'errors.oneTimeCode.wrong')).first().waitFor();
        await operator
          .getByLabel(tr(language, 'home.oneTimeCode'))
          .fill(await operatorCode(t.db, t.app.ctx.secrets, email));
        await operator.getByRole('button', { name: tr(language, 'home.loginButton') }).click();
        await operator.getByRole('heading', { name: tr(language, 'home.recoveryTitle') }).waitFor();
        expect(await operator.locator('.recovery-codes li').count()).toBe(10);
        await shot(operator, 'operator-recovery-codes');
        await expectAccessible(operator);
        await operator.getByRole('button', { name: tr(language, 'home.recoveryDone') }).click();
      } else {
        const account = await enrolledOperator(t.db, t.app.ctx.secrets, email);
        await logIn(operator, language, email, account.password);
        await operator.getByLabel(tr(language, 'home.oneTimeCode')).waitFor();
        await shot(operator, 'operator-code');
        await operator
          .getByLabel(tr(language, 'home.oneTimeCode'))
          .fill(await operatorCode(t.db, t.app.ctx.secrets, email));
        await operator.getByRole('button', { name: tr(language, 'home.loginButton') }).click();
      }
      await operator.locator('.queue-item', { hasText: approve.number }).waitFor();
      await shot(operator, 'queue');
      await expectFitsWidth(operator);
    });

    it('the operator asks for a document; the host sends it and the application is back in the queue', async () => {
      const item = operator.locator('.queue-item', { hasText: approve.number });
      await item.getByRole('button', { name: tr(language, 'operator.queue.claim') }).click();
      await item.getByLabel(tr(language, 'operator.queue.choices.requestDocuments')).check();
      await item
        .getByLabel(tr(language, 'operator.queue.message'))
        .fill('A scan of the entry stamp, please.');
      await item.getByRole('button', { name: tr(language, 'operator.queue.decide') }).click();
      await operator
        .getByText(tr(language, 'operator.queue.done.requestDocuments', { number: approve.number }))
        .waitFor();

      ({ page: host } = await newPage(language, width));
      await logIn(host, language, DEMO.host.email, DEMO.host.password);
      await host.waitForURL(/\/cabinet/);
      await host.goto(`${base}/cabinet/archive`);
      const row = host.locator('tbody tr', { hasText: approve.number });
      await row
        .getByText(tr(language, 'archive.operatorAsks', { note: 'A scan of the entry stamp, please.' }))
        .waitFor();
      await row.getByLabel(tr(language, 'archive.sendDocuments', { number: approve.number })).setInputFiles({
        name: 'entry-stamp.png',
        mimeType: 'image/png',
        buffer: solidPng(400, 300, [230, 225, 215]),
      });
      await shot(host, 'host-sends-document');
      await row.getByRole('button', { name: tr(language, 'archive.send') }).click();
      await host.getByText(tr(language, 'archive.resubmitted', { number: approve.number })).waitFor();
    });

    it('the operator approves one application and rejects the other with a reason', async () => {
      await operator.reload();
      const item = operator.locator('.queue-item', { hasText: approve.number });
      await item.getByRole('button', { name: tr(language, 'operator.queue.claim') }).click();
      await item.getByLabel(tr(language, 'operator.queue.choices.approve')).check();
      await shot(operator, 'approve');
      await item.getByRole('button', { name: tr(language, 'operator.queue.decide') }).click();
      await operator
        .getByText(tr(language, 'operator.queue.done.approve', { number: approve.number }))
        .waitFor();

      const other = operator.locator('.queue-item', { hasText: reject.number });
      await other.getByRole('button', { name: tr(language, 'operator.queue.claim') }).click();
      await other.getByLabel(tr(language, 'operator.queue.choices.reject')).check();
      await other.getByLabel(tr(language, 'operator.queue.reason')).selectOption('photo_unsuitable');
      await shot(operator, 'reject');
      await other.getByRole('button', { name: tr(language, 'operator.queue.decide') }).click();
      await operator
        .getByText(tr(language, 'operator.queue.done.reject', { number: reject.number }))
        .waitFor();
    });

    it('the host sees the rejection’s reason and prints the card of the approved one', async () => {
      await host.reload();
      const rejected = host.locator('tbody tr', { hasText: reject.number });
      await rejected
        .getByText(
          tr(language, 'archive.rejectedBecause', {
            reason: tr(language, 'operator.queue.reasons.photo_unsuitable'),
          }),
        )
        .waitFor();
      const row = host.locator('tbody tr', { hasText: approve.number });
      const link = row.getByRole('link', {
        name: new RegExp(`^${escape(tr(language, 'archive.printCard'))}`),
      });
      await link.waitFor();
      await shot(host, 'archive');
      await expectAccessible(host);
      const [download] = await Promise.all([host.waitForEvent('download'), link.click()]);
      const pdf = path.join(work, `${language}.pdf`);
      await download.saveAs(pdf);
      expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      // Rendered as a printer would, and the QR read back from the pixels.
      const card = await renderPdf(fs.readFileSync(pdf));
      fs.writeFileSync(
        path.resolve(__dirname, `../../artifacts/screenshots/card-life-${language}-${width}/card.png`),
        card.png,
      );
      const qr = jsQR(
        new Uint8ClampedArray(card.data.buffer, card.data.byteOffset, card.data.length),
        card.width,
        card.height,
      );
      expect(qr?.data).toMatch(new RegExp(`^${escape(base)}/v/[A-Za-z0-9_-]+$`));
      verifyUrl = qr!.data;
      registrationNumber = (
        await t.db
          .selectFrom('registrations')
          .select('registration_number')
          .where('id', '=', approve.id)
          .executeTakeFirstOrThrow()
      ).registration_number!;
      expect(await pdfText(fs.readFileSync(pdf))).toContain(registrationNumber);
    });

    it('a police officer’s phone opens the QR: valid, still valid with no network, forged when altered', async () => {
      const { context, page } = await newPage(language, 360);
      await page.goto(verifyUrl);
      const verdict = page.locator('[data-verdict]');
      await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 10_000 }).toBe('valid');
      expect(await page.getByText(registrationNumber).isVisible()).toBe(true);
      await page.locator('.photo img').waitFor();
      await shot(page, 'verify-valid');
      await expectAccessible(page);
      // The page's worker has cached it, its code, the keys and the list.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
      await page.waitForTimeout(300);

      await context.setOffline(true);
      await page.reload();
      await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 10_000 }).toBe('valid');
      await page.locator('.offline').waitFor();
      expect(await page.locator('.list-age').innerText()).toMatch(/\d/);
      await shot(page, 'verify-offline');

      const seal = fromBase64Url(verifyUrl.split('/v/')[1]!)!;
      seal[30]! ^= 0x01;
      await page.goto(`${base}/v/${toBase64Url(seal)}`);
      await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 10_000 }).toBe('forged');
      await shot(page, 'verify-forged');
      await context.setOffline(false);
      await context.close();
    });

    it('the status check on the home page finds the registration', async () => {
      const { context, page } = await newPage(language, width);
      await page.goto(base);
      const row = await t.db
        .selectFrom('registrations')
        .select('passport_number_enc')
        .where('id', '=', approve.id)
        .executeTakeFirstOrThrow();
      await page.getByLabel(tr(language, 'home.statusNumber')).fill(registrationNumber);
      await page
        .getByLabel(tr(language, 'home.statusPassport'))
        .fill(decryptField(t.app.ctx.secrets.fieldEncryptionKey, row.passport_number_enc!));
      await page.getByRole('button', { name: tr(language, 'home.statusButton') }).click();
      await page
        .getByText(new RegExp(escape(registrationNumber)))
        .last()
        .waitFor();
      expect(await page.locator('.notice').innerText()).toContain(
        tr(language, 'registrationStatus.approved'),
      );
      await shot(page, 'status-check');
      await context.close();
      await operator.context().close();
      await host.context().close();
    });
  });
}
