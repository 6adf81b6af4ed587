import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/server/demo/demo-data';
import { seedDemoEntity } from '../../src/server/demo/demo-entity';
import { DEMO, DEMO_ENTITY } from '../../src/server/demo/demo-logins';
import { solidPng } from '../support/images';
import { findStaffByEmail } from '../../src/server/modules/accounts/staff.repo';
import { startPayment } from '../../src/server/modules/payments/payments.service';
import { saveDraft } from '../../src/server/modules/registrations/drafts.service';
import {
  confirmRegistration,
  storeRegistrationDocument,
} from '../../src/server/modules/registrations/registrations.service';
import { payOnSandboxPage } from '../../src/server/sandbox-acquirer/payer';
import { addDays, todayIso } from '../../src/shared/dates';
import { launchChromium, layoutProblems } from '../support/browser';
import { enrolledOperator } from '../support/operators';
import { buildTestApp, type TestApp } from '../support/test-app';
import { LANGUAGES, tr, type Language } from '../support/words';

// Every page the journeys visit, in each language, at a desktop (1280 px), a small laptop (1024 px)
// and a phone (360 px): nothing scrolls sideways, nothing sticks out of its panel, every table's
// columns and actions are in view, no column is squeezed so that words break letter by letter.
// Full-page screenshots at 1280 and 360 px land in artifacts/screenshots/layout/.
const WIDTHS = [1280, 1024, 360] as const;
const SHOT_WIDTHS: readonly number[] = [1280, 360];
const shots = path.resolve(__dirname, '../../artifacts/screenshots/layout');
fs.rmSync(shots, { recursive: true, force: true });
fs.mkdirSync(shots, { recursive: true });

let t: TestApp;
let base: string;
let browser: Browser;
let draftId: number;
let paidOrder: string;
let sandboxUrl: string;
let paid: { number: string; passportNumber: string };

const today = todayIso();
const guest = (i: number, propertyId: number) => ({
  propertyId,
  surname: ['VAN DER BERGHE-LINDQVIST', 'OKAFOR', 'NAKAMURA'][i]!,
  givenNames: ['MAXIMILIANE ALEXANDRA', 'CHIDI', 'YUI'][i]!,
  birthDate: '1975-01-02',
  sex: 'F',
  passportType: 'passport',
  passportCountry: ['NLD', 'NGA', 'JPN'][i]!,
  passportNumber: `LAYOUT${i}42`,
  passportIssueDate: '2022-01-10',
  passportExpiryDate: '2032-01-09',
  entryDate: addDays(today, -1),
  phone: '+31 6 1234567' + i,
  email: `guest${i}.with.a.long.address@example.com`,
  periodFrom: today,
  periodTo: addDays(today, 30),
  purpose: 'tourism',
});

async function documents(hostId: number) {
  const stored = (kind: 'passport' | 'photo', rgb: [number, number, number], w: number, h: number) =>
    storeRegistrationDocument(t.app.ctx, hostId, kind, { body: solidPng(w, h, rgb), truncated: false });
  return {
    passportDocumentId: (await stored('passport', [236, 238, 240], 500, 352)).id,
    photoDocumentId: (await stored('photo', [190, 160, 150], 300, 400)).id,
  };
}

async function firstProperty(hostId: number) {
  return (
    await t.db
      .selectFrom('properties')
      .select('id')
      .where('host_id', '=', hostId)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
}

async function until(done: () => Promise<boolean>) {
  for (const started = Date.now(); !(await done());) {
    if (Date.now() - started > 15_000) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  t = await buildTestApp({}, { startWorkers: true });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  await seedDemoData(t.app.ctx);
  await seedDemoEntity(t.app.ctx);
  const hostId = (
    await t.db.selectFrom('hosts').select('id').where('email', '=', DEMO.host.email).executeTakeFirstOrThrow()
  ).id;
  const propertyId = await firstProperty(hostId);

  // A long name and a long e-mail address: the values that squeeze a column first.
  const created = await confirmRegistration(t.app.ctx, hostId, {
    data: { ...(await documents(hostId)), ...guest(0, propertyId) },
    pin: DEMO.host.pin,
    language: 'en',
  });
  const payment = await startPayment(t.app.ctx, hostId, created.id, 'en');
  expect((await payOnSandboxPage(payment.redirectUrl)).status).toBe(303);
  paidOrder = payment.orderId;
  await until(async () => {
    const row = await t.db
      .selectFrom('registrations')
      .select('status')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    return row.status === 'submitted';
  });
  paid = { number: created.applicationNumber, passportNumber: guest(0, propertyId).passportNumber };

  // One awaiting payment, opened on the acquirer's page.
  const unpaid = await confirmRegistration(t.app.ctx, hostId, {
    data: { ...(await documents(hostId)), ...guest(1, propertyId) },
    pin: DEMO.host.pin,
    language: 'en',
  });
  sandboxUrl = (await startPayment(t.app.ctx, hostId, unpaid.id, 'en')).redirectUrl;

  // A draft with every answer: «Check data» opens the check-answers page.
  draftId = (await saveDraft(t.app.ctx, hostId, { ...(await documents(hostId)), ...guest(2, propertyId) }))
    .id;

  // The hotel's archive, with who made each registration.
  const receptionist = (await findStaffByEmail(t.db, DEMO_ENTITY.receptionist.email))!;
  const hotelProperty = await firstProperty(receptionist.host_id);
  await confirmRegistration(t.app.ctx, receptionist.host_id, {
    data: {
      ...(await documents(receptionist.host_id)),
      ...guest(1, hotelProperty),
      passportNumber: 'HOTEL4242',
    },
    pin: DEMO_ENTITY.receptionist.pin,
    language: 'en',
    staffId: receptionist.id,
  });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signedIn(
  language: Language,
  credentials?: { email: string; password: string; oneTimeCode?: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  await context.addCookies([{ name: 'lang', value: language, url: base }]);
  const page = await context.newPage();
  if (credentials) {
    await page.request.get(`${base}/api/session`);
    const csrf = (await context.cookies(base)).find((c) => c.name === 'konok_csrf')!.value;
    const login = await page.request.post(`${base}/api/login`, {
      data: credentials,
      headers: { 'x-csrf-token': csrf },
    });
    expect(login.status()).toBe(200);
  }
  return { context, page };
}

/** The page as it is now, at each width: its problems, and its screenshots at 1280 and 360 px. */
async function expectLaidOut(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 500 ? 740 : 900 });
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    found.push(...(await layoutProblems(page)).map((problem) => `${width} px: ${problem}`));
    if (SHOT_WIDTHS.includes(width))
      await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  expect.soft(found, `${name}: ${page.url()}`).toEqual([]);
}

async function visit(page: Page, where: string) {
  await page.goto(base + where);
  await page.locator('main h1').first().waitFor({ state: 'visible' });
}

const slug = (where: string) => where.replace(/^\//, '').replace(/[/?=]+/g, '-') || 'home';

describe('every page reads well at 1280, 1024 and 360 px', () => {
  for (const language of LANGUAGES) {
    it(`to anyone, in ${language}`, async () => {
      const { context, page } = await signedIn(language);
      try {
        for (const where of [
          '/',
          '/signup',
          '/signup/details',
          '/terms',
          '/forgot-password',
          '/legal-entities',
          '/no-such-page',
        ]) {
          await visit(page, where);
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
          await expectLaidOut(page, `${language}-${slug(where)}`);
        }
        // The status check's answer.
        await visit(page, '/');
        await page.getByLabel(tr(language, 'home.statusNumber')).fill(paid.number);
        await page.getByLabel(tr(language, 'home.statusPassport')).fill(paid.passportNumber);
        await page.getByRole('button', { name: tr(language, 'home.statusButton') }).click();
        await page.locator('#main [role="status"].notice').waitFor();
        await expectLaidOut(page, `${language}-status-answer`);
        // The acquirer's card page.
        await page.goto(sandboxUrl);
        await page.locator('h1').first().waitFor();
        await expectLaidOut(page, `${language}-sandbox-acquirer`);
      } finally {
        await context.close();
      }
    });

    it(`as a host, in ${language}`, async () => {
      const { context, page } = await signedIn(language, {
        email: DEMO.host.email,
        password: DEMO.host.password,
      });
      try {
        for (const where of [
          '/cabinet',
          '/cabinet/properties',
          '/cabinet/register',
          '/cabinet/archive',
          `/cabinet/payment/${paidOrder}`,
        ]) {
          await visit(page, where);
          await expectLaidOut(page, `${language}-${slug(where.replace(paidOrder, 'paid'))}`);
        }
        await visit(page, `/cabinet/register?draft=${draftId}`);
        await expect.poll(() => page.locator('#field-surname').inputValue()).not.toBe('');
        await page.getByRole('button', { name: tr(language, 'registration.check') }).click();
        await page.getByRole('heading', { name: tr(language, 'registration.review.title') }).waitFor();
        await expectLaidOut(page, `${language}-cabinet-check-answers`);
      } finally {
        await context.close();
      }
    });

    it(`as a hotel's administrator, in ${language}`, async () => {
      const { context, page } = await signedIn(language, DEMO_ENTITY.admin);
      try {
        await visit(page, '/cabinet/archive');
        await page.locator('tbody tr').first().waitFor();
        await expectLaidOut(page, `${language}-hotel-archive`);
      } finally {
        await context.close();
      }
    });

    it(`as an operator holding an application, in ${language}`, async () => {
      const operator = await enrolledOperator(t.db, t.app.ctx.secrets, `layout.${language}@konok.example`);
      const { context, page } = await signedIn(language, await operator.login());
      try {
        await visit(page, '/operator');
        const item = page.locator('.queue-item', { hasText: paid.number });
        const take = item.getByRole('button', { name: new RegExp(tr(language, 'operator.queue.claim')) });
        // The previous language's operator gave it back: it waits to be taken.
        await take.click();
        await item.locator('.application-view dl').first().waitFor();
        await item.locator('.application-view img').first().waitFor();
        await expectLaidOut(page, `${language}-operator`);
        // Back to the queue, for the next language's operator.
        await item.getByRole('button', { name: tr(language, 'operator.queue.release') }).click();
        await item.getByRole('button', { name: new RegExp(tr(language, 'operator.queue.claim')) }).waitFor();
      } finally {
        await context.close();
      }
    });
  }
});
