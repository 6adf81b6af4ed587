import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payDemoApplication, seedDemoData } from '../../src/server/demo/demo-data';
import { DEMO } from '../../src/server/demo/demo-logins';
import { solidPng } from '../support/images';
import { startPayment } from '../../src/server/modules/payments/payments.service';
import { payOnSandboxPage } from '../../src/server/sandbox-acquirer/payer';
import { expectAccessible, expectFitsWidth, launchChromium, screenshots } from '../support/browser';
import { buildTestApp, type TestApp } from '../support/test-app';
import { demoOperatorLogin } from '../support/operators';

// The operators' side: a paid application is taken, documents are requested, the host sends
// them from the archive, and the operator approves — in two languages, on a desktop and a phone.
let t: TestApp;
let base: string;
let browser: Browser;

/** Outside a test (expect.poll is for tests): until `done`, or fail after 15 s. */
async function waitFor(done: () => Promise<boolean>) {
  for (const started = Date.now(); !(await done());) {
    if (Date.now() - started > 15_000) throw new Error('the sandbox did not deliver the payment in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  t = await buildTestApp({}, { startWorkers: true });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  await seedDemoData(t.app.ctx);
  // The demo host's first application paid as npm start pays it; the second paid here the same way.
  await payDemoApplication(t.app.ctx);
  const submittedCount = async () =>
    (await t.db.selectFrom('registrations').select('id').where('status', '=', 'submitted').execute()).length;
  await waitFor(async () => (await submittedCount()) === 1);
  const host = await t.db
    .selectFrom('hosts')
    .select('id')
    .where('email', '=', DEMO.host.email)
    .executeTakeFirstOrThrow();
  const second = await t.db
    .selectFrom('registrations')
    .select('id')
    .where('host_id', '=', host.id)
    .where('status', '=', 'awaiting_payment')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const { redirectUrl } = await startPayment(t.app.ctx, host.id, second.id, 'ru');
  if ((await payOnSandboxPage(redirectUrl)).status !== 303) throw new Error('the second payment failed');
  await waitFor(async () => (await submittedCount()) === 2);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function loggedIn(
  language: string,
  width: number,
  credentials: { email: string; password: string; oneTimeCode?: string },
) {
  const context: BrowserContext = await browser.newContext({
    viewport: { width, height: width < 500 ? 740 : 900 },
    locale: language === 'en' ? 'en-US' : 'ru-RU',
  });
  await context.addCookies([{ name: 'lang', value: language, url: base }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.request.get(`${base}/api/session`);
  const csrf = (await context.cookies(base)).find((c) => c.name === 'konok_csrf')!.value;
  const login = await page.request.post(`${base}/api/login`, {
    data: credentials,
    headers: { 'x-csrf-token': csrf },
  });
  expect(login.status()).toBe(200);
  return page;
}

const WORDS = {
  en: {
    take: /^Take/,
    photo: 'Photo of the foreigner',
    scan: 'Passport page',
    zoomIn: 'Zoom in',
    choose: 'Choose a decision: approve, reject or request documents.',
    approveWill: /^When sent: the registration becomes valid/,
    taken: /is yours for 30 minutes/,
    request: 'Request documents',
    message: 'Which documents are needed',
    send: 'Send the decision',
    requested: /Documents are requested/,
    asks: /The operator asks: A scan of the entry stamp/,
    upload: /^Documents for application/,
    resubmit: 'Send and return to review',
    back: /is back with the operators/,
    approve: 'Approve: the registration is valid',
    approved: /is approved/,
    valid: 'Registration valid',
  },
  ru: {
    take: /^Взять/,
    photo: 'Фото иностранца',
    scan: 'Страница паспорта',
    zoomIn: 'Увеличить',
    choose: 'Выберите решение: одобрить, отклонить или запросить документы.',
    approveWill: /^После отправки регистрация станет действительной/,
    taken: /ваша на 30 минут/,
    request: 'Запросить документы',
    message: 'Какие документы нужны',
    send: 'Отправить решение',
    requested: /запрошены документы/,
    asks: /Оператор просит: A scan of the entry stamp/,
    upload: /^Документы по заявке/,
    resubmit: 'Отправить на повторное рассмотрение',
    back: /снова у операторов/,
    approve: 'Одобрить: регистрация действительна',
    approved: /одобрена/,
    valid: 'Регистрация действительна',
  },
} as const;

for (const [language, width] of [
  ['en', 1280],
  ['ru', 360],
] as const) {
  describe(`review in ${language} at ${width} px`, () => {
    const w = WORDS[language];
    const shot = screenshots(`review-${language}-${width}`);
    let operator: Page;
    let host: Page;
    let number: string;

    it('the operator takes the oldest application and asks for a document', async () => {
      operator = await loggedIn(language, width, await demoOperatorLogin(t.db, t.app.ctx.secrets));
      await operator.goto(`${base}/operator`);
      const first = operator.locator('.queue-item').first();
      await first.waitFor();
      number = (await first.locator('h3').innerText()).split(' — ')[0]!;
      await shot(operator, 'queue');
      await expectAccessible(operator);
      await expectFitsWidth(operator);
      await first.getByRole('button', { name: w.take }).click();
      await expect.poll(() => operator.getByText(w.taken).isVisible()).toBe(true);
      const item = operator.locator('.queue-item', { hasText: number });
      // The application beside its documents, before deciding: on a desktop the scan and the
      // photo stand beside the typed data, in view together; on a phone, above it.
      const scan = item.getByRole('img', { name: w.scan });
      await expect.poll(() => scan.isVisible()).toBe(true);
      await expect.poll(() => item.getByRole('img', { name: w.photo }).isVisible()).toBe(true);
      const scanBox = (await scan.boundingBox())!;
      const dataBox = (await item.locator('dl').boundingBox())!;
      if (width >= 1024) {
        expect(scanBox.x + scanBox.width).toBeLessThanOrEqual(dataBox.x);
        expect(scanBox.y).toBeLessThan(dataBox.y + dataBox.height);
        expect(scanBox.width).toBeGreaterThan(300);
      } else expect(scanBox.y + scanBox.height).toBeLessThanOrEqual(dataBox.y);
      // Zoomed in, the page is drawn larger (inside its frame).
      await item.getByRole('button', { name: w.zoomIn }).click();
      await expect.poll(async () => (await scan.boundingBox())!.width).toBeGreaterThan(scanBox.width * 1.4);

      // Nothing is chosen: «Send the decision» decides nothing and asks for a choice.
      expect(await item.getByRole('radio', { checked: true }).count()).toBe(0);
      await item.getByRole('button', { name: w.send }).click();
      await expect.poll(() => item.getByText(w.choose).isVisible()).toBe(true);
      expect(await operator.getByText(w.approved).count()).toBe(0);
      // A choice says what it will do before it is sent.
      await item.getByLabel(w.approve).check();
      await expect.poll(() => item.getByText(w.approveWill).isVisible()).toBe(true);
      await shot(operator, 'decision-explained');
      await item.getByLabel(w.request).check();
      await item.getByLabel(w.message).fill('A scan of the entry stamp, please.');
      await shot(operator, 'request-documents');
      await item.getByRole('button', { name: w.send }).click();
      await expect.poll(() => operator.getByText(w.requested).isVisible()).toBe(true);
    });

    it('the host sees the request in the archive and sends the document', async () => {
      host = await loggedIn(language, width, DEMO.host);
      await host.goto(`${base}/cabinet/archive`);
      const row = host.locator('tbody tr', { hasText: number });
      await row.getByText(w.asks).waitFor();
      await shot(host, 'archive-documents-requested');
      await expectFitsWidth(host);
      await row.getByLabel(w.upload).setInputFiles({
        name: 'entry-stamp.png',
        mimeType: 'image/png',
        buffer: solidPng(400, 300, [230, 225, 215]),
      });
      await row.getByRole('button', { name: w.resubmit }).click();
      await expect.poll(() => host.getByText(w.back).isVisible()).toBe(true);
      await shot(host, 'archive-resubmitted');
    });

    it('the operator takes it again and approves it; the host sees the registration valid', async () => {
      await operator.reload();
      const item = operator.locator('.queue-item', { hasText: number });
      await item.getByRole('button', { name: w.take }).click();
      await item.getByLabel(w.approve).check();
      await item.getByRole('button', { name: w.send }).click();
      await expect.poll(() => operator.getByText(w.approved).isVisible()).toBe(true);
      await expect.poll(() => operator.locator('.queue-item', { hasText: number }).count()).toBe(0);
      await shot(operator, 'approved');

      await host.reload();
      const row = host.locator('tbody tr', { hasText: number });
      await row.getByText(w.valid).waitFor();
      const registration = await t.db
        .selectFrom('registrations')
        .select('registration_number')
        .where('application_number', '=', number)
        .executeTakeFirstOrThrow();
      expect(await row.getByText(registration.registration_number!).isVisible()).toBe(true);
      await shot(host, 'archive-valid');
      await expectAccessible(host);
    });
  });
}
