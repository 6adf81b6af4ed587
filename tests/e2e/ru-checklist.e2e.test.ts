import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/server/demo/demo-data';
import { DEMO } from '../../src/server/demo/demo-logins';
import { expectFitsWidth, launchChromium, screenshots } from '../support/browser';
import { demoOperatorLogin } from '../support/operators';
import { buildTestApp, type TestApp } from '../support/test-app';

// The Russian host attaches the documents the answers call for: the list follows the answers,
// each file goes up at once and comes back named as Konok names it, a Word file is refused by name.
const shot = screenshots('ru-checklist');
let t: TestApp;
let base: string;
let browser: Browser;

beforeAll(async () => {
  t = await buildTestApp({ profile: 'ru' });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  await seedDemoData(t.app.ctx);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function loggedIn(width: number, credentials: Record<string, string>) {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 740 : 900 } });
  await context.addCookies([{ name: 'lang', value: 'ru', url: base }]);
  const page = await context.newPage();
  await page.request.get(`${base}/api/session`);
  const csrf = (await context.cookies(base)).find((c) => c.name === 'konok_csrf')!.value;
  const login = await page.request.post(`${base}/api/login`, {
    data: credentials,
    headers: { 'x-csrf-token': csrf },
  });
  expect(login.status()).toBe(200);
  return { page, csrf };
}

async function signedIn(width: number): Promise<Page> {
  const { page, csrf } = await loggedIn(width, { email: DEMO.host.email, password: DEMO.host.password });
  // The answers the checklist reads, as the ru form's other fields will have given them.
  const draft = await page.request.post(`${base}/api/registrations/drafts`, {
    data: {
      surname: 'ИВАНОВ',
      givenNames: 'ПЁТР',
      receivingParty: 'owner',
      dwellingRented: true,
      stayDocument: 'visa',
    },
    headers: { 'x-csrf-token': csrf },
  });
  expect(draft.status()).toBe(201);
  await page.goto(`${base}/cabinet/register?draft=${(await draft.json()).id}`);
  return page;
}

describe('the documents checklist (ru)', () => {
  for (const width of [1280, 360])
    it(`lists the documents the answers call for and takes each file at ${width} px`, async () => {
      const page = await signedIn(width);
      const checklist = page.getByRole('group', { name: 'Документы' });
      await checklist.waitFor();
      for (const name of [
        'Виза',
        'Договор аренды жилья',
        'Согласие собственника жилья',
        'Паспорт принимающей стороны',
      ])
        await expect(checklist.getByRole('heading', { name }).count()).resolves.toBe(1);
      await expect(
        checklist.getByText('PDF, JPEG или PNG, до 5 МБ, от 300 dpi; файлы Konok назовёт сам'),
      ).toBeTruthy();

      const lease = checklist
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: 'Договор аренды жилья' }) });
      await page.locator('input[data-checklist="leaseAgreement"]').setInputFiles({
        name: 'договор.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
      });
      await lease.getByText('IVANOV_PETR_LeaseAgreement.pdf').waitFor();
      await lease.getByText('✓ Документы приняты').waitFor();

      const scan = await sharp({
        create: { width: 1476, height: 1040, channels: 3, background: { r: 230, g: 236, b: 245 } },
      })
        .jpeg()
        .toBuffer();
      await page
        .locator('input[data-checklist="visa"]')
        .setInputFiles({ name: 'visa.jpg', mimeType: 'image/jpeg', buffer: scan });
      await checklist.getByText('IVANOV_PETR_Visa.jpg').waitFor();

      await page.locator('input[data-checklist="ownerConsent"]').setInputFiles({
        name: 'consent.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]),
      });
      await page.getByText('Формат DOC не принимается: загрузите PDF, JPEG или PNG').waitFor();
      const consentButton = page.locator('[id="field-attachments.ownerConsent"]');
      await expect(consentButton.getAttribute('aria-describedby')).resolves.toContain(
        'field-attachments.ownerConsent-error',
      );

      // The browser checks the list too: a missing document in the summary, linked to its item.
      // (It reads the answers the form declares: the ru form's own fields come with its declaration.)
      await page.getByRole('button', { name: 'Проверка данных' }).click();
      const missing = page
        .getByRole('alert')
        .getByRole('link', { name: /^Отсутствует обязательный документ: Паспорт иностранного гражданина/ });
      await missing.waitFor();
      await missing.click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe('field-attachments.foreignerPassport');
      await expectFitsWidth(page);
      await checklist.scrollIntoViewIfNeeded();
      await shot(page, `checklist-${width}`);
      await page.context().close();
    }, 60_000);
});

describe('the operator reads the checklist (ru)', () => {
  it('each file by its item and name, beside the data, and marks one not accepted', async () => {
    // A submitted demo application with a visa scan attached to it, as a confirmation keeps one.
    const application = await t.db
      .selectFrom('registrations')
      .select(['id', 'host_id'])
      .where('status', '=', 'submitted')
      .orderBy('submitted_at')
      .executeTakeFirstOrThrow();
    const { page: host, csrf } = await loggedIn(1280, {
      email: DEMO.host.email,
      password: DEMO.host.password,
    });
    const scan = await sharp({
      create: { width: 1476, height: 1040, channels: 3, background: { r: 200, g: 215, b: 235 } },
    })
      .jpeg()
      .toBuffer();
    const uploaded = await host.request.post(`${base}/api/registrations/attachments`, {
      multipart: { type: 'visa', file: { name: 'visa.jpg', mimeType: 'image/jpeg', buffer: scan } },
      headers: { 'x-csrf-token': csrf },
    });
    expect(uploaded.status()).toBe(201);
    await t.db
      .insertInto('registration_documents')
      .values({
        registration_id: application.id,
        document_id: (await uploaded.json()).id,
        type: 'visa',
        position: 1,
      })
      .execute();

    const { page: operator } = await loggedIn(1280, await demoOperatorLogin(t.db, t.app.ctx.secrets));
    await operator.goto(`${base}/operator`);
    const item = operator.locator('.queue-item').first();
    await item.waitFor();
    await item.getByRole('button', { name: /^Взять/ }).click();
    const review = item.getByRole('region', { name: 'Документы по списку' });
    await review.waitFor();
    // The demo application comes with the files its own answers call for: the visa is this test's.
    await review.getByRole('button', { name: /^Не принимать — .*_Visa\.jpg$/ }).click();
    await review.getByLabel('Причина').fill('Скан обрезан: не видно срока действия визы');
    await review.getByRole('button', { name: 'Отметить как не принятый' }).click();
    await review.getByText('Не принят: Скан обрезан: не видно срока действия визы').waitFor();
    await review.scrollIntoViewIfNeeded();
    await shot(operator, 'operator-1280');
    await operator.setViewportSize({ width: 360, height: 740 });
    await expectFitsWidth(operator);
    await shot(operator, 'operator-360');

    await host.goto(`${base}/cabinet/archive`);
    await host
      .getByText(/_Visa\.jpg: Не принят оператором: Скан обрезан/)
      .first()
      .waitFor();
    await shot(host, 'host-archive-1280');
  }, 90_000);
});
