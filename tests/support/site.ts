import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startPayment } from '../../src/server/modules/payments/payments.service';
import { payOnSandboxPage } from '../../src/server/sandbox-acquirer/payer';
import { launchChromium } from './browser';
import { buildTestApp, type TestApp } from './test-app';
import { tr, type Language } from './words';

export interface Credentials {
  email: string;
  password: string;
  oneTimeCode?: string;
}

/**
 * Konok listening on a free loopback port, and a headless Chromium to read it: what a browser
 * journey needs. Its workers run unless told not to: the sandbox acquirer delivers its callbacks,
 * the outbox sends, the maintenance jobs tidy up.
 */
export class Site {
  private constructor(
    readonly t: TestApp,
    readonly base: string,
    readonly browser: Browser,
  ) {}

  static async open(options: { startWorkers?: boolean; profile?: 'kg' | 'ru' } = {}): Promise<Site> {
    const t = await buildTestApp(options.profile ? { profile: options.profile } : {}, {
      startWorkers: options.startWorkers ?? true,
    });
    try {
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      const base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
      return new Site(t, base, await launchChromium());
    } catch (error) {
      await t.close();
      throw error;
    }
  }

  async close() {
    await this.browser.close();
    await this.t.close();
  }

  /** A new window with its own cookies, `width` px wide, reading Konok in `language`. */
  async newPage(language: Language, width: number, options: { acceptDownloads?: boolean } = {}) {
    const context = await this.browser.newContext({
      viewport: { width, height: width < 500 ? 740 : 900 },
      locale: language === 'en' ? 'en-US' : 'ru-RU',
      acceptDownloads: options.acceptDownloads ?? false,
    });
    await context.addCookies([{ name: 'lang', value: language, url: this.base }]);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    return page;
  }

  /** A new window already signed in, through the API as the web app signs in, for a journey about what comes after. */
  async signedInPage(language: Language, width: number, credentials: Credentials) {
    const page = await this.newPage(language, width);
    await page.request.get(`${this.base}/api/session`);
    const csrf = (await page.context().cookies(this.base)).find((c) => c.name === 'konok_csrf')!.value;
    const login = await page.request.post(`${this.base}/api/login`, {
      data: credentials,
      headers: { 'x-csrf-token': csrf },
    });
    expect(login.status()).toBe(200);
    return page;
  }

  /** The home page's login form, filled in and sent as a person does; an operator's code is asked next. */
  async logIn(page: Page, language: Language, credentials: Credentials) {
    await page.goto(this.base);
    await page.getByLabel(tr(language, 'home.email')).fill(credentials.email);
    await page.getByLabel(tr(language, 'home.password'), { exact: true }).fill(credentials.password);
    await page.getByRole('button', { name: tr(language, 'home.loginButton') }).click();
  }

  /**
   * An application awaiting payment, paid on the sandbox acquirer's page; back when the acquirer's
   * callback has made it submitted.
   */
  async pay(hostId: number, registrationId: number) {
    const { redirectUrl } = await startPayment(this.t.app.ctx, hostId, registrationId, 'en');
    const paid = await payOnSandboxPage(redirectUrl);
    if (paid.status !== 303) throw new Error(`the sandbox refused the payment (${paid.status})`);
    await until('the acquirer’s callback to submit the application', async () => {
      const row = await this.t.db
        .selectFrom('registrations')
        .select('status')
        .where('id', '=', registrationId)
        .executeTakeFirstOrThrow();
      return row.status === 'submitted';
    });
  }
}

/** Outside a test, where expect.poll is not for use: until `done`, or fail after 15 s naming what was awaited. */
export async function until(what: string, done: () => Promise<boolean>) {
  for (const started = Date.now(); !(await done());) {
    if (Date.now() - started > 15_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
