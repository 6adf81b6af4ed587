import { TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeRuHost,
  addAddressPlace,
  completeRegistration,
  registrationDocuments,
} from '../../../../tests/support/factories';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { insertOperator } from '../accounts/accounts.repo';
import { hashPassword } from '../accounts/passwords';
import { ru } from '../../../shared/profiles/ru';

// Russia's notice of arrival: the receiving party and the document of lawful stay travel beside the
// core columns, sealed as one answer set, and come back whole to the host and to the operator.
let t: TestApp;
let host: TestClient;
let pin: string;
let propertyId: number;
let documents: { passportDocumentId: number; photoDocumentId: number };

beforeAll(async () => {
  t = await buildTestApp({ profile: 'ru' });
  host = new TestClient(t.app);
  ({ pin } = await activeRuHost(host, t.db));
  propertyId = await addAddressPlace(host);
  documents = await registrationDocuments(host);
});
afterAll(async () => t.close());

/** A Latin-lettered passport, received by the dwelling's owner, entered on a migration card. */
const notice = (overrides: Record<string, unknown> = {}) =>
  completeRegistration(host, ru, propertyId, {
    ...documents,
    passportIssuedBy: 'Stadt Berlin',
    receivingParty: 'owner',
    hostPassportSeries: '45 12',
    hostPassportNumber: '345678',
    hostSnils: '112-233-445 95',
    dwellingRented: false,
    stayDocument: 'migrationCard',
    migrationCardSeries: '4512',
    migrationCardNumber: '1234567',
    entryCheckpoint: 'Шереметьево',
    ...overrides,
  });

const errorKeys = (body: { fields: Record<string, { key: string }> }) =>
  Object.fromEntries(Object.entries(body.fields).map(([field, { key }]) => [field, key]));

describe('a Russian notice of arrival', () => {
  it('is checked and confirmed with its receiving party and migration card, sealed beside the core columns', async () => {
    const checked = await host.post('/api/registrations/check', await notice());
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json().fee).toEqual({ amountMinor: 0, currency: 'RUB' });

    const created = await host.post('/api/registrations', {
      data: await notice({ visaNumber: 'LEFTOVER1', hidden: 'not declared' }),
      pin,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().status).toBe('submitted');
    const { id } = created.json();

    const row = await t.db
      .selectFrom('registrations')
      .select(['answers_enc', 'form_version', 'surname'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.surname).toBe('MULLER');
    expect(row.form_version).toBe(1);
    expect(row.answers_enc).toBeTruthy();
    for (const plain of ['1234567', 'Шереметьево', 'migrationCard', '345678', '11223344595'])
      expect(row.answers_enc).not.toContain(plain);

    const own = await host.get(`/api/registrations/${id}`);
    expect(own.statusCode, own.body).toBe(200);
    const answers = own.json().answers;
    expect(answers).toMatchObject({
      surname: 'MULLER',
      passportIssuedBy: 'Stadt Berlin',
      receivingParty: 'owner',
      hostPassportSeries: '4512',
      hostSnils: '11223344595',
      dwellingRented: false,
      stayDocument: 'migrationCard',
      migrationCardNumber: '1234567',
      entryCheckpoint: 'Шереметьево',
    });
    // A visa's answer given with a migration card, and a name the form does not declare, are not kept.
    expect(answers).not.toHaveProperty('visaNumber');
    expect(answers).not.toHaveProperty('hidden');

    const stranger = new TestClient(t.app);
    await activeRuHost(stranger, t.db, '7-912-345-67-80');
    expect((await stranger.get(`/api/registrations/${id}`)).statusCode).toBe(404);

    const email = 'operator.ru@konok.example';
    await insertOperator(t.db, {
      email,
      passwordHash: await hashPassword('operator passphrase 2026'),
      fullName: 'Test Operator',
      role: 'operator',
    });
    const operator = new TestClient(t.app);
    const credentials = { email, password: 'operator passphrase 2026' };
    const first = await operator.post('/api/login', credentials);
    const login = await operator.post('/api/login', {
      ...credentials,
      oneTimeCode: new TOTP({ secret: first.json().enrolment.secret }).generate(),
    });
    expect(login.statusCode, login.body).toBe(200);
    const view = await operator.get(`/api/operator/applications/${id}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      formVersion: 1,
      answers: { receivingParty: 'owner', migrationCardSeries: '4512', entryCheckpoint: 'Шереметьево' },
    });
  });

  it('asks for each of the visa’s answers when the foreigner stays on a visa, and checks it covers the stay', async () => {
    const missing = await host.post('/api/registrations/check', await notice({ stayDocument: 'visa' }));
    expect(missing.statusCode).toBe(400);
    expect(errorKeys(missing.json())).toEqual({
      visaNumber: 'errors.registration.visaNumber.required',
      visaType: 'errors.registration.visaType.required',
      visaValidFrom: 'errors.registration.visaValidFrom.required',
      visaValidUntil: 'errors.registration.visaValidUntil.required',
    });
    const short = await host.post(
      '/api/registrations/check',
      await notice({
        stayDocument: 'visa',
        visaNumber: 'ab 123456',
        visaType: 'tourist',
        visaValidFrom: '2026-01-01',
        visaValidUntil: '2026-01-02',
      }),
    );
    expect(short.statusCode).toBe(400);
    expect(errorKeys(short.json())).toEqual({
      visaValidUntil: 'errors.registration.visaValidUntil.beforePeriodEnd',
    });
  });

  it('asks for the receiving person’s passport, in digits, and refuses a bad СНИЛС or a mixed-script name', async () => {
    const response = await host.post(
      '/api/registrations/check',
      await notice({
        receivingParty: 'relative',
        hostPassportSeries: '45A2',
        hostPassportNumber: '',
        hostSnils: '112-233-445 96',
        surname: 'Müller',
        givenNames: 'Aнна',
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(errorKeys(response.json())).toEqual({
      relation: 'errors.registration.relation.required',
      hostPassportSeries: 'errors.field.digits.only',
      hostPassportNumber: 'errors.registration.hostPassportNumber.required',
      hostSnils: 'errors.identifiers.snils.check',
      surname: 'errors.field.documentName.letters',
      givenNames: 'errors.field.documentName.mixed',
    });
    const cyrillic = await host.post(
      '/api/registrations/check',
      await notice({ surname: 'Мюллер', givenNames: 'Анна', patronymic: '', passportNumber: 'C01X00T48' }),
    );
    expect(cyrillic.statusCode, cyrillic.body).toBe(200);
  });

  it('keeps the answers beyond the core in a draft, and nothing the form does not declare', async () => {
    const saved = await host.post('/api/registrations/drafts', {
      surname: 'Мюллер',
      receivingParty: 'relative',
      relation: 'spouse',
      stayDocument: 'visa',
      visaNumber: 'AB1234567',
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const draft = await host.get(`/api/registrations/drafts/${saved.json().id}`);
    expect(draft.json().data).toEqual({
      surname: 'Мюллер',
      receivingParty: 'relative',
      relation: 'spouse',
      stayDocument: 'visa',
      visaNumber: 'AB1234567',
    });
    const stray = await host.post('/api/registrations/drafts', { surname: 'X', favouriteColour: 'blue' });
    expect(stray.statusCode).toBe(400);
  });

  it('answers NUL bytes with a 400 on the field and writes nothing', async () => {
    const before = await t.db
      .selectFrom('registrations')
      .select(t.db.fn.countAll().as('n'))
      .executeTakeFirst();
    const response = await host.post('/api/registrations', {
      data: await notice({ entryCheckpoint: 'Шереметьево\u0000', passportNumber: 'C01X00T49' }),
      pin,
    });
    expect(response.statusCode).toBe(400);
    expect(Object.values(errorKeys(response.json()))).toContain('errors.text.control');
    const after = await t.db
      .selectFrom('registrations')
      .select(t.db.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(after).toEqual(before);
  });
});
