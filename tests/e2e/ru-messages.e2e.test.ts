import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { activeRuHost, addAddressPlace, completeRegistration } from '../support/factories';
import { expectAccessible, expectFitsWidth, screenshots } from '../support/browser';
import { solidPng } from '../support/images';
import { journey } from '../support/journey';
import { enrolledOperator } from '../support/operators';
import { Site } from '../support/site';
import { TestClient } from '../support/test-app';
import { tr } from '../support/words';
import ruWords from '../../src/shared/i18n/profiles/ru/ru.json';
import { addDayCount } from '../../src/shared/profiles/calendar';
import { ru } from '../../src/shared/profiles/ru';
import { formatDate, todayIso } from '../../src/shared/dates';

// A Russian deployment's «Сообщения»: the operator asks for a document at a desk, the host reads
// the request on a phone under «Сообщения», answers with words and a file, and the operator reads
// the answer in the application before approving it.
let site: Site;
let number: string;
let hostLogin: { email: string; password: string };
const ASK = 'Приложите, пожалуйста, скан миграционной карты с отметкой о въезде.';
const ANSWER = 'Скан миграционной карты прикладываю.';

beforeAll(async () => {
  site = await Site.open({ profile: 'ru', startWorkers: false });
  const { t } = site;
  const client = new TestClient(t.app, 'ru');
  const host = await activeRuHost(client, t.db);
  hostLogin = { email: host.email, password: host.password };
  const placeId = await addAddressPlace(client);
  const created = await client.post('/api/registrations', {
    // The whole ru form with its checklist documents: a shorter one is refused.
    data: await completeRegistration(client, ru, placeId),
    pin: host.pin,
  });
  expect(created.statusCode, created.body).toBe(201);
  // No fee in Russia: confirmed, the application goes straight to the operators.
  expect(created.json().status).toBe('submitted');
  number = created.json().applicationNumber;
});
afterAll(async () => {
  await site?.close();
});

describe('«Сообщения» in Russian: the operator at 1280 px, the host at 360 px', () => {
  const step = journey();
  const shot = screenshots('ru-messages');
  let operator: Page;
  let host: Page;
  let login: () => Promise<{ email: string; password: string; oneTimeCode: string }>;

  step('the operator takes the application and asks for the migration card', async () => {
    ({ login } = await enrolledOperator(site.t.db, site.t.app.ctx.secrets, 'operator.ru@konok.example'));
    operator = await site.signedInPage('ru', 1280, await login());
    await operator.goto(`${site.base}/operator`);
    const item = operator.locator('.queue-item', { hasText: number });
    await item.getByRole('button', { name: new RegExp(`^${tr('ru', 'operator.queue.claim')}`) }).click();
    await item.getByLabel(tr('ru', 'operator.queue.choices.requestDocuments')).check();
    await item.getByLabel(tr('ru', 'operator.queue.message')).fill(ASK);
    await shot(operator, 'operator-asks');
    await item.getByRole('button', { name: tr('ru', 'operator.queue.decide') }).click();
    await operator.getByText(tr('ru', 'operator.queue.done.requestDocuments', { number })).waitFor();
  });

  step(
    'the host reads the request under «Сообщения» with its deadline, and answers with text and a file',
    async () => {
      host = await site.signedInPage('ru', 360, hostLogin);
      await host.goto(`${site.base}/cabinet/archive`);
      const thread = host.locator('.messages-thread', { hasText: number });
      await thread.getByRole('heading', { name: new RegExp(`^${tr('ru', 'thread.title')}`) }).waitFor();
      await thread.getByText(ASK).waitFor();
      const due = addDayCount(site.t.app.ctx.profile.calendar, todayIso(new Date(), ru.clock), {
        days: 7,
        unit: 'calendar',
      });
      await thread.getByText(tr('ru', 'thread.answerBy', { date: formatDate(due, 'ru') })).waitFor();
      await expectFitsWidth(host);
      await shot(host, 'host-reads', { bothWidths: true });
      // The application's number in its row opens its own page, from the keyboard too.
      await host.getByRole('link', { name: new RegExp(`^${number}`) }).focus();
      await host.keyboard.press('Enter');
      await host.getByRole('heading', { name: tr('ru', 'application.title', { number }) }).waitFor();
      expect(
        await host.getByText(tr('ru', 'archive.statusesRu.documents_requested'), { exact: true }).count(),
      ).toBe(1);
      // Sent empty, the form says what is missing on the field and sends nothing.
      await thread.getByRole('button', { name: tr('ru', 'thread.send') }).click();
      const answer = thread.getByLabel(tr('ru', 'thread.answer'));
      await expect.poll(() => answer.getAttribute('aria-invalid')).toBe('true');
      await thread.getByText(tr('ru', 'errors.messages.empty')).first().waitFor();
      await answer.fill(ANSWER);
      await thread.getByLabel(tr('ru', 'thread.files')).setInputFiles({
        name: 'migration-card.png',
        mimeType: 'image/png',
        buffer: solidPng(400, 300, [230, 225, 215]),
      });
      await shot(host, 'host-answers');
      await expectAccessible(host);
      await thread.getByRole('button', { name: tr('ru', 'thread.send') }).click();
      await host.getByText(tr('ru', 'thread.sent', { number })).waitFor();
      // Back in the queue: the page says so, the answer joins the thread and the form is gone.
      await host.getByText('В обработке', { exact: true }).waitFor();
      await host.locator('.messages-thread').getByText(ANSWER).waitFor();
      expect(await host.getByLabel(tr('ru', 'thread.answer')).count()).toBe(0);
      await shot(host, 'host-answered');
      await host
        .getByRole('link', { name: tr('ru', 'application.back') })
        .first()
        .click();
      await host.locator('tbody tr', { hasText: number }).first().getByText('В обработке').waitFor();
    },
  );

  step(
    'the operator reads the answer in the application and approves it; the host sees «Одобрено»',
    async () => {
      await operator.reload();
      const item = operator.locator('.queue-item', { hasText: number });
      await item.getByRole('button', { name: new RegExp(`^${tr('ru', 'operator.queue.claim')}`) }).click();
      const thread = item.locator('.messages-thread');
      await thread.getByText(ANSWER).waitFor();
      expect(await thread.getByText(ASK).isVisible()).toBe(true);
      expect(await thread.getByRole('link', { name: tr('ru', 'thread.file', { n: '1' }) }).count()).toBe(1);
      await shot(operator, 'operator-reads-answer', { bothWidths: true });
      await expectAccessible(operator);
      // The choice in Russia's own words (tr reads Kyrgyzstan's).
      await item.getByLabel(ruWords.operator.queue.choices.approve, { exact: true }).check();
      await item.getByRole('button', { name: tr('ru', 'operator.queue.decide') }).click();
      await operator.getByText(tr('ru', 'operator.queue.done.approve', { number })).waitFor();

      // The approval notice's link opens the archive on this application, with its confirmation.
      const notice = await site.t.db
        .selectFrom('outbox')
        .select('body')
        .where('recipient', '=', hostLogin.email)
        .where('subject', '=', `Konok: заявка ${number} одобрена`)
        .executeTakeFirstOrThrow();
      const link = /(http\S+\/cabinet\/archive\?query=\S+)/.exec(notice.body)![1]!;
      await host.goto(link);
      const row = host.locator('tbody tr', { hasText: number }).first();
      await row.getByText('Одобрено').waitFor();
      expect(await host.locator('tbody tr.has-follow-up, tbody tr.follow-up').count()).toBe(0);
      await shot(host, 'host-approved');

      // Its page keeps the whole thread to read, closed by the decision; nothing is left to answer.
      await row.getByRole('link', { name: new RegExp(`^${number}`) }).click();
      const closed = host.locator('.messages-thread');
      await closed.getByText(tr('ru', 'application.decision')).waitFor();
      expect(await closed.getByText('Одобрено', { exact: true }).count()).toBe(1);
      expect(await closed.getByText(ASK).isVisible()).toBe(true);
      expect(await closed.getByText(ANSWER).isVisible()).toBe(true);
      expect(await closed.getByRole('link', { name: tr('ru', 'thread.file', { n: '1' }) }).count()).toBe(1);
      expect(await host.getByLabel(tr('ru', 'thread.answer')).count()).toBe(0);
      // The data as the form laid it out, and the checklist's files under Konok's names.
      expect(await host.getByRole('heading', { name: tr('ru', 'application.documents') }).count()).toBe(1);
      expect(await host.getByRole('link', { name: /^MULLER_ANNA_\w+\.pdf$/ }).count()).toBeGreaterThan(0);
      expect(await host.getByText('Шереметьево', { exact: true }).isVisible()).toBe(true);
      await expectAccessible(host);
      await host.setViewportSize({ width: 1280, height: 900 });
      await expectAccessible(host);
      await host.setViewportSize({ width: 360, height: 740 });
      await shot(host, 'host-application', { bothWidths: true });
    },
  );
});
