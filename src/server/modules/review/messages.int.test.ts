import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOTP } from 'otpauth';
import { activeHost, addProperty, completeRegistration } from '../../../../tests/support/factories';
import { solidPng } from '../../../../tests/support/images';
import { buildTestApp, TestClient, withoutFee, type TestApp } from '../../../../tests/support/test-app';
import { addDayCount } from '../../../shared/profiles/calendar';
import { addDays, formatDate, todayIso } from '../../../shared/dates';
import { insertOperator } from '../accounts/accounts.repo';
import { hashPassword } from '../accounts/passwords';

// «Сообщения»: an operator asks for documents, the host answers with words and files, the
// application returns to the queue, and every change is told by SMS and e-mail in the words of
// the deployment's profile.

const KYRGYZ_ONLY = /Кыргыз|Kyrgyz|Бишкек|Bishkek|\bКР\b|\bсом\b|KGS|996-|Санарип|Digital Development/i;
const FEE = /пошлин|оплат|\bfee\b|\bpay/i;
const scan = (name = 'card.png') => ({
  body: solidPng(50, 40, [220, 220, 200]),
  filename: name,
  type: 'image/png',
});

async function operatorClient(t: TestApp, email: string) {
  await insertOperator(t.db, {
    email,
    passwordHash: await hashPassword('operator passphrase 2026'),
    fullName: 'Test Operator',
    role: 'operator',
  });
  const client = new TestClient(t.app);
  const credentials = { email, password: 'operator passphrase 2026' };
  const { secret } = (await client.post('/api/login', credentials)).json().enrolment;
  await client.post('/api/login', { ...credentials, oneTimeCode: new TOTP({ secret }).generate() });
  return client;
}

/** Everything the outbox holds for these recipients, oldest first. */
const outbox = (t: TestApp, recipients: string[]) =>
  t.db
    .selectFrom('outbox')
    .select(['channel', 'recipient', 'subject', 'body'])
    .where('recipient', 'in', recipients)
    .orderBy('id')
    .execute();

interface Deployment {
  t: TestApp;
  host: TestClient;
  operator: TestClient;
  hostEmail: string;
  pin: string;
  propertyId: number;
  base: string;
  serial: number;
}

async function submitted(d: Deployment) {
  d.serial += 1;
  const response = await d.host.post('/api/registrations', {
    data: await completeRegistration(d.host, d.t.app.ctx.profile, d.propertyId, {
      passportNumber: `MSG${String(d.serial).padStart(5, '0')}`,
      email: `guest${d.serial}.${d.t.app.ctx.profile.code}@example.de`,
    }),
    pin: d.pin,
  });
  expect(response.statusCode, response.body).toBe(201);
  expect(response.json().status).toBe('submitted');
  return response.json() as { id: number; applicationNumber: string };
}

async function askForDocuments(d: Deployment, id: number, message: string) {
  expect((await d.operator.post(`/api/operator/applications/${id}/claim`)).statusCode).toBe(200);
  const asked = await d.operator.post(`/api/operator/applications/${id}/decision`, {
    decision: 'requestDocuments',
    message,
  });
  expect(asked.statusCode, asked.body).toBe(200);
  expect(asked.json().status).toBe('documents_requested');
}

const answer = (d: Deployment, id: number, fields: Record<string, string>, files = {}) =>
  d.host.postMultipart(`/api/registrations/${id}/resubmit`, fields, files);

const thread = async (client: TestClient, path: string) => (await client.get(path)).json();

describe('a Russian deployment (PROFILE=ru)', () => {
  const d = {} as Deployment;
  beforeAll(async () => {
    d.t = await buildTestApp({ profile: 'ru' });
    await d.t.app.listen({ host: '127.0.0.1', port: 0 });
    d.base = d.t.app.ctx.publicUrl();
    d.host = new TestClient(d.t.app, 'ru');
    ({ pin: d.pin, email: d.hostEmail } = await activeHost(d.host, d.t.db, {
      phone: '7-912-345-67-89',
      personalNumber: '',
      passportCountry: 'RUS',
    }));
    const place = await d.host.postMultipart(
      '/api/properties',
      {
        region: '77',
        city: 'Москва',
        streetType: 'street',
        street: 'Тверская',
        house: '7',
        flat: '15',
        postalIndex: '125009',
        capacity: '3',
      },
      { scan: scan('lease.png') },
    );
    expect(place.statusCode, place.body).toBe(201);
    d.propertyId = place.json().id;
    d.operator = await operatorClient(d.t, 'operator.ru@konok.example');
    d.serial = 0;
  });
  afterAll(async () => d.t.close());

  it('operator asks → host answers with text and a file → back in the queue → operator reads the thread → approves; each step told in Russian words', async () => {
    const { id, applicationNumber } = await submitted(d);
    await askForDocuments(d, id, 'Приложите миграционную карту с отметкой о въезде.');
    const due = addDayCount(d.t.app.ctx.profile.calendar, todayIso(new Date(), d.t.app.ctx.profile.clock), {
      days: 7,
      unit: 'calendar',
    });

    const asked = await thread(d.host, `/api/registrations/${id}/messages`);
    expect(asked).toEqual({
      items: [
        {
          id: expect.any(Number),
          author: 'operator',
          text: 'Приложите миграционную карту с отметкой о въезде.',
          createdAt: expect.any(String),
          documents: [],
        },
      ],
      answerDue: due,
      overdue: false,
      canAnswer: true,
    });
    // Stored encrypted: the words are nowhere in the row.
    const stored = await d.t.db
      .selectFrom('registration_messages')
      .select('text_enc')
      .where('registration_id', '=', id)
      .execute();
    expect(stored[0]!.text_enc).not.toContain('миграционную');

    const request = (await outbox(d.t, [d.hostEmail])).at(-1)!;
    expect(request.subject).toBe(`Konok: запрошены документы по заявке ${applicationNumber}`);
    expect(request.body).toContain('Приложите миграционную карту с отметкой о въезде.');
    expect(request.body).toContain(`Ответьте до ${formatDate(due, 'ru')}`);

    const answered = await answer(d, id, { text: 'Миграционная карта во вложении.' }, { card: scan() });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toEqual({ id, status: 'submitted' });

    const seen = await thread(d.operator, `/api/operator/applications/${id}/messages`);
    expect(seen.items.map((m: { author: string; text: string }) => [m.author, m.text])).toEqual([
      ['operator', 'Приложите миграционную карту с отметкой о въезде.'],
      ['host', 'Миграционная карта во вложении.'],
    ]);
    expect(seen.items[1].documents).toHaveLength(1);
    expect(seen).toMatchObject({ answerDue: null, canAnswer: false });
    const view = (await d.operator.get(`/api/operator/applications/${id}`)).json();
    expect(view.documents.extra).toEqual(seen.items[1].documents);
    const queued = (await d.operator.get('/api/operator/queue'))
      .json()
      .items.find((i: { id: number }) => i.id === id);
    expect(queued).toMatchObject({ status: 'submitted', answerDue: null });

    expect((await d.operator.post(`/api/operator/applications/${id}/claim`)).statusCode).toBe(200);
    const approved = await d.operator.post(`/api/operator/applications/${id}/decision`, {
      decision: 'approve',
    });
    expect(approved.statusCode, approved.body).toBe(200);

    const told = await outbox(d.t, [d.hostEmail]);
    const subjects = told.filter((m) => m.channel === 'email').map((m) => m.subject);
    expect(subjects.slice(-6)).toEqual([
      `Konok: заявка ${applicationNumber} — В обработке`,
      `Konok: заявка ${applicationNumber} на проверке`,
      `Konok: запрошены документы по заявке ${applicationNumber}`,
      `Konok: ответ по заявке ${applicationNumber} получен`,
      `Konok: заявка ${applicationNumber} на проверке`,
      `Konok: заявка ${applicationNumber} одобрена`,
    ]);
    const approval = told.filter((m) => m.channel === 'email').at(-1)!;
    const link = `${d.base}/cabinet/archive?query=${applicationNumber}`;
    expect(approval.body).toContain(
      `Заявка ${applicationNumber} одобрена ${formatDate(todayIso(new Date(), d.t.app.ctx.profile.clock), 'ru')}`,
    );
    expect(approval.body).toContain(link);
    const sms = (await outbox(d.t, ['79123456789'])).at(-1)!;
    expect(sms.body).toBe(
      `Konok: заявка ${applicationNumber} одобрена ${formatDate(todayIso(new Date(), d.t.app.ctx.profile.clock), 'ru')}. Подтверждение: ${link}`,
    );
    for (const message of told)
      expect({
        kyrgyz: KYRGYZ_ONLY.exec(message.body + (message.subject ?? '')),
        fee: FEE.exec(message.body),
      }).toEqual({ kyrgyz: null, fee: null });
  });

  it('every notice of a registration, in Russian and English, names nothing of Kyrgyzstan and no fee', () => {
    const translate = d.t.app.ctx.translate;
    const templates = [
      'submitted',
      'submittedForeigner',
      'inReview',
      'documentsRequested',
      'resubmitted',
      'approved',
      'approvedForeigner',
      'rejected',
      'rejectedForeigner',
      'cancelled',
      'cancelledForeigner',
    ];
    for (const language of ['ru', 'en'] as const)
      for (const template of templates)
        for (const part of ['subject', 'email', 'sms']) {
          const text = translate(language, `messages.${template}.${part}`, {
            number: '2026-000001',
            date: '3 Dec 2026',
            link: 'L',
            reason: 'R',
            note: 'N',
            registrationNumber: '1',
          });
          expect({ template, part, kyrgyz: KYRGYZ_ONLY.exec(text)?.[0], fee: FEE.exec(text)?.[0] }).toEqual({
            template,
            part,
            kyrgyz: undefined,
            fee: undefined,
          });
        }
  });

  it('refuses an empty, over-long or NUL answer on its field, and writes nothing', async () => {
    const { id } = await submitted(d);
    await askForDocuments(d, id, 'Нужна копия визы.');
    const cases: [Record<string, string>, string][] = [
      [{}, 'errors.messages.empty'],
      [{ text: '   ' }, 'errors.messages.empty'],
      [{ text: 'я'.repeat(2001) }, 'errors.messages.tooLong'],
      [{ text: 'виза\u0000' }, 'errors.text.control'],
    ];
    for (const [fields, key] of cases) {
      const refused = await answer(d, id, fields);
      expect(refused.statusCode, JSON.stringify(fields).slice(0, 40)).toBe(400);
      expect(refused.json().fields.text.key).toBe(key);
      expect(refused.json().fields.text.message).not.toBe(key);
    }
    const notPdf = await answer(
      d,
      id,
      { text: 'вот' },
      { f: { body: Buffer.from('not a pdf'), filename: 'x.pdf', type: 'application/pdf' } },
    );
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.json().fields.files).toBeDefined();
    const still = await thread(d.host, `/api/registrations/${id}/messages`);
    expect(still.items).toHaveLength(1);
    expect(still.canAnswer).toBe(true);
    // Another host sees nothing of it.
    const stranger = new TestClient(d.t.app);
    await activeHost(stranger, d.t.db, {
      phone: '7-912-345-67-00',
      personalNumber: '',
      passportCountry: 'RUS',
    });
    expect((await stranger.get(`/api/registrations/${id}/messages`)).statusCode).toBe(404);
    expect(
      (await stranger.postMultipart(`/api/registrations/${id}/resubmit`, { text: 'x' }, {})).statusCode,
    ).toBe(404);
  });

  it('refuses a decision with a reason outside the profile’s list, or a message with NUL, on its field', async () => {
    const { id } = await submitted(d);
    expect((await d.operator.post(`/api/operator/applications/${id}/claim`)).statusCode).toBe(200);
    const kgReason = await d.operator.post(`/api/operator/applications/${id}/decision`, {
      decision: 'reject',
      reason: 'photo_unsuitable',
    });
    expect(kgReason.statusCode).toBe(400);
    expect(kgReason.json().fields.reason.key).toBe('errors.review.reason');
    const nul = await d.operator.post(`/api/operator/applications/${id}/decision`, {
      decision: 'requestDocuments',
      message: 'a\u0000b',
    });
    expect(nul.statusCode).toBe(400);
    expect(Object.values(nul.json().fields).map((f) => (f as { key: string }).key)).toContain(
      'errors.text.control',
    );
    const rejected = await d.operator.post(`/api/operator/applications/${id}/decision`, {
      decision: 'reject',
      reason: 'invalid_migration_status',
      note: 'Виза истекла.',
    });
    expect(rejected.statusCode).toBe(200);
    const row = (await d.host.get('/api/registrations'))
      .json()
      .items.find((i: { id: number }) => i.id === id);
    expect(row).toMatchObject({
      status: 'rejected',
      decisionReason: 'invalid_migration_status',
      decisionNote: 'Виза истекла.',
    });
    const notice = (await outbox(d.t, [d.hostEmail])).at(-1)!;
    expect(notice.body).toContain('Причина: Просроченный или недействительный миграционный статус.');
  });

  it('two answers at once over HTTP: one moves the application, the other gets 409 and leaves nothing', async () => {
    const { id } = await submitted(d);
    await askForDocuments(d, id, 'Нужен договор найма.');
    const send = (text: string) => {
      const form = new FormData();
      form.append('text', text);
      return fetch(`${d.base}/api/registrations/${id}/resubmit`, {
        method: 'POST',
        body: form,
        headers: {
          cookie: [...d.host.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'x-csrf-token': d.host.cookies.get('konok_csrf')!,
        },
      });
    };
    const statuses = (await Promise.all([send('Первый ответ'), send('Второй ответ')]))
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([200, 409]);
    const final = await thread(d.host, `/api/registrations/${id}/messages`);
    expect(final.items.filter((m: { author: string }) => m.author === 'host')).toHaveLength(1);
  });

  it('an answer overdue: the queue shows it, the host may still answer, the operator may reject it for no answer', async () => {
    const late = await submitted(d);
    const unanswered = await submitted(d);
    for (const { id } of [late, unanswered])
      await askForDocuments(d, id, 'Нужна копия паспорта собственника.');
    // Not yet overdue: an operator can only wait.
    const early = await d.operator.post(`/api/operator/applications/${unanswered.id}/decision`, {
      decision: 'reject',
      reason: 'no_answer',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('status_conflict');
    const yesterday = addDays(todayIso(new Date(), d.t.app.ctx.profile.clock), -1);
    await d.t.db
      .updateTable('registrations')
      .set({ answer_due: yesterday })
      .where('id', 'in', [late.id, unanswered.id])
      .execute();

    const items = (await d.operator.get('/api/operator/queue')).json().items as {
      id: number;
      status: string;
      overdue: boolean;
      answerDue: string;
    }[];
    expect(items.find((i) => i.id === unanswered.id)).toMatchObject({
      status: 'documents_requested',
      overdue: true,
      answerDue: yesterday,
    });
    expect((await thread(d.host, `/api/registrations/${late.id}/messages`)).overdue).toBe(true);

    expect((await answer(d, late.id, { text: 'Простите, задержались.' })).statusCode).toBe(200);
    const rejected = await d.operator.post(`/api/operator/applications/${unanswered.id}/decision`, {
      decision: 'reject',
      reason: 'no_answer',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().status).toBe('rejected');
    expect((await answer(d, unanswered.id, { text: 'Поздно.' })).statusCode).toBe(409);
    const notice = (await outbox(d.t, [d.hostEmail])).at(-1)!;
    expect(notice.body).toContain('Причина: Нет ответа на запрос документов в срок.');
  });
});

describe('a Kyrgyz deployment (PROFILE=kg) keeps its words and its list of reasons', () => {
  const d = {} as Deployment;
  beforeAll(async () => {
    d.t = await buildTestApp();
    withoutFee(d.t.app.ctx);
    d.host = new TestClient(d.t.app, 'ru');
    ({ pin: d.pin, email: d.hostEmail } = await activeHost(d.host, d.t.db));
    const code = (
      await d.t.db.selectFrom('property_registry').select('code').orderBy('code').executeTakeFirstOrThrow()
    ).code;
    d.propertyId = await addProperty(d.host, code, 50);
    d.operator = await operatorClient(d.t, 'operator.kg@konok.example');
    d.serial = 0;
  });
  afterAll(async () => d.t.close());

  it('asks, takes an answer of text alone within five working days, and approves with a card to print', async () => {
    const { id, applicationNumber } = await submitted(d);
    await askForDocuments(d, id, 'Загрузите страницу паспорта со штампом въезда.');
    const due = addDayCount(d.t.app.ctx.profile.calendar, todayIso(new Date(), d.t.app.ctx.profile.clock), {
      days: 5,
      unit: 'working',
    });
    expect((await thread(d.host, `/api/registrations/${id}/messages`)).answerDue).toBe(due);
    expect(
      (await answer(d, id, { text: 'Штамп есть на странице 3 уже загруженного паспорта.' })).statusCode,
    ).toBe(200);
    expect((await d.operator.post(`/api/operator/applications/${id}/claim`)).statusCode).toBe(200);
    expect(
      (
        await d.operator.post(`/api/operator/applications/${id}/decision`, {
          decision: 'reject',
          reason: 'incomplete_documents',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await d.operator.post(`/api/operator/applications/${id}/decision`, { decision: 'approve' }))
        .statusCode,
    ).toBe(200);
    const approval = (await outbox(d.t, [d.hostEmail])).at(-1)!;
    expect(approval.subject).toMatch(/^Konok: регистрация \d{14} действительна$/);
    expect(approval.body).toContain(
      `Заявка ${applicationNumber} одобрена ${formatDate(todayIso(new Date(), d.t.app.ctx.profile.clock), 'ru')}`,
    );
    expect(approval.body).toContain('Распечатать талон');
    expect(approval.body).toContain(`/cabinet/archive?query=${applicationNumber}`);
  });
});
