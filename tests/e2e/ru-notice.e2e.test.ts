import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { pdfText } from '../support/pdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, screenshots } from '../support/browser';
import { approvedNotice, qrOfPdf, ruHostAndOperator } from '../support/ru-notices';
import { buildTestApp, type TestApp } from '../support/test-app';

// The QR of a Russian notice of arrival opens the verification page of a Russian deployment: it
// names the notice and the Ministry of Internal Affairs, offers Russian and English only, and says
// nothing of Kyrgyzstan or of its registration card.
const KYRGYZ = /Кыргыз|Kyrgyz|Бишкек|Bishkek|Санарип|талон|Кыр\b|[ңөү]/i;

const shot = screenshots('ru-notice', { bothWidths: true });
let t: TestApp;
let base: string;
let browser: Browser;
let seal: string;
let registrationNumber: string;
let credentials: { email: string; password: string };

beforeAll(async () => {
  t = await buildTestApp({ profile: 'ru' }, { rateLimitFactor: 100 });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  const parties = await ruHostAndOperator(t, 'ru.notice.operator@konok.example');
  const notice = await approvedNotice(parties, { surname: 'Lindqvist', givenNames: 'Erik' });
  registrationNumber = notice.registrationNumber;
  credentials = { email: parties.email, password: parties.password };
  const pdf = (await parties.host.get(`/api/registrations/${notice.id}/card.pdf`)).rawPayload;
  seal = (await qrOfPdf(pdf)).url!.split('/v/')[1]!;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the verification page of a Russian deployment', () => {
  it('checks the notice’s seal and speaks of the notice and the Ministry, in Russian and in English', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ky-KG' });
    const page = await context.newPage();
    await page.goto(`${base}/v/${seal}`);
    const verdict = page.locator('[data-verdict]');
    await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 15_000 }).toBe('valid');
    // A Kyrgyz browser gets the deployment's default language: Kyrgyz is not one of its own.
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.locator('h1').innerText()).toBe('Проверка уведомления о прибытии');
    expect(await page.locator('.authority').innerText()).toContain(
      'МИНИСТЕРСТВО ВНУТРЕННИХ ДЕЛ РОССИЙСКОЙ ФЕДЕРАЦИИ',
    );
    expect(await page.locator('.languages button').allInnerTexts()).toEqual(['Рус', 'Eng']);
    let text = await page.locator('body').innerText();
    expect(text).toContain(registrationNumber);
    expect(text).toContain('LINDQVIST');
    // The place's code is a digest of the address here: no row for it.
    expect(text).not.toContain('Код объекта');
    expect(text).not.toMatch(KYRGYZ);
    await expectAccessible(page);
    await shot(page, 'verify-ru');

    await page.getByRole('button', { name: 'Eng' }).click();
    expect(await page.locator('h1').innerText()).toBe('Notice of arrival check');
    expect(await page.locator('.authority').innerText()).toContain(
      'MINISTRY OF INTERNAL AFFAIRS OF THE RUSSIAN FEDERATION',
    );
    text = await page.locator('body').innerText();
    expect(text).toContain('The seal is genuine');
    expect(text).not.toMatch(KYRGYZ);
    await shot(page, 'verify-en');
    await context.close();
  });

  it('is reached from the notice the host prints in the cabinet’s archive', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'ru-RU',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.request.get(`${base}/api/session`);
    const csrf = (await context.cookies(base)).find((c) => c.name === 'konok_csrf')!.value;
    const login = await page.request.post(`${base}/api/login`, {
      data: credentials,
      headers: { 'x-csrf-token': csrf },
    });
    expect(login.status()).toBe(200);
    await page.goto(`${base}/cabinet/archive`);
    const print = page.getByRole('link', { name: /^Распечатать уведомление/ });
    await print.waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(KYRGYZ);
    await shot(page, 'archive-ru');
    const [download] = await Promise.all([page.waitForEvent('download'), print.click()]);
    expect(download.suggestedFilename()).toBe(`arrival-notice-${registrationNumber}.pdf`);
    const pdf = fs.readFileSync(await download.path());
    expect(await pdfText(pdf)).toContain('Отрывная часть уведомления о прибытии');
    await context.close();
  });
});
