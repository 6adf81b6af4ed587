import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeHost,
  addProperty,
  foreignerFields,
  registrationDocuments,
} from '../../../../tests/support/factories';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { sql } from 'kysely';
import { encryptField, keyedHash } from '../../security/crypto';
import { addWorkingDays } from '../../../shared/profiles/calendar';
import { kg } from '../../../shared/profiles/kg';
import { addDays, todayIso } from '../../../shared/schemas';
import { formatDate } from '../../../shared/dates';

let t: TestApp;
let host: TestClient;
let other: TestClient;
let propertyId: number;
let otherPropertyId: number;

const isoPlus = (days: number) => addDays(todayIso(), days);
let documents: { passportDocumentId: number; photoDocumentId: number };
const foreigner = () => foreignerFields(propertyId, documents);

async function registered(options: {
  hostClient?: TestClient;
  passportNumber: string;
  from: string;
  to: string;
  status?: string;
  atProperty?: number;
}) {
  const hostId = (await t.db.selectFrom('hosts').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  await t.db
    .insertInto('registrations')
    .values({
      host_id: hostId,
      application_number: `2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
      registration_number: null,
      passport_number_hash: keyedHash(t.app.ctx.secrets.fieldHashKey, options.passportNumber),
      status: options.status ?? 'submitted',
      valid_from: options.from,
      valid_until: options.to,
      property_id: options.atProperty ?? null,
    })
    .execute();
}

beforeAll(async () => {
  t = await buildTestApp();
  host = new TestClient(t.app);
  other = new TestClient(t.app);
  await activeHost(host, t.db);
  await activeHost(other, t.db);
  const codes = (
    await t.db.selectFrom('property_registry').select('code').orderBy('code').limit(3).execute()
  ).map((r) => r.code);
  propertyId = await addProperty(host, codes[0]!, 2);
  otherPropertyId = await addProperty(other, codes[1]!, 4);
  documents = await registrationDocuments(host);
});
afterAll(async () => t.close());

const check = (client: TestClient, body: unknown) => client.post('/api/registrations/check', body);

describe('«Проверка данных» on the server', () => {
  it('takes only the host’s own passport page and photo, each of its kind', async () => {
    const others = await registrationDocuments(other);
    const response = await check(host, {
      ...foreigner(),
      passportDocumentId: others.passportDocumentId,
      photoDocumentId: documents.passportDocumentId,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({
      passportDocumentId: {
        key: 'errors.registration.passportFile.required',
        message: 'Upload the page of the foreigner’s passport with the machine-readable zone',
      },
      photoDocumentId: {
        key: 'errors.registration.photo.required',
        message: 'Take the foreigner’s photo with the camera or upload one',
      },
    });
    const pdfAsPhoto = await host.postMultipart(
      '/api/registrations/documents',
      { kind: 'photo' },
      { file: { body: Buffer.from('%PDF-1.4\n%%EOF\n'), filename: 'a.pdf', type: 'application/pdf' } },
    );
    expect(pdfAsPhoto.statusCode).toBe(400);
    expect(pdfAsPhoto.json().fields.photo.key).toBe('errors.file.type');
    const noKind = await host.postMultipart('/api/registrations/documents', { kind: 'visa' }, {});
    expect(noKind.statusCode).toBe(400);
  });

  it('answers the fee from the profile and the property, with no warnings for a good application', async () => {
    const response = await check(host, foreigner());
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      fee: { amountMinor: 10_300, currency: 'KGS' },
      property: { id: propertyId },
      warnings: [],
    });
  });

  it('says what is wrong on every field at once, in the user’s language', async () => {
    host.language = 'ru';
    try {
      const response = await check(host, { propertyId: 'x', surname: 'Мюллер', phone: '1' });
      expect(response.statusCode).toBe(400);
      const fields = response.json().fields as Record<string, { message: string }>;
      expect(Object.keys(fields).sort()).toEqual(
        [
          'propertyId',
          'surname',
          'givenNames',
          'birthDate',
          'sex',
          'passportType',
          'passportCountry',
          'passportNumber',
          'passportIssueDate',
          'passportExpiryDate',
          'entryDate',
          'phone',
          'periodFrom',
          'periodTo',
          'purpose',
          'passportDocumentId',
          'photoDocumentId',
        ].sort(),
      );
      expect(fields.surname!.message).toBe('Используйте латинские буквы (A–Z), как в паспорте');
      expect(fields.entryDate!.message).toBe('Введите дату въезда в страну');
    } finally {
      host.language = 'en';
    }
  });

  it('another host’s property is as good as none, and says nothing about it', async () => {
    const response = await check(host, { ...foreigner(), propertyId: otherPropertyId });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({
      propertyId: {
        key: 'errors.registration.property.notFound',
        message: 'This property was not found among yours.',
      },
    });
    // A bad field and an unknown property are reported together.
    const both = await check(host, { ...foreigner(), propertyId: 999_999, surname: '' });
    expect(Object.keys(both.json().fields).sort()).toEqual(['propertyId', 'surname']);
  });

  it('refuses a passport with an overlapping active registration at any host, not an ended or adjacent one', async () => {
    await registered({ passportNumber: 'OVERLAP1', from: isoPlus(10), to: isoPlus(40) });
    const overlapping = await check(host, { ...foreigner(), passportNumber: 'overlap1' });
    expect(overlapping.statusCode).toBe(400);
    expect(overlapping.json().fields.passportNumber.message).toBe(
      'This passport already has an active registration for these dates',
    );
    expect(
      (await check(host, { ...foreigner(), passportNumber: 'OVERLAP1', periodTo: isoPlus(9) })).statusCode,
    ).toBe(200);
    await registered({
      passportNumber: 'CANCELLED1',
      from: isoPlus(0),
      to: isoPlus(40),
      status: 'cancelled',
    });
    expect((await check(host, { ...foreigner(), passportNumber: 'CANCELLED1' })).statusCode).toBe(200);
  });

  it('warns — does not refuse — when the property would be over its capacity for the period', async () => {
    await registered({ passportNumber: 'GUEST1', from: isoPlus(-5), to: isoPlus(5), atProperty: propertyId });
    await registered({ passportNumber: 'GUEST2', from: isoPlus(3), to: isoPlus(30), atProperty: propertyId });
    const response = await check(host, foreigner());
    expect(response.statusCode).toBe(200);
    expect(response.json().warnings).toEqual([
      {
        code: 'capacity',
        message:
          'The property is for 2 people and 2 are already registered there for these dates. You may go on; the operators will see this.',
      },
    ]);
    // Later dates, after the others leave: room again.
    expect(
      (await check(host, { ...foreigner(), periodFrom: isoPlus(31), periodTo: isoPlus(40) })).json().warnings,
    ).toEqual([]);
  });

  it('flags a late registration with its deadline in working days, and the fine when the profile names one', async () => {
    // Dates after the capacity test's guests have left, so that only lateness is warned of.
    const later = { periodFrom: isoPlus(45), periodTo: isoPlus(50) };
    const late = { ...foreigner(), ...later, entryDate: isoPlus(-30) };
    const deadline = addWorkingDays(kg.calendar, isoPlus(-30), kg.registration.lateAfter.days);
    const dotted = formatDate(deadline, 'en');
    const response = await check(host, late);
    expect(response.statusCode).toBe(200);
    expect(response.json().warnings).toEqual([
      {
        code: 'late',
        message: `The registration is late: it was due by ${dotted} (5 working days after entry). You may go on; the operators will see this, and the host may be fined.`,
      },
    ]);
    const profile = t.app.ctx.profile;
    t.app.ctx.profile = {
      ...profile,
      registration: {
        ...profile.registration,
        lateFine: { minMinor: 200_000, maxMinor: 500_000, currency: 'RUB' },
      },
    };
    try {
      host.language = 'ru';
      expect((await check(host, late)).json().warnings[0].message).toMatch(
        /^Регистрация просрочена: её нужно было подать до \d{1,2} [а-я]+\.? \d{4} \(5 рабочих дней после въезда\)\. Продолжить можно, но принимающей стороне грозит штраф от 2\s000 RUB до 5\s000 RUB/,
      );
    } finally {
      t.app.ctx.profile = profile;
      host.language = 'en';
    }
    // Entered two days ago: in time.
    expect((await check(host, { ...foreigner(), ...later })).json().warnings).toEqual([]);
  });

  it('flags many registrations at one address or by one host in the profile’s window, without refusing', async () => {
    const later = { periodFrom: isoPlus(60), periodTo: isoPlus(65) };
    const ordinary = await check(host, { ...foreigner(), ...later });
    expect(ordinary.json().warnings).toEqual([]);
    const profile = t.app.ctx.profile;
    t.app.ctx.profile = {
      ...profile,
      registration: { ...profile.registration, busy: { days: 30, perProperty: 1, perHost: 2 } },
    };
    try {
      const busy = await check(host, { ...foreigner(), ...later });
      expect(busy.statusCode).toBe(200);
      const warnings = busy.json().warnings as { code: string; message: string }[];
      expect(warnings.map((w) => w.code)).toEqual(['busyProperty', 'busyHost']);
      expect(warnings[0]!.message).toMatch(
        /^This would be registration number \d+ at this property within 30 days\./,
      );
    } finally {
      t.app.ctx.profile = profile;
    }
  });

  it('is for logged-in hosts; malformed bodies get a 400', async () => {
    expect((await check(new TestClient(t.app), foreigner())).statusCode).toBe(401);
    for (const body of ['not json', '[1,2]', '"text"', 'null']) {
      const response = await host.request('POST', '/api/registrations/check', {
        body: Buffer.from(body),
        contentType: 'application/json',
      });
      expect(response.statusCode, body).toBe(400);
      expect(response.json().error.message.length).toBeGreaterThan(5);
    }
  });
});

describe('drafts: saved as the host goes, listed, resumed, deleted — the host’s own only', () => {
  it('keeps what was typed, sealed, and never shows it to another host', async () => {
    const saved = await host.post('/api/registrations/drafts', {
      surname: 'MULLER',
      givenNames: 'ANNA',
      passportNumber: 'C01X00T47',
    });
    expect(saved.statusCode).toBe(201);
    const { id } = saved.json() as { id: number };
    const row = await t.db
      .selectFrom('registration_drafts')
      .select('data_enc')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.data_enc).not.toContain('C01X00T47');

    expect(
      (await host.post(`/api/registrations/drafts/${id}`, { surname: 'MULLER', givenNames: 'ANNA MARIA' }))
        .statusCode,
    ).toBe(200);
    const list = (await host.get('/api/registrations/drafts')).json() as {
      drafts: { id: number; name: string }[];
    };
    expect(list.drafts.find((d) => d.id === id)?.name).toBe('MULLER ANNA MARIA');
    expect((await host.get(`/api/registrations/drafts/${id}`)).json().data).toEqual({
      surname: 'MULLER',
      givenNames: 'ANNA MARIA',
    });

    // Another host: 404 for every way in, and nothing in its list.
    expect((await other.get(`/api/registrations/drafts/${id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/registrations/drafts/${id}`, { surname: 'X' })).statusCode).toBe(404);
    expect((await other.delete(`/api/registrations/drafts/${id}`)).statusCode).toBe(404);
    expect((await other.get('/api/registrations/drafts')).json().drafts).toEqual([]);

    expect((await host.delete(`/api/registrations/drafts/${id}`)).statusCode).toBe(200);
    expect((await host.get(`/api/registrations/drafts/${id}`)).statusCode).toBe(404);
  });

  it('refuses what is not a form’s fields', async () => {
    for (const body of [
      { surname: { nested: true } },
      { surname: 'x'.repeat(500) },
      Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, 'v'])),
    ]) {
      const response = await host.post('/api/registrations/drafts', body);
      expect(response.statusCode).toBe(400);
    }
    for (const url of [
      '/api/registrations/drafts/abc',
      '/api/registrations/drafts/-1',
      '/api/registrations/drafts/99999999999999999999',
    ])
      expect((await host.get(url)).statusCode).toBe(400);
  });
});

describe('«Confirm» with the PIN', () => {
  let pin: string;
  beforeAll(async () => {
    const client = new TestClient(t.app);
    const created = await activeHost(client, t.db);
    pin = created.pin;
    host = client;
    const code = (
      await t.db
        .selectFrom('property_registry')
        .select('code')
        .orderBy('code', 'desc')
        .executeTakeFirstOrThrow()
    ).code;
    propertyId = await addProperty(host, code, 6);
    documents = await registrationDocuments(host);
  });

  it('makes the application with the next number of the year, removes the draft, and waits for payment', async () => {
    const draft = (await host.post('/api/registrations/drafts', { surname: 'MULLER' })).json() as {
      id: number;
    };
    const first = await host.post('/api/registrations', {
      data: { ...foreigner(), passportNumber: 'NUM00001' },
      pin,
      draftId: draft.id,
    });
    expect(first.statusCode).toBe(201);
    const year = todayIso().slice(0, 4);
    expect(first.json()).toMatchObject({
      applicationNumber: expect.stringMatching(new RegExp(`^${year}-\\d{6}$`)),
      status: 'awaiting_payment',
      fee: { amountMinor: 10_300, currency: 'KGS' },
    });
    expect((await host.get(`/api/registrations/drafts/${draft.id}`)).statusCode).toBe(404);

    // Five confirmations at once: five different numbers, one after another.
    const numbers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        host
          .post('/api/registrations', { data: { ...foreigner(), passportNumber: `PAR0000${i}` }, pin })
          .then((r) => r.json().applicationNumber as string),
      ),
    );
    const sequence = [first.json().applicationNumber as string, ...numbers]
      .map((n) => Number(n.slice(5)))
      .sort((a, b) => a - b);
    expect(sequence).toEqual(Array.from({ length: 6 }, (_, i) => sequence[0]! + i));

    const row = await t.db
      .selectFrom('registrations')
      .selectAll()
      .where('id', '=', first.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'awaiting_payment',
      surname: 'MULLER',
      fee_minor: 10_300,
      fee_currency: 'KGS',
      property_id: propertyId,
    });
    expect(row.passport_number_enc).not.toContain('NUM00001');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity', '=', 'registration')
      .where('entity_id', '=', String(row.id))
      .execute();
    expect(audit).toEqual([
      { action: 'registration.confirm', after: expect.objectContaining({ status: 'awaiting_payment' }) },
    ]);
  });

  it('a wrong PIN makes nothing and says so; five in a row start the cool-down', async () => {
    const before = await t.db.selectFrom('registrations').select('id').execute();
    const wrong = pin === '000000' ? '111111' : '000000';
    const data = { ...foreigner(), passportNumber: 'WRONGPIN1' };
    const first = await host.post('/api/registrations', { data, pin: wrong });
    expect(first.statusCode).toBe(400);
    expect(first.json().fields.pin.message).toBe('The PIN is wrong. Attempts left: 4');
    for (let i = 0; i < 3; i++) await host.post('/api/registrations', { data, pin: wrong });
    const fifth = await host.post('/api/registrations', { data, pin: wrong });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().fields.pin.message).toMatch(
      /^The PIN was entered wrongly too many times\. Try again in \d+ s\.$/,
    );
    expect((await host.post('/api/registrations', { data, pin })).statusCode).toBe(429); // even the right one, for now
    expect(await t.db.selectFrom('registrations').select('id').execute()).toHaveLength(before.length);
    await t.db.updateTable('hosts').set({ pin_failures: 0, pin_locked_until: null }).execute();
  });

  it('bad data is refused before the PIN is even looked at', async () => {
    const response = await host.post('/api/registrations', {
      data: { ...foreigner(), surname: '' },
      pin: '000000',
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().fields)).toEqual(['surname']);
    for (const body of [{}, { data: 'x', pin: 1 }, { data: {}, pin: '12' }])
      expect((await host.post('/api/registrations', body)).statusCode).toBe(400);
  });

  it('where the profile charges no fee (ru), the application is submitted at once, with its messages', async () => {
    const profile = t.app.ctx.profile;
    t.app.ctx.profile = {
      ...profile,
      registration: {
        ...profile.registration,
        fees: [{ from: '2020-01-01', amountMinor: 0, currency: 'RUB' }],
      },
    };
    try {
      const response = await host.post('/api/registrations', {
        data: { ...foreigner(), passportNumber: 'NOFEE001', email: 'nofee@example.de' },
        pin,
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({
        status: 'submitted',
        fee: { amountMinor: 0, currency: 'RUB' },
      });
      const id = (response.json() as { id: number }).id;
      const actions = await t.db
        .selectFrom('audit_log')
        .select(['action', 'actor'])
        .where('entity', '=', 'registration')
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute();
      expect(actions.map((a) => a.action)).toEqual(['registration.confirm', 'registration.pay']);
      expect(
        await t.db.selectFrom('outbox').select('id').where('recipient', '=', 'nofee@example.de').execute(),
      ).toHaveLength(1);
    } finally {
      t.app.ctx.profile = profile;
    }
  });

  it('cancel (×): the host’s own application, until an operator takes it; another host gets a 404', async () => {
    const created = (
      await host.post('/api/registrations', { data: { ...foreigner(), passportNumber: 'CANCEL01' }, pin })
    ).json() as { id: number };
    expect((await other.post(`/api/registrations/${created.id}/cancel`)).statusCode).toBe(404);
    const cancelled = await host.post(`/api/registrations/${created.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toEqual({ id: created.id, status: 'cancelled', refund: false });
    const again = await host.post(`/api/registrations/${created.id}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(
      'This application can no longer be cancelled: an operator has taken it, or it has ended.',
    );
    // In review, an operator has it: no cancelling.
    const taken = (
      await host.post('/api/registrations', { data: { ...foreigner(), passportNumber: 'TAKEN01' }, pin })
    ).json() as { id: number };
    await t.db.updateTable('registrations').set({ status: 'in_review' }).where('id', '=', taken.id).execute();
    expect((await host.post(`/api/registrations/${taken.id}/cancel`)).statusCode).toBe(409);
  });
});

describe('tab 4 «Архив регистрации»', () => {
  let archiveHost: TestClient;
  let pin: string;
  let propertyA: number;
  let propertyB: number;
  beforeAll(async () => {
    archiveHost = new TestClient(t.app);
    pin = (await activeHost(archiveHost, t.db)).pin;
    const codes = (
      await t.db.selectFrom('property_registry').select('code').orderBy('code').offset(10).limit(2).execute()
    ).map((r) => r.code);
    propertyA = await addProperty(archiveHost, codes[0]!, 50);
    propertyB = await addProperty(archiveHost, codes[1]!, 50);
    documents = await registrationDocuments(archiveHost);
    const names = [
      'ADAMS',
      'BAKER',
      'CLARK',
      'DAVIS',
      'EVANS',
      'FOSTER',
      'GREEN',
      'HUGHES',
      'IRWIN',
      'JONES',
      'KING',
      'LEWIS',
    ];
    for (const [i, surname] of names.entries()) {
      const response = await archiveHost.post('/api/registrations', {
        data: {
          ...foreigner(),
          propertyId: i % 3 === 0 ? propertyB : propertyA,
          surname,
          passportNumber: `ARC${String(i).padStart(5, '0')}`,
        },
        pin,
      });
      expect(response.statusCode).toBe(201);
    }
    const jones = await t.db
      .selectFrom('registrations')
      .select('id')
      .where('surname', '=', 'JONES')
      .executeTakeFirstOrThrow();
    await archiveHost.post(`/api/registrations/${jones.id}/cancel`);
  });

  type Page = {
    items: {
      fullName: string;
      passportNumberMasked: string;
      status: string;
      canCancel: boolean;
      property: { id: number };
    }[];
    total: number;
  };
  const page = async (query: string) => {
    const response = await archiveHost.get(`/api/registrations?${query}`);
    expect(response.statusCode, query).toBe(200);
    return response.json() as Page;
  };

  it('lists the host’s applications newest first, paged on the server, masked', async () => {
    const first = await page('pageSize=5');
    expect(first.total).toBe(12);
    expect(first.items.map((i) => i.fullName)).toEqual([
      'LEWIS ANNA',
      'KING ANNA',
      'JONES ANNA',
      'IRWIN ANNA',
      'HUGHES ANNA',
    ]);
    expect(first.items[0]!.passportNumberMasked).toBe('AR***11');
    expect((await page('pageSize=5&page=3')).items.map((i) => i.fullName)).toEqual([
      'BAKER ANNA',
      'ADAMS ANNA',
    ]);
    expect((await page('sort=surname&order=asc&pageSize=2')).items.map((i) => i.fullName)).toEqual([
      'ADAMS ANNA',
      'BAKER ANNA',
    ]);
  });

  it('searches by name or by passport number, filters by status and property', async () => {
    expect((await page('query=jon')).items.map((i) => i.fullName)).toEqual(['JONES ANNA']);
    expect((await page('query=arc00002')).items.map((i) => i.fullName)).toEqual(['CLARK ANNA']);
    expect((await page('query=%25')).total).toBe(0); // a LIKE wildcard is searched for, not obeyed
    // The numbers a host is given: the application's, and the registration's once approved.
    const clark = await t.db
      .selectFrom('registrations')
      .select(['id', 'application_number'])
      .where('surname', '=', 'CLARK')
      .executeTakeFirstOrThrow();
    expect((await page(`query=${clark.application_number}`)).items.map((i) => i.fullName)).toEqual([
      'CLARK ANNA',
    ]);
    await t.db
      .updateTable('registrations')
      .set({ registration_number: '59930207077349' })
      .where('id', '=', clark.id)
      .execute();
    expect((await page('query=5993%200207%20077349')).items.map((i) => i.fullName)).toEqual(['CLARK ANNA']);
    expect((await page('query=59930207077348')).total).toBe(0);
    const cancelled = await page('status=cancelled');
    expect(cancelled.items).toMatchObject([
      { fullName: 'JONES ANNA', status: 'cancelled', canCancel: false },
    ]);
    expect((await page(`propertyId=${propertyB}`)).total).toBe(4);
    expect((await page('status=awaiting_payment')).items.every((i) => i.canCancel)).toBe(true);
  });

  it('shows nothing of another host’s, and refuses a malformed query with a message', async () => {
    expect((await new TestClient(t.app).get('/api/registrations')).statusCode).toBe(401);
    const others = (await other.get('/api/registrations?query=jones')).json() as Page;
    expect(others.total).toBe(0);
    for (const query of [
      'page=0',
      'pageSize=1000',
      'sort=password',
      'order=up',
      'propertyId=abc',
      `query=${'x'.repeat(61)}`,
    ]) {
      const response = await archiveHost.get(`/api/registrations?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(
        Object.values(response.json().fields as Record<string, { message: string }>)[0]!.message,
      ).not.toMatch(/^errors\./);
    }
  });
});

describe('the archive of a host with 10,000 applications', () => {
  it('answers every search, filter, sort and page quickly', async () => {
    const busy = new TestClient(t.app);
    await activeHost(busy, t.db);
    const code = (
      await t.db
        .selectFrom('property_registry')
        .select('code')
        .orderBy('code')
        .offset(20)
        .executeTakeFirstOrThrow()
    ).code;
    const property = await addProperty(busy, code, 500);
    const hostId = (
      await t.db
        .selectFrom('properties')
        .select('host_id')
        .where('id', '=', property)
        .executeTakeFirstOrThrow()
    ).host_id;
    const secrets = t.app.ctx.secrets;
    const sealed = encryptField(secrets.fieldEncryptionKey, 'BULK0000001');
    // Written in one statement: what matters here is reading them back.
    await sql`
      insert into registrations (host_id, application_number, passport_number_hash, passport_number_enc, status,
        valid_from, valid_until, property_id, surname, given_names, birth_date, passport_country)
      select ${hostId}, '2025-' || lpad(n::text, 6, '0'),
        case when n = 1 then ${keyedHash(secrets.fieldHashKey, 'BULK0000001')} else md5(n::text) end, ${sealed},
        (array['awaiting_payment', 'submitted', 'cancelled', 'approved'])[1 + n % 4],
        current_date - (n % 300), current_date - (n % 300) + 30, ${property},
        'SURNAME' || n, 'GUEST', date '1990-01-01', 'DEU'
      from generate_series(1, 10000) n`.execute(t.db);
    await sql`analyze registrations`.execute(t.db);
    const queries = [
      'pageSize=20',
      'page=400&pageSize=20',
      'query=surname9999',
      'status=cancelled&sort=surname&order=asc&page=50',
      `propertyId=${property}&sort=periodFrom&page=100`,
      'query=BULK0000001',
    ];
    // How fast is a bench's question (bench/); here: every query answers, and finds something.
    for (const query of queries) {
      const response = await busy.get(`/api/registrations?${query}`);
      expect(response.statusCode, query).toBe(200);
      expect(response.json().total, query).toBeGreaterThan(0);
    }
    expect((await busy.get('/api/registrations?query=surname9999')).json().items[0].fullName).toBe(
      'SURNAME9999 GUEST',
    );
  });
});
