import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPassportPage } from '../../scripts/mrz-samples';
import { seedDemoData } from '../../src/server/demo/demo-data';
import { DEMO } from '../../src/server/demo/demo-logins';
import { formatDate } from '../../src/shared/dates';
import { addDays, todayIso } from '../../src/shared/schemas';
import {
  dateValue,
  expectAccessible,
  expectFitsWidth,
  fillDate,
  launchChromium,
  screenshots,
} from '../support/browser';
import { journey } from '../support/journey';
import { warmUpPassportReaders } from '../support/passport-readers';
import { buildTestApp, type TestApp } from '../support/test-app';
import { tr } from '../support/words';

// The demo host registers a foreigner from the passport page to a paid, submitted application, in
// each language, on a desktop and on a phone; the payment goes through the sandbox acquirer's page.
let t: TestApp;
let base: string;
let browser: Browser;

beforeAll(async () => {
  // Workers on: the sandbox delivers its callbacks and the outbox sends, as in a real start.
  t = await buildTestApp({}, { startWorkers: true });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  await seedDemoData(t.app.ctx);
  await warmUpPassportReaders(t.app);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const WORDS = {
  en: {
    tab: 'Register a foreigner',
    passport: 'Page of the foreigner’s passport with the machine-readable zone',
    filled: 'The fields were filled from the passport.',
    camera: 'Turn on the camera',
    take: 'Take photo',
    check: 'Check data',
    problem: 'There is a problem',
    review: 'Check your answers',
    change: 'Change',
    pin: 'Your PIN (6 digits)',
    confirm: 'Confirm',
    pay: 'Pay 103.00 KGS',
    paid: /The fee is paid\. Application \d{4}-\d{6} is submitted/,
    failed: /The payment did not go through: the bank declined the card/,
    payAgain: 'Pay again',
    archive: 'Go to the registration archive',
    paidCell: 'Paid',
    submitted: 'Application submitted',
    property: 'Property (housing stock)',
    entry: 'Date of entry into the country',
    phone: /^Foreigner’s mobile phone/,
    from: 'Registration from',
    to: 'Registration until',
    purpose: 'Purpose of the stay',
    issue: 'Passport issue date',
    cancel: 'Cancel the application',
    cancelled: /^Application \d{4}-\d{6} was cancelled\.$/,
    wrongPin: /The PIN is wrong/,
  },
  ru: {
    tab: 'Регистрация иностранного гражданина',
    passport: 'Страница паспорта иностранца с машиносчитываемой зоной',
    filled: /Поля заполнены из паспорта/,
    camera: 'Включить камеру',
    take: 'Сделать снимок',
    check: 'Проверка данных',
    problem: /Есть ошибки|Исправьте/,
    review: 'Проверьте данные',
    change: 'Изменить',
    pin: 'Ваш PIN-код (6 цифр)',
    confirm: 'Подтвердить',
    pay: 'Оплатить 103,00 KGS',
    paid: /Госпошлина оплачена\. Заявка \d{4}-\d{6} подана/,
    failed: /Оплата не прошла/,
    payAgain: 'Оплатить ещё раз',
    archive: 'Перейти в архив регистрации',
    paidCell: 'Оплачено',
    submitted: 'Заявка подана',
    property: 'Жилой фонд',
    entry: 'Дата въезда в страну',
    phone: /^Мобильный телефон иностранца/,
    from: 'Дата регистрации с',
    to: 'Дата регистрации по',
    purpose: 'Цель пребывания',
    issue: /^Дата выдачи паспорта/,
    cancel: 'Отменить заявку',
    cancelled: /^Заявка \d{4}-\d{6} отменена\.$/,
    wrongPin: /PIN/,
  },
  ky: {
    tab: 'Чет элдикти каттоо',
    passport: 'Чет элдиктин паспортунун машина окуй турган аймагы бар бети',
    filled: /Талаалар паспорттон толтурулду/,
    camera: /камераны күйгүзүү/i,
    take: /Сүрөткө тартуу/i,
    check: 'Маалыматтарды текшерүү',
    problem: /ката/i,
    review: 'Маалыматтарды текшериңиз',
    change: 'Өзгөртүү',
    pin: 'Сиздин PIN-кодуңуз (6 сан)',
    confirm: 'Ырастоо',
    pay: 'Төлөө 103,00 KGS',
    paid: /Мамлекеттик алым төлөндү\. \d{4}-\d{6} арызы берилди/,
    failed: /Төлөм өткөн жок/,
    payAgain: 'Кайра төлөө',
    archive: 'Каттоо архивине өтүү',
    paidCell: 'Төлөндү',
    submitted: /берилди/,
    property: 'Турак жай фонду',
    entry: 'Өлкөгө кирген күнү',
    phone: /^Чет элдиктин мобилдик телефону/,
    from: 'Каттоо күнүнөн',
    to: 'Каттоо күнүнө чейин',
    purpose: 'Болуу максаты',
    issue: 'Паспорт берилген күн',
    cancel: /жокко чыгаруу/i,
    cancelled: /^\d{4}-\d{6} арызы жокко чыгарылды\.$/,
    wrongPin: /PIN/,
  },
} as const;

/** Invented foreigners, one per journey. */
const GUESTS = [
  { surname: 'LAURENT', givenNames: 'CAMILLE', documentNumber: '21FR84517', state: 'FRA', sex: 'F' as const },
  { surname: 'ROSSI', givenNames: 'MARCO', documentNumber: 'YA5518273', state: 'ITA', sex: 'M' as const },
  { surname: 'KOWALSKA', givenNames: 'EWA', documentNumber: 'EK7291834', state: 'POL', sex: 'F' as const },
  { surname: 'NIELSEN', givenNames: 'SOFIE', documentNumber: '208815376', state: 'DNK', sex: 'F' as const },
];

async function loggedIn(language: keyof typeof WORDS, width: number) {
  const context = await browser.newContext({
    viewport: { width, height: width < 500 ? 740 : 900 },
    locale: language === 'en' ? 'en-US' : 'ru-RU',
  });
  await context.addCookies([{ name: 'lang', value: language, url: base }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.request.get(`${base}/api/session`);
  const csrf = (await context.cookies(base)).find((c) => c.name === 'konok_csrf')!.value;
  const login = await page.request.post(`${base}/api/login`, {
    data: { email: DEMO.host.email, password: DEMO.host.password },
    headers: { 'x-csrf-token': csrf },
  });
  expect(login.status()).toBe(200);
  return { context, page };
}

/** The sandbox acquirer's page: the card form, as a payer fills it in. */
async function payOnSandbox(page: Page, words: (typeof WORDS)[keyof typeof WORDS], card: string) {
  await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/sandbox-acquirer/pay/');
  await page.locator('#card').fill(card);
  await page.locator('#expiry').fill('1230');
  await page.locator('#cvc').fill('123');
  await page.locator('#holder').fill('ANNA HOST');
  await page.getByRole('button', { name: words.pay }).click();
  await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/cabinet/payment/');
}

const today = todayIso();
const readingShot = screenshots('register-reading');

// Once, in English on a phone: the layout test reads these pages in every language and width, and
// the other journeys register in Russian and Kyrgyz.
for (const [index, [language, width]] of ([['en', 360]] as const).entries()) {
  describe(`a foreigner registered and paid for, in ${language} at ${width} px`, () => {
    const w = WORDS[language];
    const guest = GUESTS[index]!;
    const step = journey();
    const shot = screenshots(`register-${language}-${width}`);
    let page: Page;

    step('the form: passport page read into the fields, webcam photo, the rest typed', async () => {
      ({ page } = await loggedIn(language, width));
      await page.goto(`${base}/cabinet`);
      await page.getByRole('link', { name: w.tab }).click();
      await page.getByLabel(w.property).waitFor();
      // Filled in already, and changeable: the foreigner came and stays from today.
      expect(await dateValue(page, w.entry)).toBe(today);
      expect(await dateValue(page, w.from)).toBe(today);
      expect(await dateValue(page, w.to)).toBe(addDays(today, 59));
      await shot(page, 'form-empty');
      await expectFitsWidth(page);

      // Everything is checked at once, each message on its field.
      await page.getByRole('button', { name: w.check }).click();
      await expect.poll(() => page.locator('.error-summary li').count()).toBeGreaterThanOrEqual(12);
      await shot(page, 'form-errors');

      // A date typed in part, or one that does not exist, is refused on its own field before
      // anything is sent, in the page's language.
      const checks: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/api/registrations/check')) checks.push(request.url());
      });
      const periodTo = page.getByRole('group', { name: w.to });
      const summaryLink = (key: string) =>
        page.locator('.error-summary').getByRole('link', { name: tr(language, key), exact: true });
      await fillDate(page, w.to, `${Number(today.slice(0, 4)) + 1}-02-31`);
      await page.getByRole('button', { name: w.check }).click();
      await summaryLink('errors.date.invalid').waitFor();
      expect(await periodTo.locator('.field-error').innerText()).toBe(tr(language, 'errors.date.invalid'));
      // Only the day is wrong in 31 February: only its box is marked.
      expect(
        await periodTo.getByRole('textbox').evaluateAll((boxes) => boxes.map((b) => b.ariaInvalid)),
      ).toEqual(['true', 'false', 'false']);
      await periodTo.getByRole('textbox').nth(1).fill('');
      await page.getByRole('button', { name: w.check }).click();
      await summaryLink('errors.date.missingMonth').waitFor();
      expect(await periodTo.locator('.field-error').innerText()).toBe(
        tr(language, 'errors.date.missingMonth'),
      );
      await periodTo.getByRole('textbox').nth(1).fill('март');
      await page.getByRole('button', { name: w.check }).click();
      await summaryLink('errors.date.numbers').waitFor();
      expect(checks).toEqual([]);
      await shot(page, 'form-date-errors');

      await page.getByLabel(w.passport).setInputFiles({
        name: 'passport.png',
        mimeType: 'image/png',
        buffer: await renderPassportPage({
          documentCode: 'P',
          issuingState: guest.state,
          surname: guest.surname,
          givenNames: guest.givenNames,
          documentNumber: guest.documentNumber,
          nationality: guest.state,
          birthDate: '1992-03-14',
          sex: guest.sex,
          expiryDate: '2033-03-13',
          personalNumber: '',
        }),
      });
      await expect.poll(() => page.getByText(w.filled).isVisible(), { timeout: 30_000 }).toBe(true);
      expect(await page.locator('#field-surname').inputValue()).toBe(guest.surname);
      expect(await page.locator('#field-passportNumber').inputValue()).toBe(guest.documentNumber);
      expect(await page.locator('#field-passportCountry').inputValue()).toBe(guest.state);

      await page.getByRole('button', { name: w.camera }).click();
      await expect
        .poll(() => page.evaluate(() => document.querySelector('video')?.videoWidth ?? 0), {
          timeout: 15_000,
        })
        .toBeGreaterThan(0);
      await page.getByRole('button', { name: w.take }).click();
      await expect.poll(() => page.locator('img.webcam-photo, .webcam-frame img').count()).toBeGreaterThan(0);

      const property = page.getByLabel(w.property);
      await property.selectOption({ index: 1 });
      await fillDate(page, w.issue, '2023-03-14');
      await fillDate(page, w.entry, addDays(today, -1));
      await page.getByLabel(w.phone).fill('+33 6 12 34 56 78');
      await fillDate(page, w.from, today);
      await fillDate(page, w.to, addDays(today, 14));
      await page.getByLabel(w.purpose).selectOption('tourism');
      // Saved as a draft while typing: a closed tab loses nothing.
      await expect
        .poll(() => new URL(page.url()).searchParams.get('draft'), { timeout: 10_000 })
        .toMatch(/^\d+$/);
      await shot(page, 'form-filled');
      await expectAccessible(page);
    });

    step('check answers, a «Change» that comes back, a wrong PIN, then the right one', async () => {
      await page.getByRole('button', { name: w.check }).click();
      await page.getByRole('heading', { name: w.review }).waitFor();
      expect(await page.getByText(guest.surname, { exact: true }).isVisible()).toBe(true);
      // The fee as the acquirer's page will write it: one amount, one way, per language.
      expect(
        await page.getByText(language === 'en' ? '103.00 KGS' : '103,00 KGS', { exact: true }).isVisible(),
      ).toBe(true);
      await shot(page, 'check-answers');
      await expectAccessible(page);
      await expectFitsWidth(page);

      // «Change» the phone: the form opens on that field; checking again returns here.
      await page.getByRole('button', { name: new RegExp(`^${w.change}.*(phone|телефон)`, 'i') }).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-phone');
      await page.locator('#field-phone').fill('+33 6 99 88 77 66');
      await page.getByRole('button', { name: w.check }).click();
      await page.getByRole('heading', { name: w.review }).waitFor();
      expect(await page.getByText('+33699887766').isVisible()).toBe(true);

      await page.getByLabel(w.pin).fill('000000');
      await page.getByRole('button', { name: w.confirm }).click();
      await expect.poll(() => page.locator('#field-pin-error').isVisible()).toBe(true);
      expect(await page.locator('#field-pin-error').innerText()).toMatch(w.wrongPin);
      await shot(page, 'wrong-pin');
      await page.getByLabel(w.pin).fill(DEMO.host.pin);
      await page.getByRole('button', { name: w.confirm }).click();
    });

    step('pays on the acquirer’s page: a declined card first, then a good one', async () => {
      await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/sandbox-acquirer/pay/');
      expect(await page.getByRole('button', { name: w.pay }).isVisible()).toBe(true);
      await shot(page, 'sandbox-page');
      await expectFitsWidth(page);
      await payOnSandbox(page, w, '4000 0000 0000 0002');
      await expect.poll(() => page.getByText(w.failed).isVisible(), { timeout: 15_000 }).toBe(true);
      await shot(page, 'payment-declined');
      await page.getByRole('button', { name: w.payAgain }).click();
      await payOnSandbox(page, w, '4111 1111 1111 1111');
      await expect.poll(() => page.getByText(w.paid).isVisible(), { timeout: 15_000 }).toBe(true);
      await shot(page, 'payment-paid');
      await expectAccessible(page);
    });

    step('the archive shows it paid and submitted; another application is cancelled', async () => {
      await page.getByRole('link', { name: w.archive }).click();
      const row = page.locator('tbody tr', { hasText: `${guest.surname} ${guest.givenNames}` });
      await row.waitFor();
      expect(await row.getByText(w.paidCell, { exact: true }).isVisible()).toBe(true);
      expect(await row.getByText(w.submitted).isVisible()).toBe(true);
      await shot(page, 'archive-paid');
      await expectFitsWidth(page);
      // The demo host's other application awaiting payment can be cancelled.
      const cancellable = page
        .locator('tbody tr', { hasNot: page.getByText(guest.surname) })
        // Named for screen readers by the application it cancels.
        .getByRole('button', { name: /Cancel application|Отменить заявку|арызын жокко чыгаруу/ });
      await cancellable.first().click();
      await page.getByRole('dialog').getByRole('button', { name: w.cancel }).click();
      await expect.poll(() => page.getByText(w.cancelled).isVisible()).toBe(true);
      await shot(page, 'archive-cancelled');
      await page.context().close();
    });
  });
}

describe('reading the passport holds nobody up', () => {
  it('the host types on while the page is read; the reading fills only what was left alone', async () => {
    const language = 'ru';
    const { context, page } = await loggedIn(language, 360);
    const guest = { surname: 'MORENO', givenNames: 'LUCIA', documentNumber: 'PA4418206', state: 'ESP' };
    // A busy reader: the answer comes seconds after the page is sent.
    await page.route('**/api/documents/mrz', async (route) => {
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 4000));
      await route.fulfill({ response });
    });
    await page.goto(`${base}/cabinet/register`);
    await page.getByLabel(WORDS.ru.property).waitFor();
    await page.getByLabel(WORDS.ru.passport).setInputFiles({
      name: 'passport.png',
      mimeType: 'image/png',
      buffer: await renderPassportPage({
        documentCode: 'P',
        issuingState: guest.state,
        surname: guest.surname,
        givenNames: guest.givenNames,
        documentNumber: guest.documentNumber,
        nationality: guest.state,
        birthDate: '1994-08-21',
        sex: 'F',
        expiryDate: '2034-08-20',
        personalNumber: '',
      }),
    });
    // The progress is announced: a live region says the page is being read.
    const progress = page.getByRole('status').filter({ hasText: tr(language, 'mrz.readingKeepTyping') });
    await progress.waitFor();
    expect(await progress.getAttribute('aria-live')).toBe('polite');

    // Meanwhile the host fills in other fields, and one the passport fills too.
    await page.getByLabel(WORDS.ru.phone).fill('+34 612 345 678');
    await fillDate(page, WORDS.ru.entry, addDays(today, -2));
    await page.locator('#field-passportNumber').fill('PA0000001');
    expect(await progress.isVisible()).toBe(true);
    await readingShot(page, 'typing-while-reading');

    await expect.poll(() => page.getByText(WORDS.ru.filled).isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await progress.count()).toBe(0);
    // What was typed stays…
    expect(await page.getByLabel(WORDS.ru.phone).inputValue()).toBe('+34 612 345 678');
    expect(await dateValue(page, WORDS.ru.entry)).toBe(addDays(today, -2));
    expect(await page.locator('#field-passportNumber').inputValue()).toBe('PA0000001');
    // …with what the passport says beside it, for the host to check;
    expect(await page.locator('label[for="field-passportNumber"] .badge').innerText()).toContain(
      guest.documentNumber,
    );
    // and the fields left alone are filled from the passport.
    expect(await page.locator('#field-surname').inputValue()).toBe(guest.surname);
    expect(await page.locator('#field-givenNames').inputValue()).toBe(guest.givenNames);
    expect(await dateValue(page, /^Дата рождения/)).toBe('1994-08-21');
    expect(await page.locator('#field-passportCountry').inputValue()).toBe(guest.state);
    // A passport valid for years leaves the usual stay as it was.
    expect(await dateValue(page, WORDS.ru.to)).toBe(addDays(today, 59));
    await readingShot(page, 'read-after-typing');
    await context.close();
  });

  it('the suggested period ends with the passport when the passport runs out sooner, and says so', async () => {
    const language = 'ky';
    const { context, page } = await loggedIn(language, 1280);
    await page.goto(`${base}/cabinet/register`);
    await page.getByLabel(WORDS.ky.property).waitFor();
    const usualEnd = addDays(today, 59);
    expect(await dateValue(page, WORDS.ky.to)).toBe(usualEnd);
    const periodTo = page.getByRole('group', { name: WORDS.ky.to });
    const capped = (expiry: string) =>
      tr(language, 'registration.periodToCapped', { date: formatDate(expiry, language) });

    // Valid for 20 more days: the period stops there, shown and changeable.
    const expiry = addDays(today, 20);
    await fillDate(page, tr(language, 'signup.passportExpiryDate'), expiry);
    await expect.poll(() => dateValue(page, WORDS.ky.to)).toBe(expiry);
    expect(await periodTo.locator('.hint').innerText()).toContain(capped(expiry));
    await readingShot(page, 'period-capped');
    // A passport corrected to a later date: the suggestion follows it back to the usual stay.
    await fillDate(page, tr(language, 'signup.passportExpiryDate'), addDays(today, 400));
    await expect.poll(() => dateValue(page, WORDS.ky.to)).toBe(usualEnd);
    expect(await periodTo.locator('.hint').innerText()).not.toContain(capped(expiry));

    // A day the host chose stays theirs, whatever the passport says after.
    await fillDate(page, WORDS.ky.to, addDays(today, 30));
    await fillDate(page, tr(language, 'signup.passportExpiryDate'), addDays(today, 10));
    await expect
      .poll(() => dateValue(page, tr(language, 'signup.passportExpiryDate')))
      .toBe(addDays(today, 10));
    expect(await dateValue(page, WORDS.ky.to)).toBe(addDays(today, 30));
    await context.close();
  });
});
