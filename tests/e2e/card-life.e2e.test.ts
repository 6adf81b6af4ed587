import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { seedDemoData } from '../../src/server/demo/demo-data';
import { DEMO } from '../../src/server/demo/demo-logins';
import { insertOperator } from '../../src/server/modules/accounts/accounts.repo';
import { hashPassword } from '../../src/server/modules/accounts/passwords';
import {
  confirmRegistration,
  storeRegistrationDocument,
} from '../../src/server/modules/registrations/registrations.service';
import { decryptField } from '../../src/server/security/crypto';
import { addDays, todayIso } from '../../src/shared/dates';
import { fromBase64Url, toBase64Url } from '../../src/shared/seal';
import { expectAccessible, expectFitsWidth, screenshots } from '../support/browser';
import { solidPng } from '../support/images';
import { journey } from '../support/journey';
import { operatorCode } from '../support/operators';
import { pdfText, renderPdf } from '../support/pdf';
import { Site } from '../support/site';
import { tr } from '../support/words';

// The whole life of a registration across two roles, in Russian on a phone: the host's paid
// applications; a new operator enrols the authenticator app and signs in with its code, asks for a
// document, the host sends it, the operator approves one and rejects another; the host prints the
// card; its QR, read from the rendered PDF, opens the verification page on a phone, which says
// "valid" — and still does with the network cut — and "forged" for an altered seal; the status
// check finds it; the rejection shows its reason. An operator who has enrolled already signs in
// with a code in legal-entity's journey.
const language = 'ru';
const width = 360;
let site: Site;
let hostId: number;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'konok-card-life-'));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An application of the demo host, confirmed and paid on the sandbox acquirer's page. */
async function paidApplication(i: number) {
  const { t } = site;
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
      surname: ['Lindqvist', 'Okafor'][i]!,
      givenNames: ['Erik', 'Chidi'][i]!,
      birthDate: '1987-06-15',
      sex: 'M',
      passportType: 'passport',
      passportCountry: ['SWE', 'NGA'][i]!,
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
  await site.pay(hostId, created.id);
  return { id: created.id, number: created.applicationNumber, passportNumber };
}

beforeAll(async () => {
  site = await Site.open();
  await seedDemoData(site.t.app.ctx);
  hostId = (
    await site.t.db
      .selectFrom('hosts')
      .select('id')
      .where('email', '=', DEMO.host.email)
      .executeTakeFirstOrThrow()
  ).id;
}, 120_000);
afterAll(async () => {
  await site?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe(`the life of a registration in ${language} at ${width} px`, () => {
  const step = journey();
  const shot = screenshots(`card-life-${language}-${width}`);
  let approve: Awaited<ReturnType<typeof paidApplication>>;
  let reject: Awaited<ReturnType<typeof paidApplication>>;
  let operator: Page;
  let host: Page;
  let verifyUrl: string;
  let registrationNumber: string;

  step(
    'the host’s two applications are paid; a new operator enrols the authenticator and signs in with its code',
    async () => {
      approve = await paidApplication(0);
      reject = await paidApplication(1);
      operator = await site.newPage(language, width);
      const email = `life.${language}@konok.example`;
      // A new operator: the first sign-in shows the QR to scan, then the recovery codes.
      await insertOperator(site.t.db, {
        email,
        passwordHash: await hashPassword('operator passphrase 2026'),
        fullName: 'Айгүл Операторова',
        role: 'operator',
      });
      await site.logIn(operator, language, { email, password: 'operator passphrase 2026' });
      await operator.getByRole('heading', { name: tr(language, 'home.enrolTitle') }).waitFor();
      expect(await operator.getByRole('img', { name: tr(language, 'home.enrolQrAlt') }).isVisible()).toBe(
        true,
      );
      await expect.poll(() => operator.evaluate(() => document.activeElement?.id)).toBe('field-oneTimeCode');
      await shot(operator, 'operator-enrol');
      await expectAccessible(operator);
      await operator.getByLabel(tr(language, 'home.oneTimeCode')).fill('123456');
      await operator.getByRole('button', { name: tr(language, 'home.loginButton') }).click();
      await operator.getByText(tr(language, 'errors.oneTimeCode.wrong')).first().waitFor();
      await operator
        .getByLabel(tr(language, 'home.oneTimeCode'))
        .fill(await operatorCode(site.t.db, site.t.app.ctx.secrets, email));
      await operator.getByRole('button', { name: tr(language, 'home.loginButton') }).click();
      await operator.getByRole('heading', { name: tr(language, 'home.recoveryTitle') }).waitFor();
      expect(await operator.locator('.recovery-codes li').count()).toBe(10);
      await shot(operator, 'operator-recovery-codes');
      await expectAccessible(operator);
      await operator.getByRole('button', { name: tr(language, 'home.recoveryDone') }).click();
      await operator.locator('.queue-item', { hasText: approve.number }).waitFor();
      await shot(operator, 'queue');
      await expectFitsWidth(operator);
    },
  );

  step(
    'the operator asks for a document; the host sends it and the application is back in the queue',
    async () => {
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

      host = await site.newPage(language, width, { acceptDownloads: true });
      await site.logIn(host, language, DEMO.host);
      await host.waitForURL(/\/cabinet/);
      await host.goto(`${site.base}/cabinet/archive`);
      const thread = host.locator('.messages-thread', { hasText: approve.number });
      await thread.getByText('A scan of the entry stamp, please.').waitFor();
      await thread.getByLabel(tr(language, 'thread.files')).setInputFiles({
        name: 'entry-stamp.png',
        mimeType: 'image/png',
        buffer: solidPng(400, 300, [230, 225, 215]),
      });
      await shot(host, 'host-sends-document');
      await thread.getByRole('button', { name: tr(language, 'thread.send') }).click();
      await host.getByText(tr(language, 'thread.sent', { number: approve.number })).waitFor();
    },
  );

  step('the operator approves one application and rejects the other with a reason', async () => {
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
    await operator.getByText(tr(language, 'operator.queue.done.reject', { number: reject.number })).waitFor();
  });

  step('the host sees the rejection’s reason and prints the card of the approved one', async () => {
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
    expect(qr?.data).toMatch(new RegExp(`^${escape(site.base)}/v/[A-Za-z0-9_-]+$`));
    verifyUrl = qr!.data;
    registrationNumber = (
      await site.t.db
        .selectFrom('registrations')
        .select('registration_number')
        .where('id', '=', approve.id)
        .executeTakeFirstOrThrow()
    ).registration_number!;
    expect(await pdfText(fs.readFileSync(pdf))).toContain(registrationNumber);
  });

  step(
    'a police officer’s phone opens the QR: valid, still valid with no network, forged when altered',
    async () => {
      const page = await site.newPage(language, 360);
      const context = page.context();
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
      await page.goto(`${site.base}/v/${toBase64Url(seal)}`);
      await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 10_000 }).toBe('forged');
      await shot(page, 'verify-forged');
      await context.setOffline(false);
      await context.close();
    },
  );

  step('the status check on the home page finds the registration', async () => {
    const page = await site.newPage(language, width);
    await page.goto(site.base);
    const row = await site.t.db
      .selectFrom('registrations')
      .select('passport_number_enc')
      .where('id', '=', approve.id)
      .executeTakeFirstOrThrow();
    await page.getByLabel(tr(language, 'home.statusNumber')).fill(registrationNumber);
    await page
      .getByLabel(tr(language, 'home.statusPassport'))
      .fill(decryptField(site.t.app.ctx.secrets.fieldEncryptionKey, row.passport_number_enc!));
    await page.getByRole('button', { name: tr(language, 'home.statusButton') }).click();
    await page
      .getByText(new RegExp(escape(registrationNumber)))
      .last()
      .waitFor();
    expect(await page.locator('.notice').innerText()).toContain(tr(language, 'registrationStatus.approved'));
    await shot(page, 'status-check');
    await page.context().close();
    await operator.context().close();
    await host.context().close();
  });
});
