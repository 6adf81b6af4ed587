import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolledOperator } from '../../../../tests/support/operators';
import { seedDemoData } from '../../demo/demo-data';
import { seedDemoEntity } from '../../demo/demo-entity';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import {
  address,
  applyForCabinet,
  fields,
  files,
  scan,
} from '../../../../tests/support/ru-entity-application';

// A Russian organisation's application (PROFILE=ru): the legal form before the name, ИНН, ОГРН and
// КПП checked by their rules (ИП: a 12-digit ИНН and an ОГРНИП, no КПП), no head's personal number,
// its places of stay as addresses; approval makes them the cabinet's places.
let t: TestApp;
let operator: TestClient;

const apply = (formFields = fields(), formFiles: Record<string, ReturnType<typeof scan>> = files()) =>
  applyForCabinet(t, formFields, formFiles);
const keys = (response: { json: () => { fields?: Record<string, { key: string }> } }) =>
  Object.fromEntries(Object.entries(response.json().fields ?? {}).map(([k, v]) => [k, v.key]));
const applicationId = async (number: string) =>
  (
    await t.db
      .selectFrom('legal_entity_applications')
      .select('id')
      .where('number', '=', number)
      .executeTakeFirstOrThrow()
  ).id;
const applications = async () =>
  Number(
    (await t.db
      .selectFrom('legal_entity_applications')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst())!.n,
  );

beforeAll(async () => {
  t = await buildTestApp({ profile: 'ru', publicUrl: 'https://konok.test' });
  const op = await enrolledOperator(t.db, t.app.ctx.secrets, 'entities.operator@konok.example');
  operator = new TestClient(t.app);
  expect((await operator.post('/api/login', await op.login())).statusCode).toBe(200);
});
afterAll(async () => t.close());

describe('a Russian organisation applies', () => {
  it('says on each field what is wrong with its ИНН, ОГРН and КПП, and stores nothing', async () => {
    const before = await applications();
    const wrong = await apply(
      fields({ taxNumber: '7707083894', registrationNumber: '1027700132196', kpp: '7736-01' }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(keys(wrong)).toEqual({
      taxNumber: 'errors.identifiers.innOrganisation.check',
      registrationNumber: 'errors.identifiers.ogrn.check',
      kpp: 'errors.identifiers.kpp.format',
    });
    expect(wrong.json().fields.taxNumber.message).toMatch(/^Некорректный ИНН/);
    const shapes = await apply(
      fields({ legalForm: 'zao', taxNumber: '770708389', registrationNumber: '', kpp: '' }),
    );
    expect(keys(shapes)).toMatchObject({
      legalForm: 'errors.entity.legalForm.required',
      taxNumber: 'errors.identifiers.innOrganisation.format',
      registrationNumber: 'errors.identifiers.ogrn.required',
      kpp: 'errors.identifiers.kpp.required',
    });
    // An individual entrepreneur: a personal ИНН of 12 digits and an ОГРНИП.
    const entrepreneur = await apply(fields({ legalForm: 'ip', taxNumber: '7707083893', kpp: '' }));
    expect(keys(entrepreneur)).toEqual({
      taxNumber: 'errors.identifiers.innIndividual.format',
      registrationNumber: 'errors.identifiers.ogrnip.format',
    });
    expect(await applications()).toBe(before);
  });

  it('checks each address as tab 2 does: its parts, its documents, an index placed elsewhere', async () => {
    const parts = await apply(
      fields({ properties: JSON.stringify([address({ region: '00', house: '', capacity: 0 })]) }),
      files(1),
    );
    expect(keys(parts)).toEqual({
      'properties.0.region': 'errors.address.region.required',
      'properties.0.house': 'errors.address.house.required',
      'properties.0.capacity': 'errors.capacity.range',
    });
    const noTitle = await apply(fields(), files(1));
    expect(keys(noTitle)).toEqual({ 'propertyDocument.1': 'errors.file.required' });
    const twice = await apply(
      fields({ properties: JSON.stringify([address(), address({ street: ' тверская ' })]) }),
    );
    expect(keys(twice)).toEqual({ 'properties.1.street': 'errors.address.duplicate' });
    const elsewhere = await apply(
      fields({ properties: JSON.stringify([address({ postalIndex: '190000' })]) }),
      files(1),
    );
    expect(elsewhere.statusCode).toBe(409);
    expect(keys(elsewhere)).toEqual({ 'properties.0.postalIndex': 'errors.address.postalIndex.region' });
  });

  it('an ИП applies without a КПП; the head has no personal number to give', async () => {
    const applied = await apply(
      fields({
        legalForm: 'ip',
        name: 'Сидоров Пётр Павлович',
        taxNumber: '500100732259',
        registrationNumber: '304500116000157',
        kpp: '773601001',
        email: 'sidorov@guesthouse.example',
      }),
    );
    expect(applied.statusCode, applied.body).toBe(201);
    const id = await applicationId(applied.json().number);
    await operator.post(`/api/operator/legal-entity-applications/${id}/claim`);
    const review = (await operator.get(`/api/operator/legal-entity-applications/${id}`)).json();
    expect(review.entity).toMatchObject({ legalForm: 'ip', registrationNumber: '304500116000157' });
    expect(review.entity.kpp).toBeUndefined();
    expect(review.entity.headPersonalNumber).toBeUndefined();
    expect(review.properties.map((p: { addressLine: string }) => p.addressLine)).toEqual([
      '125009, Москва, улица Тверская, д. 7, кв. 1',
      '125009, Москва, улица Тверская, д. 9',
    ]);
  });

  it('approval opens the cabinet with its addresses as places of stay, with their capacities', async () => {
    const applied = await apply(fields({ email: 'front@tverskaya.example' }));
    expect(applied.statusCode, applied.body).toBe(201);
    const id = await applicationId(applied.json().number);
    await operator.post(`/api/operator/legal-entity-applications/${id}/claim`);
    const approved = await operator.post(`/api/operator/legal-entity-applications/${id}/decision`, {
      decision: 'approve',
    });
    expect(approved.json()).toEqual({ id, status: 'approved' });
    const { host_id: hostId } = await t.db
      .selectFrom('legal_entity_applications')
      .select('host_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const places = (await operator.get(`/api/operator/legal-entities/${hostId}/properties`)).json()
      .properties;
    expect(
      places.map((p: { addressLine: string; capacity: number; areaM2: null }) => [
        p.addressLine,
        p.capacity,
        p.areaM2,
      ]),
    ).toEqual([
      // Newest first, as tab 2 lists them.
      ['125009, Москва, улица Тверская, д. 9', 12, null],
      ['125009, Москва, улица Тверская, д. 7, кв. 1', 30, null],
    ]);
    // Later, the operators add another of its addresses, as a host adds one in tab 2.
    const added = await operator.postMultipart(
      `/api/operator/legal-entities/${hostId}/properties`,
      { ...address({ house: '11', flat: '' }), capacity: '5' },
      { scan: scan('lease-2') },
    );
    expect(added.statusCode, added.body).toBe(201);
    const now = (await operator.get(`/api/operator/legal-entities/${hostId}/properties`)).json().properties;
    expect(now[0]).toMatchObject({ addressLine: '125009, Москва, улица Тверская, д. 11', capacity: 5 });
  });

  it('the demo hotel of a Russian deployment applies as one, and its cabinet holds addresses', async () => {
    await seedDemoData(t.app.ctx);
    await seedDemoEntity(t.app.ctx);
    const hotel = await t.db
      .selectFrom('legal_entities')
      .innerJoin('properties', 'properties.host_id', 'legal_entities.host_id')
      .select(['properties.code', 'properties.area_m2'])
      .execute();
    expect(hotel.length).toBeGreaterThan(0);
    expect(hotel.every((p) => p.area_m2 === null && p.code.includes('|'))).toBe(true);

    // The demo host is a Russian owner with two addresses and an application in each of the
    // operators' decisions, with no payment anywhere; the hotel has a Russian name.
    const demoHost = await t.db
      .selectFrom('hosts')
      .select(['id', 'passport_country', 'phone'])
      .where('email', '=', 'host@konok.example')
      .executeTakeFirstOrThrow();
    expect(demoHost).toMatchObject({ passport_country: 'RUS', phone: expect.stringMatching(/^79\d{9}$/) });
    const places = await t.db
      .selectFrom('properties')
      .select('address')
      .where('host_id', '=', demoHost.id)
      .execute();
    expect(places).toHaveLength(2);
    const statuses = await t.db
      .selectFrom('registrations')
      .select(['status', 'fee_minor'])
      .where('host_id', '=', demoHost.id)
      .execute();
    expect(statuses.map((r) => r.status).sort()).toEqual([
      'approved',
      'documents_requested',
      'rejected',
      'submitted',
    ]);
    expect(statuses.every((r) => Number(r.fee_minor) === 0)).toBe(true);
    const entity = await t.db.selectFrom('legal_entities').select('name').execute();
    expect(entity.map((e) => e.name).join(' ')).not.toMatch(/ОсОО|Ала-Тоо|Иссык|Бишкек/);
  });
});
