import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeRuHost, addAddressPlace, completeRegistration } from '../../../../tests/support/factories';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { ru } from '../../../shared/profiles/ru';
import { seedDemoData } from '../../demo/demo-data';
import { seedDemoEntity } from '../../demo/demo-entity';
import { DEMO_ENTITY } from '../../demo/demo-logins';

// Russia's receiving parties beyond the owner: an organisation's receptionist registering a
// visa holder at the hotel, and a representative who must attach the power of attorney.
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ profile: 'ru', publicUrl: 'https://konok.test' });
  await seedDemoData(t.app.ctx);
  await seedDemoEntity(t.app.ctx);
});
afterAll(async () => t.close());

const visa = {
  stayDocument: 'visa',
  visaNumber: '345678901',
  visaType: 'business',
  visaValidFrom: '2026-01-01',
  visaValidUntil: '2029-12-31',
};

describe('the receiving parties of a Russian notice', () => {
  it('an organisation’s receptionist registers a visa holder at the hotel: the visa is the one document asked for', async () => {
    const reception = new TestClient(t.app);
    const login = await reception.post('/api/login', {
      email: DEMO_ENTITY.receptionist.email,
      password: DEMO_ENTITY.receptionist.password,
    });
    expect(login.statusCode, login.body).toBe(200);
    const [hotel] = (await reception.get('/api/properties')).json().properties as { id: number }[];
    const data = await completeRegistration(reception, ru, hotel!.id, {
      receivingParty: 'organisation',
      passportNumber: 'VIS000001',
      ...visa,
    });
    expect((data.attachments as { type: string }[]).map((a) => a.type)).toEqual(['visa']);
    const created = await reception.post('/api/registrations', { data, pin: DEMO_ENTITY.receptionist.pin });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().status).toBe('submitted');
    const row = await t.db
      .selectFrom('registrations as r')
      .innerJoin('registration_documents as d', 'd.registration_id', 'r.id')
      .select(['r.staff_id', 'd.type'])
      .where('r.id', '=', created.json().id)
      .execute();
    expect(row.map((r) => r.type)).toEqual(['visa']);
    expect(row[0]!.staff_id).not.toBeNull();
  });

  it('a representative is refused without the power of attorney, named on its item, and accepted with it', async () => {
    const host = new TestClient(t.app);
    const { pin } = await activeRuHost(host, t.db, '7-916-000-11-22');
    const placeId = await addAddressPlace(host);
    const answers = {
      receivingParty: 'representative',
      representativeBasis: 'lawyer',
      passportNumber: 'REP000001',
      ...visa,
    };
    const complete = await completeRegistration(host, ru, placeId, answers);
    const types = (complete.attachments as { type: string }[]).map((a) => a.type);
    expect(types).toEqual(expect.arrayContaining(['powerOfAttorney', 'hostPassport', 'visa']));

    const without = {
      ...complete,
      attachments: (complete.attachments as { type: string }[]).filter((a) => a.type !== 'powerOfAttorney'),
    };
    const before = await t.db
      .selectFrom('registrations')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const refused = await host.post('/api/registrations', { data: without, pin });
    expect(refused.statusCode).toBe(400);
    // In the reader's language (this client reads English), naming the document that is missing.
    expect(refused.json().fields['attachments.powerOfAttorney']).toMatchObject({
      key: 'errors.attachment.missing',
      message: 'A required document is missing: Power of attorney or proof of authority',
    });
    const after = await t.db
      .selectFrom('registrations')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);

    const accepted = await host.post('/api/registrations', { data: complete, pin });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const stored = await host.get(`/api/registrations/${accepted.json().id}`);
    expect(stored.json().answers).toMatchObject({
      receivingParty: 'representative',
      representativeBasis: 'lawyer',
    });
    // The application's page lists its files by item, named as Konok names them, and no decision yet.
    expect(stored.json()).toMatchObject({ status: 'submitted', decidedAt: null, decisionReason: null });
    const files = stored.json().attachments as { type: string; fileName: string }[];
    expect(files.map((file) => file.type)).toEqual(expect.arrayContaining(['powerOfAttorney', 'visa']));
    expect(files.find((file) => file.type === 'powerOfAttorney')!.fileName).toBe(
      'MULLER_ANNA_PowerOfAttorney.pdf',
    );
    // Another host's id is not found, whatever the number.
    const other = new TestClient(t.app);
    await activeRuHost(other, t.db, '7-916-000-33-44');
    expect((await other.get(`/api/registrations/${accepted.json().id}`)).statusCode).toBe(404);
  });
});
