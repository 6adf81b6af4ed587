import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { payDemoApplication, seedDemoData } from '../../src/server/demo/demo-data';
import { DEMO } from '../../src/server/demo/demo-logins';
import { solidPng } from '../support/images';
import { expectAccessible, expectFitsWidth, screenshots } from '../support/browser';
import { journey } from '../support/journey';
import { demoOperatorLogin } from '../support/operators';
import { Site, until } from '../support/site';

// The operators' side, in English on a desktop: a paid application is taken, documents are
// requested, the host sends them from the archive, and the operator approves. The same pages in
// Russian on a phone are card-life's, and layout.e2e.test.ts reads them in every language and width.
let site: Site;
/** The application paid first: the queue's oldest. */
let oldest: string;

beforeAll(async () => {
  site = await Site.open();
  const { t } = site;
  await seedDemoData(t.app.ctx);
  // The demo host's first application paid as npm start pays it; the second paid here the same way.
  await payDemoApplication(t.app.ctx);
  await until('the demo payment to submit the first application', async () => {
    const submitted = await t.db
      .selectFrom('registrations')
      .select('application_number')
      .where('status', '=', 'submitted')
      .execute();
    oldest = submitted[0]?.application_number ?? '';
    return submitted.length === 1;
  });
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
  await site.pay(host.id, second.id);
});
afterAll(async () => {
  await site?.close();
});

/** What an English reader sees, word for word. */
const w = {
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
  asks: 'A scan of the entry stamp, please.',
  upload: 'Files for the answer',
  resubmit: 'Send the answer',
  back: /was sent: the application is being processed again/,
  approve: 'Approve: the registration is valid',
  approved: /is approved/,
  valid: 'Registration valid',
} as const;

describe('review in English at 1280 px', () => {
  const step = journey();
  const shot = screenshots('review-en-1280');
  let operator: Page;
  let host: Page;
  let number: string;

  step('the operator takes the oldest application and asks for a document', async () => {
    operator = await site.signedInPage(
      'en',
      1280,
      await demoOperatorLogin(site.t.db, site.t.app.ctx.secrets),
    );
    await operator.goto(`${site.base}/operator`);
    const first = operator.locator('.queue-item').first();
    await first.waitFor();
    number = (await first.locator('h3').innerText()).split(' — ')[0]!;
    expect(number).toBe(oldest);
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
    const arrangement = async () => {
      const [scanBox, dataBox] = [
        (await scan.boundingBox())!,
        (await item.locator('.review-data').boundingBox())!,
      ];
      return {
        beside: scanBox.x + scanBox.width <= dataBox.x && scanBox.y < dataBox.y + dataBox.height,
        above: scanBox.y + scanBox.height <= dataBox.y,
        scanWidth: scanBox.width,
      };
    };
    const desktop = await arrangement();
    expect(desktop).toMatchObject({ beside: true });
    expect(desktop.scanWidth).toBeGreaterThan(300);
    await operator.setViewportSize({ width: 360, height: 740 });
    await expect.poll(async () => (await arrangement()).above).toBe(true);
    await operator.setViewportSize({ width: 1280, height: 900 });
    await expect.poll(async () => (await arrangement()).beside).toBe(true);
    // Zoomed in, the page is drawn larger (inside its frame).
    const before = (await scan.boundingBox())!.width;
    await item.getByRole('button', { name: w.zoomIn }).click();
    await expect.poll(async () => (await scan.boundingBox())!.width).toBeGreaterThan(before * 1.4);

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

  step('the host sees the request in the archive and sends the document', async () => {
    host = await site.signedInPage('en', 1280, DEMO.host);
    await host.goto(`${site.base}/cabinet/archive`);
    const row = host.locator('.messages-thread', { hasText: number });
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

  step('the operator takes it again and approves it; the host sees the registration valid', async () => {
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
    const registration = await site.t.db
      .selectFrom('registrations')
      .select('registration_number')
      .where('application_number', '=', number)
      .executeTakeFirstOrThrow();
    expect(await row.getByText(registration.registration_number!).isVisible()).toBe(true);
    await shot(host, 'archive-valid');
    await expectAccessible(host);
  });
});
