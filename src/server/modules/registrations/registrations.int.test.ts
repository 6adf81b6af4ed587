import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeHost } from '../../../../tests/support/factories';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { solidPng } from '../../db/demo-data';
import { keyedHash } from '../../security/crypto';
import { todayIso } from '../../../shared/schemas';

let t: TestApp;
let host: TestClient;
let other: TestClient;
let propertyId: number;
let otherPropertyId: number;

const isoPlus = (days: number) =>
  new Date(Date.parse(`${todayIso()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const foreigner = () => ({
  propertyId,
  surname: 'Muller',
  givenNames: 'Anna',
  birthDate: '1990-05-17',
  sex: 'F',
  passportType: 'passport',
  passportCountry: 'DEU',
  passportNumber: 'C01X00T47',
  passportIssueDate: '2020-02-01',
  passportExpiryDate: '2031-02-01',
  entryDate: isoPlus(-2),
  phone: '+49 151 23456789',
  email: 'anna@example.de',
  periodFrom: isoPlus(-1),
  periodTo: isoPlus(20),
  purpose: 'tourism',
});

async function addProperty(client: TestClient, code: string, capacity: number) {
  const response = await client.postMultipart(
    '/api/properties',
    { code, capacity: String(capacity) },
    { scan: { body: solidPng(80, 60, [240, 240, 240]), filename: 'scan.png', type: 'image/png' } },
  );
  expect(response.statusCode).toBe(201);
  return (response.json() as { id: number }).id;
}

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
});
afterAll(async () => t.close());

const check = (client: TestClient, body: unknown) => client.post('/api/registrations/check', body);

describe('«Проверка данных» on the server', () => {
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
