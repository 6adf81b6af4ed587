import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPassportPage } from '../../scripts/mrz-samples';
import {
  dateValue,
  expectAccessible as expectPageAccessible,
  fillDate,
  launchChromium,
  screenshots,
} from '../support/browser';
import { warmUpPassportReaders } from '../support/passport-readers';
import { buildTestApp, type TestApp } from '../support/test-app';

const shoot = screenshots('host-signup');
let t: TestApp;
let base: string;
let browser: Browser;
let page: Page;

const shot = (name: string) => shoot(page, name);
const expectAccessible = () => expectPageAccessible(page);

interface MailboxMessage {
  id: number;
  channel: 'email' | 'sms';
  recipient: string;
  body: string;
}
/** The newest message id in the dev mailbox: codes sent after it are new. */
async function mailboxMark(): Promise<number> {
  const { messages } = (await (await fetch(`${base}/api/dev/mailbox`)).json()) as {
    messages: MailboxMessage[];
  };
  return Math.max(0, ...messages.map((m) => m.id));
}

/** The newest code sent to a recipient, as the dev mailbox shows it once the outbox worker has "sent" it. */
async function lastCode(recipient: string, channel: 'email' | 'sms' = 'email', after = 0): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await fetch(`${base}/api/dev/mailbox`);
    const { messages } = (await response.json()) as { messages: MailboxMessage[] };
    const message = messages.find((m) => m.recipient === recipient && m.channel === channel && m.id > after);
    const code = /(\d{6})/.exec(message?.body ?? '')?.[1];
    if (code || Date.now() > deadline) return code ?? '';
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  t = await buildTestApp({}, { startWorkers: true });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
  await warmUpPassportReaders(t.app);
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1200, height: 900 },
    locale: 'ru-RU',
    permissions: ['camera'],
  });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const passportHolder = {
  documentCode: 'P',
  issuingState: 'KGZ',
  surname: 'ESENOVA',
  givenNames: 'AIGUL',
  documentNumber: 'ID0012345',
  nationality: 'KGZ',
  birthDate: '1988-04-12',
  sex: 'F' as const,
  expiryDate: '2031-06-01',
  personalNumber: '',
};

const host = {
  email: 'aigul.e2e@example.kg',
  password: 'mountains of talas 2026',
  newPassword: 'issyk kul in summer 2027',
};

describe('a host opens a cabinet and uses tab 1', () => {
  it('home page in Russian, then English; language is remembered', async () => {
    await page.goto(base);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Вход в личный кабинет' }).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: 'Контакты' }).isVisible()).toBe(true);
    await shot('home-ru');
    await expectAccessible();

    await page.getByLabel('Язык').selectOption('ky');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Жеке кабинетке кирүү' }).isVisible())
      .toBe(true);
    await shot('home-ky');
    await page.getByLabel('Тил').selectOption('en');
    await page.reload();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Log in to your cabinet' }).isVisible())
      .toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    // The status check answers honestly from the database.
    await page.getByLabel('Application or registration number').fill('2026000001');
    await page.getByLabel('Foreigner’s passport number').fill('N1234567');
    await page.getByRole('button', { name: 'Check status' }).click();
    await expect
      .poll(() =>
        page.getByText('No registration with this number and passport number was found.').isVisible(),
      )
      .toBe(true);
    await shot('home-en-status-not-found');
  });

  it('step 1: subject type, consent, security check', async () => {
    await page.getByRole('link', { name: 'Open a cabinet' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'There is a problem' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Choose the subject type' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Complete the security check' }).isVisible()).toBe(true);
    await shot('signup-step1-errors');

    await page.getByLabel('Citizen of the Kyrgyz Republic who owns housing').check();
    await page.getByLabel('I have read and accept the user agreement and the privacy policy').check();
    await page.getByRole('checkbox', { name: "I'm not a robot" }).click();
    await expect.poll(() => page.getByText('Verified').isVisible(), { timeout: 20_000 }).toBe(true);
    await expectAccessible();
    await shot('signup-step1-filled');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Your details' }).isVisible()).toBe(true);
  });

  it('step 2: errors on every field, then passport page, webcam photo and data', async () => {
    await page.getByRole('button', { name: 'Send data' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'There is a problem' }).isVisible()).toBe(true);
    expect(await page.locator('.error-summary li').count()).toBeGreaterThanOrEqual(12);
    await shot('signup-step2-errors');

    // The passport page is read on upload: the fields fill themselves and say so.
    await page.getByLabel('Scanned passport page with the machine-readable zone').setInputFiles({
      name: 'passport.png',
      mimeType: 'image/png',
      buffer: await renderPassportPage(passportHolder),
    });
    await expect
      .poll(() => page.getByText('The fields were filled from the passport.').isVisible(), {
        timeout: 30_000,
      })
      .toBe(true);
    expect(await page.getByLabel(/^Surname as in the passport/).inputValue()).toBe('ESENOVA');
    expect(await page.getByLabel(/^Given names as in the passport/).inputValue()).toBe('AIGUL');
    expect(await dateValue(page, /^Date of birth as in the passport/)).toBe('1988-04-12');
    expect(await page.getByLabel(/^Passport number/).inputValue()).toBe('ID0012345');
    expect(await dateValue(page, /^Passport valid until/)).toBe('2031-06-01');
    expect(await page.getByLabel(/^Passport country/).inputValue()).toBe('KGZ');
    expect(await page.locator('label[for="field-surname"] .badge').innerText()).toContain(
      'filled from the passport',
    );
    await shot('signup-step2-filled-from-passport');

    await page.getByRole('button', { name: 'Turn on the camera' }).click();
    await expect
      .poll(() => page.evaluate(() => document.querySelector('video')?.videoWidth ?? 0), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Take photo' }).click();
    await expect.poll(() => page.getByRole('img', { name: 'Your photo' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Retake' }).isVisible()).toBe(true);

    await page.getByLabel(/^Surname as in the passport \(Latin letters\)/).fill('Esenova');
    await page.getByLabel(/^Given names as in the passport \(Latin letters\)/).fill('Aigul');
    await fillDate(page, /^Date of birth as in the passport/, '1988-04-12');
    await page.getByLabel(/^Sex as in the passport/).selectOption('F');
    await page.getByLabel(/^Passport type/).selectOption('id_card');
    await page.getByLabel(/^Passport country/).selectOption('KGZ');
    await page.getByLabel(/^Passport number \(without spaces\)/).fill('ID 0012345');
    // The issue date's year is still to come: its own message, on its field, before anything is sent.
    await fillDate(page, 'Passport issue date', '2021-06-01');
    await page.getByRole('group', { name: 'Passport issue date' }).getByRole('textbox').nth(2).fill('');
    // Picked on the calendar instead of typed: the calendar fills the same boxes.
    const validUntil = page.getByRole('group', { name: /^Passport valid until/ });
    await validUntil.getByRole('button', { name: 'Choose the date on a calendar' }).click();
    await validUntil.locator('input[type=date]').fill('2031-06-01');
    expect(await dateValue(page, /^Passport valid until/)).toBe('2031-06-01');
    await page.getByLabel('Mobile number of a Kyrgyz operator (996-XXX-XXXXXX)').fill('996-777-112233');
    await page.getByLabel('E-mail address (your login)').fill(host.email);
    await page.getByLabel('Password', { exact: true }).fill('password123');
    await page.getByLabel('Repeat the password').fill('password124');
    await page.getByRole('button', { name: 'Send data' }).click();
    // The client catches the space and the mismatch; typed values stay.
    await expect
      .poll(() => page.getByRole('link', { name: 'Enter the passport number without spaces' }).isVisible())
      .toBe(true);
    expect(await page.getByRole('link', { name: 'The passwords do not match' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Enter the year' }).isVisible()).toBe(true);
    expect(await page.getByLabel(/^Surname as in the passport \(Latin letters\)/).inputValue()).toBe(
      'Esenova',
    );
    await shot('signup-step2-field-errors');

    await page.getByLabel(/^Passport number \(without spaces\)/).fill('ID0012345');
    await fillDate(page, 'Passport issue date', '2021-06-01');
    await page.getByLabel('Repeat the password').fill('password123');
    await page.getByRole('button', { name: 'Send data' }).click();
    // Only the server knows the breached-password list: its message lands on the field.
    await expect
      .poll(() => page.getByRole('link', { name: /too common or easy to guess/ }).isVisible())
      .toBe(true);
    await shot('signup-step2-server-error');
    await expectAccessible();

    await page.getByLabel('Password', { exact: true }).fill(host.password);
    await page.getByLabel('Repeat the password').fill(host.password);
    await shot('signup-step2-filled');
    await page.getByRole('button', { name: 'Send data' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Activate your cabinet' }).isVisible())
      .toBe(true);
  });

  it('step 3: activation code with a countdown; a wrong code is explained; then the PIN arrives', async () => {
    await expect
      .poll(() => page.getByText(/Time left to enter the code: (10:00|9:\d\d)/).isVisible())
      .toBe(true);
    expect(
      await page.getByText(`The activation code was sent to your e-mail address ${host.email}`).isVisible(),
    ).toBe(true);
    expect(await page.getByText('996-777-112233').isVisible()).toBe(true);
    await shot('activation');
    await expectAccessible();

    const code = await lastCode(host.email);
    expect(code).toMatch(/^\d{6}$/);
    expect(await lastCode('996777112233', 'sms')).toBe(code);
    await page.getByLabel('Activation code').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect
      .poll(() => page.getByRole('link', { name: 'The code is wrong. Attempts left: 4' }).isVisible())
      .toBe(true);
    await shot('activation-wrong-code');

    await page.getByLabel('Activation code').fill(code);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect
      .poll(() => page.getByRole('dialog', { name: 'Your cabinet is activated' }).isVisible())
      .toBe(true);
    await shot('activation-done');
    await page.getByRole('button', { name: 'OK' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Log in to your cabinet' }).isVisible())
      .toBe(true);

    await page.goto(`${base}/dev/mailbox`);
    await expect.poll(() => page.getByText('Your permanent PIN').isVisible()).toBe(true);
    await shot('dev-mailbox');
  });

  it('logs in and uses tab 1: data, phone change, password change, PIN recovery, logout', async () => {
    await page.goto(base);
    await page.getByLabel('Login (e-mail address)').fill(host.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Log in to your cabinet' }).click();
    await expect
      .poll(() =>
        page
          .getByText(/The e-mail or password is wrong/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await page.getByLabel('Password', { exact: true }).fill(host.password);
    await page.getByRole('button', { name: 'Show password' }).click();
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('type')).toBe('text');
    await page.getByRole('button', { name: 'Log in to your cabinet' }).click();

    await expect.poll(() => page.getByRole('heading', { name: 'General data' }).isVisible()).toBe(true);
    const data = await page.locator('.summary-list').innerText();
    expect(data).toContain('ESENOVA');
    expect(data).toContain('ID***45');
    expect(data).not.toContain('ID0012345');
    expect(data).toContain('1 Jun 2031');
    await shot('cabinet');
    await expectAccessible();

    await page.getByLabel('New mobile number of a Kyrgyz operator (996-XXX-XXXXXX)').fill('996-555-443322');
    await page.getByRole('button', { name: 'Change phone' }).click();
    await expect
      .poll(() => page.getByText('A code was sent by SMS to 996-555-443322').isVisible())
      .toBe(true);
    await page.getByLabel('Code from the SMS').fill(await lastCode('996555443322', 'sms'));
    await page.getByRole('button', { name: 'Confirm the new number' }).click();
    await expect.poll(() => page.getByTestId('account-phone').innerText()).toBe('996-555-443322');

    await page.getByLabel('Current password', { exact: true }).first().fill('wrong current password');
    await page.getByLabel('New password', { exact: true }).fill(host.newPassword);
    await page.getByLabel('Repeat the new password').fill(host.newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect
      .poll(() => page.getByRole('link', { name: 'The current password is wrong' }).isVisible())
      .toBe(true);
    await page.getByLabel('Current password', { exact: true }).first().fill(host.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByText('Your password has been changed.').isVisible()).toBe(true);

    await page.locator('#field-pinPassword').fill(host.newPassword);
    await page.getByRole('button', { name: 'Send a new PIN' }).click();
    await expect
      .poll(() => page.getByText('A new PIN has been sent to your e-mail and phone.').isVisible())
      .toBe(true);
    await shot('cabinet-after-changes');

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Log in to your cabinet' }).isVisible())
      .toBe(true);
    await page.goto(`${base}/cabinet`);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Log in to your cabinet' }).isVisible())
      .toBe(true);
  });

  it('recovers a forgotten password with a code from the e-mail', async () => {
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Login (e-mail address)').fill(host.email);
    const mark = await mailboxMark();
    await page.getByRole('button', { name: 'Send code' }).click();
    // The answer takes a password hash's time for everyone (see credentials.service): give it that.
    await expect
      .poll(() => page.getByText(/a code has been sent to it/).isVisible(), { timeout: 10_000 })
      .toBe(true);
    await expectAccessible();
    await page.getByLabel('Code from the e-mail').fill(await lastCode(host.email, 'email', mark));
    await page.getByLabel('New password', { exact: true }).fill('a third passphrase here');
    await page.getByLabel('Repeat the new password').fill('a third passphrase here');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect
      .poll(() => page.getByText('Your password has been changed. You can now log in.').isVisible())
      .toBe(true);
    await shot('password-recovered');
  });

  it('the legal pages are real and accessible', async () => {
    await page.goto(`${base}/terms`);
    await expect.poll(() => page.getByRole('heading', { name: 'User agreement' }).isVisible()).toBe(true);
    await expectAccessible();
    await page.goto(`${base}/privacy`);
    await expect.poll(() => page.getByRole('heading', { name: 'Privacy policy' }).isVisible()).toBe(true);
    await expectAccessible();
    await shot('privacy');
  });
});
