import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng } from '../../../../tests/support/images';
import { activeHost, foreignerFields, registrationDocuments } from '../../../../tests/support/factories';
import { enrolledOperator } from '../../../../tests/support/operators';
import { buildTestApp, solveCaptcha, TestClient, type TestApp } from '../../../../tests/support/test-app';

let t: TestApp;
let operator: TestClient;
let codes: string[];

const scan = (name: string) => ({
  body: solidPng(80, 60, [235, 232, 228]),
  filename: `${name}.png`,
  type: 'image/png',
});
const pdf = (name: string) => ({
  body: Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  ),
  filename: `${name}.pdf`,
  type: 'application/pdf',
});

function fields(overrides: Record<string, string> = {}) {
  return {
    name: 'ОсОО «Ала-Тоо Хостел»',
    taxNumber: '02305201910123',
    legalAddress: 'г. Бишкек, ул. Киевская, 95',
    actualAddress: 'г. Бишкек, ул. Токтогула, 208',
    activity: 'Гостиничные услуги (хостел)',
    headName: 'Асанов Бакыт Токтогулович',
    headPersonalNumber: '21205198000123',
    headAddress: 'г. Бишкек, мкр. Джал, 12-34',
    phone: '+996 555 987 654',
    email: 'reception@ala-too-hostel.example',
    trustedPosition: 'Администратор',
    trustedName: 'Токтосунова Айгуль',
    trustedAddress: 'г. Бишкек, ул. Ахунбаева, 7',
    properties: JSON.stringify([
      { code: codes[0], capacity: 24 },
      { code: codes[1], capacity: 8 },
    ]),
    acceptTerms: 'true',
    ...overrides,
  };
}
const files = () => ({
  certificate: pdf('certificate'),
  powerOfAttorney: scan('power-of-attorney'),
  trustedPassport: scan('passport'),
  'propertyDocument.0': scan('lease-0'),
  'technicalPassport.0': pdf('tech-0'),
  'propertyDocument.1': scan('lease-1'),
  'technicalPassport.1': scan('tech-1'),
});

async function apply(
  client: TestClient,
  formFields = fields(),
  formFiles: Record<string, ReturnType<typeof scan>> = files(),
) {
  const { ticket } = (
    await client.post('/api/legal-entities/start', { acceptTerms: true, captcha: await solveCaptcha(client) })
  ).json();
  return client.postMultipart('/api/legal-entities/applications', { ...formFields, ticket }, formFiles);
}

beforeAll(async () => {
  t = await buildTestApp({ publicUrl: 'https://konok.test' });
  codes = (await t.db.selectFrom('property_registry').select('code').orderBy('code').limit(3).execute()).map(
    (r) => r.code,
  );
  const op = await enrolledOperator(t.db, t.app.ctx.secrets, 'entities.operator@konok.example');
  operator = new TestClient(t.app);
  expect((await operator.post('/api/login', await op.login())).statusCode).toBe(200);
});
afterAll(async () => t.close());

/** The newest property with this code (several hosts may hold one code). */
const newestPropertyId = async (code: string) =>
  (
    await t.db
      .selectFrom('properties')
      .select('id')
      .where('code', '=', code)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
  ).id;
const applicationId = async (number: string) =>
  (
    await t.db
      .selectFrom('legal_entity_applications')
      .select('id')
      .where('number', '=', number)
      .executeTakeFirstOrThrow()
  ).id;

describe('a legal entity applies online', () => {
  let number: string;
  let token: string;
  let id: number;

  it('gets a number and a private link, by e-mail too, after the security check', async () => {
    const response = await apply(new TestClient(t.app, 'ru'));
    expect(response.statusCode, response.body).toBe(201);
    ({ number, token } = response.json());
    expect(number).toMatch(/^LE-\d{4}-\d{6}$/);
    expect(response.json().link).toBe(`https://konok.test/legal-entities/application#${number}.${token}`);
    const mail = await t.db
      .selectFrom('outbox')
      .select(['channel', 'body'])
      .where('recipient', '=', 'reception@ala-too-hostel.example')
      .executeTakeFirstOrThrow();
    expect(mail.body).toContain(number);
    expect(mail.body).toContain(`#${number}.${token}`);
    expect(mail.body).toContain('получена');
    const sms = await t.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', '996555987654')
      .executeTakeFirstOrThrow();
    expect(sms.body).not.toContain(token); // the link goes by e-mail only
    const row = await t.db
      .selectFrom('legal_entity_applications')
      .selectAll()
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    id = row.id;
    expect(row.data_enc).not.toContain('Асанов'); // the letter names people: encrypted
    const documents = await t.db
      .selectFrom('legal_entity_application_documents')
      .select('field')
      .where('application_id', '=', id)
      .execute();
    expect(documents.map((d) => d.field).sort()).toEqual(Object.keys(files()).sort());
  });

  it('shows the applicant its status through the link, and nothing for a wrong token', async () => {
    const view = await new TestClient(t.app).post('/api/legal-entities/applications/view', { number, token });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ number, status: 'submitted', name: 'ОсОО «Ала-Тоо Хостел»' });
    const wrong = await new TestClient(t.app).post('/api/legal-entities/applications/view', {
      number,
      token: `${token.slice(0, -2)}xx`,
    });
    expect(wrong.statusCode).toBe(404);
    for (const body of [
      {},
      { number },
      { number: 'LE-1', token },
      { number, token: 'short' },
      { number: 5, token: [] },
    ])
      expect(
        (await new TestClient(t.app).post('/api/legal-entities/applications/view', body)).statusCode,
        JSON.stringify(body),
      ).toBe(400);
  });

  it('reaches the operators’ queue with its deadline; they see every document and each property’s registry record', async () => {
    const queue = (await operator.get('/api/operator/legal-entity-applications')).json().items;
    expect(queue).toContainEqual(
      expect.objectContaining({ id, number, status: 'submitted', claim: null, overdue: false }),
    );
    const view = (await operator.get(`/api/operator/legal-entity-applications/${id}`)).json();
    expect(view.entity).toMatchObject({ taxNumber: '02305201910123', trustedName: 'Токтосунова Айгуль' });
    expect(view.properties).toHaveLength(2);
    expect(view.properties[0]).toMatchObject({
      code: codes[0],
      capacity: 24,
      registry: { addressLine: expect.any(String) },
    });
    expect(view.documents).toHaveLength(7);
    const certificate = view.documents.find((d: { field: string }) => d.field === 'certificate');
    const file = await operator.get(
      `/api/operator/legal-entity-applications/${id}/documents/${certificate.id}`,
    );
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    // A document of another application is not reachable through this one.
    expect(
      (await operator.get(`/api/operator/legal-entity-applications/${id}/documents/999999`)).statusCode,
    ).toBe(404);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'legal_entity_application')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['legal_entity_application.submit', 'legal_entity_application.view']),
    );
  });

  it('is for operators only', async () => {
    const host = new TestClient(t.app);
    await activeHost(host, t.db);
    expect((await host.get('/api/operator/legal-entity-applications')).statusCode).toBe(403);
    expect((await host.post(`/api/operator/legal-entity-applications/${id}/claim`)).statusCode).toBe(403);
    expect(
      (await new TestClient(t.app).get(`/api/operator/legal-entity-applications/${id}`)).statusCode,
    ).toBe(401);
  });

  it('the operator asks for a document; the applicant sends it through the link; nothing typed is lost', async () => {
    const other = await enrolledOperator(t.db, t.app.ctx.secrets, 'entities.other@konok.example');
    const second = new TestClient(t.app);
    await second.post('/api/login', await other.login());
    expect((await operator.post(`/api/operator/legal-entity-applications/${id}/claim`)).statusCode).toBe(200);
    expect((await second.post(`/api/operator/legal-entity-applications/${id}/claim`)).statusCode).toBe(409);
    expect(
      (
        await second.post(`/api/operator/legal-entity-applications/${id}/decision`, {
          decision: 'requestDocuments',
          message: 'x',
        })
      ).statusCode,
    ).toBe(409);
    for (const body of [{}, { decision: 'requestDocuments' }, { decision: 'reject', reason: 'nonsense' }])
      expect(
        (await operator.post(`/api/operator/legal-entity-applications/${id}/decision`, body)).statusCode,
        JSON.stringify(body),
      ).toBe(400);
    const asked = await operator.post(`/api/operator/legal-entity-applications/${id}/decision`, {
      decision: 'requestDocuments',
      message: 'Доверенность без печати: пришлите с печатью.',
    });
    expect(asked.json()).toEqual({ id, status: 'documents_requested' });

    const applicant = new TestClient(t.app);
    const view = (await applicant.post('/api/legal-entities/applications/view', { number, token })).json();
    expect(view).toMatchObject({
      status: 'documents_requested',
      decisionNote: 'Доверенность без печати: пришлите с печатью.',
    });
    const bad = await applicant.postMultipart(
      '/api/legal-entities/applications/resubmit',
      { number, token },
      {
        file: { body: Buffer.from('not a document'), filename: 'x.txt', type: 'text/plain' },
      },
    );
    expect(bad.statusCode).toBe(400);
    const wrongToken = await applicant.postMultipart(
      '/api/legal-entities/applications/resubmit',
      { number, token: 'x'.repeat(32) },
      { file: scan('poa') },
    );
    expect(wrongToken.statusCode).toBe(404);
    const sent = await applicant.postMultipart(
      '/api/legal-entities/applications/resubmit',
      { number, token },
      { file: scan('power-of-attorney-stamped') },
    );
    expect(sent.json()).toEqual({ number, status: 'submitted' });
    const again = await applicant.postMultipart(
      '/api/legal-entities/applications/resubmit',
      { number, token },
      { file: scan('again') },
    );
    expect(again.statusCode).toBe(409);

    const review = (await operator.get(`/api/operator/legal-entity-applications/${id}`)).json();
    expect(review.status).toBe('submitted');
    expect(review.documents.map((d: { field: string }) => d.field)).toContain('extra.0');
    expect(review.entity.name).toBe('ОсОО «Ала-Тоо Хостел»');
  });

  it('a rejection carries its reason to the applicant, by e-mail and on the link’s page', async () => {
    await operator.post(`/api/operator/legal-entity-applications/${id}/claim`);
    const rejected = await operator.post(`/api/operator/legal-entity-applications/${id}/decision`, {
      decision: 'reject',
      reason: 'property_ineligible',
      note: 'Помещение не соответствует санитарным требованиям.',
    });
    expect(rejected.json()).toEqual({ id, status: 'rejected' });
    const view = (
      await new TestClient(t.app).post('/api/legal-entities/applications/view', { number, token })
    ).json();
    expect(view).toMatchObject({ status: 'rejected', decisionReason: 'property_ineligible' });
    const mails = await t.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', 'reception@ala-too-hostel.example')
      .execute();
    expect(mails).toHaveLength(3);
    expect(mails[2]!.body).toContain('санитарным');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('entity', '=', 'legal_entity_application')
      .where('entity_id', '=', String(id))
      .where('action', 'not like', '%.view')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'legal_entity_application.submit',
      'legal_entity_application.claim',
      'legal_entity_application.requestDocuments',
      'legal_entity_application.resubmit',
      'legal_entity_application.claim',
      'legal_entity_application.reject',
    ]);
  });
});

describe('every bad input of the form', () => {
  it('says what is wrong with each field and each document, all at once, and stores nothing', async () => {
    const before = await t.db.selectFrom('legal_entity_applications').select('id').execute();
    const empty = await apply(new TestClient(t.app), { properties: '[]', acceptTerms: 'false' } as never, {});
    expect(empty.statusCode).toBe(400);
    expect(Object.keys(empty.json().fields).sort()).toEqual(
      [
        'acceptTerms',
        'activity',
        'actualAddress',
        'certificate',
        'email',
        'headAddress',
        'headName',
        'headPersonalNumber',
        'legalAddress',
        'name',
        'phone',
        'powerOfAttorney',
        'properties',
        'taxNumber',
        'trustedAddress',
        'trustedName',
        'trustedPosition',
        'trustedPassport',
      ].sort(),
    );
    const cases: [Record<string, string>, string, string][] = [
      [{ taxNumber: '123' }, 'taxNumber', 'errors.entity.taxNumber.format'],
      [{ headPersonalNumber: '3120519800012' }, 'headPersonalNumber', 'errors.personalNumber.format'],
      [{ phone: '+996 12' }, 'phone', 'errors.phone.format'],
      [{ email: 'not-an-email' }, 'email', 'errors.email.invalid'],
      [{ name: ' '.repeat(5) }, 'name', 'errors.entity.name.required'],
      [{ activity: 'x'.repeat(400) }, 'activity', 'errors.text.tooLong'],
      [{ properties: 'not json' }, 'properties', 'errors.entity.properties.required'],
      [
        { properties: JSON.stringify([{ code: '1-02', capacity: 3 }]) },
        'properties.0.code',
        'errors.propertyCode.format',
      ],
      [
        { properties: JSON.stringify([{ code: '9-99-99-9999-9999', capacity: 3 }]) },
        'properties.0.code',
        'errors.propertyCode.notFound',
      ],
      [
        { properties: JSON.stringify([{ code: '', capacity: 0 }]) },
        'properties.0.capacity',
        'errors.capacity.range',
      ],
      [
        {
          properties: JSON.stringify(
            Array.from({ length: 21 }, () => ({ code: '1-02-07-0017-0056', capacity: 1 })),
          ),
        },
        'properties',
        'errors.entity.properties.tooMany',
      ],
    ];
    for (const [override, field, key] of cases) {
      const response = await apply(new TestClient(t.app), fields(override));
      expect(response.statusCode, JSON.stringify(override)).toBe(400);
      expect(response.json().fields[field]?.key, `${JSON.stringify(override)}: ${response.body}`).toBe(key);
    }
    const missingOne: Partial<ReturnType<typeof files>> = files();
    delete missingOne['technicalPassport.1'];
    const missing = await apply(
      new TestClient(t.app),
      fields(),
      missingOne as Record<string, ReturnType<typeof scan>>,
    );
    expect(missing.json().fields).toEqual({
      'technicalPassport.1': expect.objectContaining({ key: 'errors.file.required' }),
    });
    const wrongType = await apply(new TestClient(t.app), fields(), {
      ...files(),
      certificate: {
        body: Buffer.from('MZ executable'),
        filename: 'certificate.exe',
        type: 'application/octet-stream',
      },
    });
    expect(wrongType.json().fields.certificate.key).toBe('errors.file.type');
    const noTicket = await new TestClient(t.app).postMultipart(
      '/api/legal-entities/applications',
      fields(),
      files(),
    );
    expect(noTicket.json().fields.captcha.key).toBe('errors.captcha.required');
    expect(await t.db.selectFrom('legal_entity_applications').select('id').execute()).toEqual(before);
  });

  it('refuses a start without the security check or consent', async () => {
    const client = new TestClient(t.app);
    const response = await client.post('/api/legal-entities/start', { acceptTerms: false, captcha: '' });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().fields).sort()).toEqual(['acceptTerms', 'captcha']);
    expect(
      (await client.post('/api/legal-entities/start', { acceptTerms: true, captcha: 'forged' })).statusCode,
    ).toBe(400);
  });
});

describe('approval opens the cabinet', () => {
  let number: string;
  let id: number;
  let admin: TestClient;
  let pin: string;
  let link: string;

  it('makes the entity, its administrator and its properties in one go, and sends the link and the PIN', async () => {
    const applied = await apply(
      new TestClient(t.app, 'en'),
      fields({
        email: 'front-desk@issyk-kul-resort.example',
        name: 'Issyk-Kul Resort LLC',
        properties: JSON.stringify([{ code: codes[2], capacity: 40 }]),
      }),
      {
        certificate: pdf('certificate'),
        powerOfAttorney: scan('poa'),
        trustedPassport: scan('passport'),
        'propertyDocument.0': scan('deed'),
        'technicalPassport.0': scan('tech'),
      },
    );
    number = applied.json().number;
    id = await applicationId(number);
    // Approval needs the claim, like every decision.
    expect(
      (await operator.post(`/api/operator/legal-entity-applications/${id}/decision`, { decision: 'approve' }))
        .statusCode,
    ).toBe(409);
    await operator.post(`/api/operator/legal-entity-applications/${id}/claim`);
    const approved = await operator.post(`/api/operator/legal-entity-applications/${id}/decision`, {
      decision: 'approve',
    });
    expect(approved.json()).toEqual({ id, status: 'approved' });

    const application = await t.db
      .selectFrom('legal_entity_applications')
      .select(['status', 'host_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const host = await t.db
      .selectFrom('hosts')
      .select(['kind', 'surname', 'email', 'password_hash'])
      .where('id', '=', application.host_id!)
      .executeTakeFirstOrThrow();
    expect(host).toEqual({
      kind: 'legal_entity',
      surname: 'Issyk-Kul Resort LLC',
      email: null,
      password_hash: null,
    });
    const properties = await t.db
      .selectFrom('properties')
      .select(['code', 'capacity'])
      .where('host_id', '=', application.host_id!)
      .execute();
    expect(properties).toEqual([{ code: codes[2], capacity: 40 }]);
    const staff = await t.db
      .selectFrom('entity_staff')
      .select(['role', 'full_name', 'password_hash'])
      .where('host_id', '=', application.host_id!)
      .execute();
    expect(staff).toEqual([{ role: 'admin', full_name: 'Токтосунова Айгуль', password_hash: null }]);

    const mail = await t.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', 'front-desk@issyk-kul-resort.example')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    link = /(https:\/\/konok\.test\/legal-entities\/set-password#[A-Za-z0-9_-]+)/.exec(mail.body)![1]!;
    pin = /PIN for confirming registrations: (\d{6})/.exec(mail.body)![1]!;
    expect(mail.body).not.toMatch(/password:/i);
    const sms = await t.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', '996555987654')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(sms.body).toContain(pin);
    expect(sms.body).not.toContain('#');
    // A second approval of the same application is refused: it is approved already.
    expect((await operator.post(`/api/operator/legal-entity-applications/${id}/claim`)).statusCode).toBe(409);
  });

  it('the administrator sets a password through the link, once, and signs in', async () => {
    const token = link.split('#')[1]!;
    const client = new TestClient(t.app);
    const weak = await client.post('/api/legal-entities/set-password', {
      token,
      newPassword: 'password1234',
      newPasswordRepeat: 'password1234',
    });
    expect(weak.statusCode).toBe(400);
    const mismatch = await client.post('/api/legal-entities/set-password', {
      token,
      newPassword: 'Ala-Too guests 2026',
      newPasswordRepeat: 'other',
    });
    expect(mismatch.json().fields.newPasswordRepeat).toBeTruthy();
    const set = await client.post('/api/legal-entities/set-password', {
      token,
      newPassword: 'Ala-Too guests 2026',
      newPasswordRepeat: 'Ala-Too guests 2026',
    });
    expect(set.json()).toEqual({ email: 'front-desk@issyk-kul-resort.example' });
    const again = await client.post('/api/legal-entities/set-password', {
      token,
      newPassword: 'Another guests 2026',
      newPasswordRepeat: 'Another guests 2026',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().fields.token.key).toBe('errors.entity.setPasswordLink');

    admin = new TestClient(t.app);
    const login = await admin.post('/api/login', {
      email: 'Front-Desk@issyk-kul-resort.example',
      password: 'Ala-Too guests 2026',
    });
    expect(login.json()).toEqual({ role: 'host' });
    expect((await admin.get('/api/session')).json().user).toEqual({
      role: 'host',
      name: 'Токтосунова Айгуль — Issyk-Kul Resort LLC',
      entityRole: 'admin',
    });
  });

  it('lists the properties the operators confirmed, and may not add its own (403)', async () => {
    const list = (await admin.get('/api/properties')).json();
    expect(JSON.stringify(list)).toContain(codes[2]);
    const add = await admin.postMultipart(
      '/api/properties',
      { code: codes[0]!, capacity: '3' },
      { scan: scan('deed') },
    );
    expect(add.statusCode).toBe(403);
    expect(add.json().error.message).toContain('operators');
  });

  it('registers a foreigner at its property with the administrator’s own PIN; the registration records who made it', async () => {
    const property = await newestPropertyId(codes[2]!);
    const documents = await registrationDocuments(admin);
    const data = foreignerFields(property, { ...documents, passportNumber: 'ENT000001' });
    const wrong = await admin.post('/api/registrations', {
      data,
      pin: pin === '000000' ? '111111' : '000000',
    });
    expect(wrong.json().fields.pin.key).toBe('errors.pin.wrong');
    const created = await admin.post('/api/registrations', { data, pin });
    expect(created.statusCode, created.body).toBe(201);
    const row = await t.db
      .selectFrom('registrations')
      .select(['staff_id', 'host_id'])
      .where('id', '=', created.json().id)
      .executeTakeFirstOrThrow();
    const staff = await t.db
      .selectFrom('entity_staff')
      .select('id')
      .where('email', '=', 'front-desk@issyk-kul-resort.example')
      .executeTakeFirstOrThrow();
    expect(row.staff_id).toBe(staff.id);
    // Another host reaches none of it.
    const other = new TestClient(t.app);
    await activeHost(other, t.db);
    expect((await other.get(`/api/properties/${property}`)).statusCode).toBe(404);
    expect((await other.post(`/api/registrations/${created.json().id}/cancel`)).statusCode).toBe(404);
  });

  it('the administrator invites a receptionist, who registers a foreigner; the archive shows and filters by who made it', async () => {
    const invited = await admin.post('/api/entity/staff', {
      email: 'nurlan@issyk-kul-resort.example',
      fullName: 'Нурлан Ресепшн',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toEqual({ id: expect.any(Number) });
    expect(
      (
        await admin.post('/api/entity/staff', { email: 'nurlan@issyk-kul-resort.example', fullName: 'Again' })
      ).json().fields.email.key,
    ).toBe('errors.email.taken');
    expect((await admin.post('/api/entity/staff', { email: 'bad', fullName: '' })).statusCode).toBe(400);
    const mail = await t.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', 'nurlan@issyk-kul-resort.example')
      .executeTakeFirstOrThrow();
    const token = /set-password#([A-Za-z0-9_-]+)/.exec(mail.body)![1]!;
    const staffPin = /: (\d{6})\./.exec(mail.body)![1]!;
    await new TestClient(t.app).post('/api/legal-entities/set-password', {
      token,
      newPassword: 'Front desk nights 2026',
      newPasswordRepeat: 'Front desk nights 2026',
    });
    const receptionist = new TestClient(t.app);
    expect(
      (
        await receptionist.post('/api/login', {
          email: 'nurlan@issyk-kul-resort.example',
          password: 'Front desk nights 2026',
        })
      ).statusCode,
    ).toBe(200);
    expect((await receptionist.get('/api/entity/staff')).statusCode).toBe(403);
    expect(
      (await receptionist.post('/api/entity/staff', { email: 'x@example.kg', fullName: 'X' })).statusCode,
    ).toBe(403);

    const property = await newestPropertyId(codes[2]!);
    const data = foreignerFields(property, {
      ...(await registrationDocuments(receptionist)),
      passportNumber: 'ENT000002',
    });
    const created = await receptionist.post('/api/registrations', { data, pin: staffPin });
    expect(created.statusCode, created.body).toBe(201);

    const list = (await admin.get('/api/entity/staff')).json().items;
    expect(list.map((s: { role: string; status: string }) => [s.role, s.status])).toEqual([
      ['admin', 'active'],
      ['staff', 'active'],
    ]);
    const staffId = list[1].id;
    const archive = (await admin.get('/api/registrations')).json();
    expect(archive.items.map((i: { staffName: string }) => i.staffName).sort()).toEqual([
      'Нурлан Ресепшн',
      'Токтосунова Айгуль',
    ]);
    const filtered = (await admin.get(`/api/registrations?staffId=${staffId}`)).json();
    expect(filtered.items.map((i: { applicationNumber: string }) => i.applicationNumber)).toEqual([
      created.json().applicationNumber,
    ]);
    // The receptionist sees the entity's registrations, not only their own.
    expect((await receptionist.get('/api/registrations')).json().total).toBe(2);
    expect((await admin.get('/api/registrations?staffId=abc')).statusCode).toBe(400);

    // Disabled: the session ends and the password no longer opens anything.
    expect((await admin.post(`/api/entity/staff/${staffId}/disable`)).json()).toEqual({ ok: true });
    expect((await receptionist.get('/api/registrations')).statusCode).toBe(401);
    expect(
      (
        await new TestClient(t.app).post('/api/login', {
          email: 'nurlan@issyk-kul-resort.example',
          password: 'Front desk nights 2026',
        })
      ).statusCode,
    ).toBe(401);
    expect((await admin.get('/api/entity/staff')).json().items[1].status).toBe('disabled');
    expect((await admin.post(`/api/entity/staff/${list[0].id}/disable`)).statusCode).toBe(400);
    expect((await admin.post('/api/entity/staff/999999/disable')).statusCode).toBe(404);
    // A person host is no entity administrator.
    const person = new TestClient(t.app);
    await activeHost(person, t.db);
    expect((await person.get('/api/entity/staff')).statusCode).toBe(403);
    expect((await person.post(`/api/entity/staff/${staffId}/disable`)).statusCode).toBe(403);
  });

  it('operators add, change and retire the entity’s properties; the entity itself may not (403)', async () => {
    const listed = await operator.get('/api/operator/legal-entities?q=issyk');
    expect(listed.statusCode).toBe(200);
    const [entity] = listed.json().items;
    expect(entity).toMatchObject({
      name: 'Issyk-Kul Resort LLC',
      properties: 1,
      taxNumber: '02305201910123',
    });
    expect((await operator.get('/api/operator/legal-entities?q=%25')).json().items).toEqual([]);
    expect((await admin.get('/api/operator/legal-entities')).statusCode).toBe(403);
    expect((await new TestClient(t.app).get('/api/operator/legal-entities')).statusCode).toBe(401);
    const base = `/api/operator/legal-entities/${entity.hostId}/properties`;

    // The operator looks the code up and adds the building, with the document the entity sent.
    expect((await operator.post('/api/properties/lookup', { code: codes[0] })).statusCode).toBe(200);
    const bad = await operator.postMultipart(base, { code: '12', capacity: '0' }, {});
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['capacity', 'code']);
    const noScan = await operator.postMultipart(base, { code: codes[0]!, capacity: '6' }, {});
    expect(noScan.json().fields.scan.key).toBe('errors.propertyScan.required');
    const duplicate = await operator.postMultipart(
      base,
      { code: codes[2]!, capacity: '6' },
      { scan: scan('x') },
    );
    expect(duplicate.json().fields.code.key).toBe('errors.propertyCode.duplicate');
    const added = await operator.postMultipart(
      base,
      { code: codes[0]!, capacity: '6' },
      { scan: pdf('tech') },
    );
    expect(added.statusCode, added.body).toBe(201);
    const propertyId = added.json().id;
    const mine = (await admin.get('/api/properties')).json().properties;
    expect(mine.map((p: { code: string; capacity: number }) => [p.code, p.capacity]).sort()).toEqual(
      [
        [codes[0], 6],
        [codes[2], 40],
      ].sort(),
    );
    const document = await operator.get(`${base}/${propertyId}/scan`);
    expect(document.headers['content-type']).toContain('application/pdf');

    // A person's cabinet is not the operators' to change: as if it did not exist.
    const person = new TestClient(t.app);
    const personHost = await t.db
      .selectFrom('hosts')
      .select('id')
      .where('email', '=', (await activeHost(person, t.db)).email)
      .executeTakeFirstOrThrow();
    const personBase = `/api/operator/legal-entities/${personHost.id}/properties`;
    expect((await operator.get(personBase)).statusCode).toBe(404);
    expect(
      (await operator.postMultipart(personBase, { code: codes[1]!, capacity: '2' }, { scan: scan('x') }))
        .statusCode,
    ).toBe(404);

    // More places; never fewer than the people registered there now.
    const changed = await operator.patch(`${base}/${propertyId}`, { capacity: 10 });
    expect(changed.json()).toMatchObject({ id: propertyId, capacity: 10 });
    for (const body of [{}, { capacity: 'ten' }, { capacity: 0 }, { capacity: 501 }, { capacity: 2.5 }, []])
      expect((await operator.patch(`${base}/${propertyId}`, body)).statusCode).toBe(400);
    const busy = mine.find((p: { code: string }) => p.code === codes[2]);
    expect(busy.activeRegistrations).toBe(2);
    const below = await operator.patch(`${base}/${busy.id}`, { capacity: 1 });
    expect(below.statusCode).toBe(400);
    expect(below.json().fields.capacity.message).toContain('2');
    expect((await operator.delete(`${base}/${busy.id}`)).statusCode).toBe(409);
    expect((await operator.patch(`${base}/999999`, { capacity: 5 })).statusCode).toBe(404);

    // The entity neither removes nor adds; the operator retires the building.
    expect((await admin.delete(`/api/properties/${propertyId}`)).statusCode).toBe(403);
    expect((await admin.patch(`${base}/${propertyId}`, { capacity: 50 })).statusCode).toBe(403);
    expect((await operator.delete(`${base}/${propertyId}`)).json()).toEqual({ ok: true });
    expect((await operator.delete(`${base}/${propertyId}`)).statusCode).toBe(404);
    const after = (await admin.get('/api/properties')).json().properties;
    expect(after.map((p: { code: string }) => p.code)).toEqual([codes[2]]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('entity', '=', 'property')
      .where('entity_id', '=', String(propertyId))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['property.add', 'property.capacity', 'property.remove']);
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set([audit[0]!.actor]));
    expect(audit[0]!.actor).toMatch(/^operator:\d+$/);
  });

  it('a staff member of another entity reaches none of this entity’s data (404)', async () => {
    const applied = await apply(
      new TestClient(t.app, 'en'),
      fields({
        email: 'desk@other-hostel.example',
        name: 'Other Hostel LLC',
        properties: JSON.stringify([{ code: codes[1], capacity: 6 }]),
      }),
      {
        certificate: pdf('certificate'),
        powerOfAttorney: scan('poa'),
        trustedPassport: scan('passport'),
        'propertyDocument.0': scan('deed'),
        'technicalPassport.0': scan('tech'),
      },
    );
    const otherId = await applicationId(applied.json().number);
    await operator.post(`/api/operator/legal-entity-applications/${otherId}/claim`);
    expect(
      (
        await operator.post(`/api/operator/legal-entity-applications/${otherId}/decision`, {
          decision: 'approve',
        })
      ).statusCode,
    ).toBe(200);
    const mail = await t.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', 'desk@other-hostel.example')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const token = /set-password#([A-Za-z0-9_-]+)/.exec(mail.body)![1]!;
    const set = await new TestClient(t.app).post('/api/legal-entities/set-password', {
      token,
      newPassword: 'Mountain river lanterns 88',
      newPasswordRepeat: 'Mountain river lanterns 88',
    });
    expect(set.statusCode, set.body).toBe(200);
    const outsider = new TestClient(t.app);
    expect(
      (
        await outsider.post('/api/login', {
          email: 'desk@other-hostel.example',
          password: 'Mountain river lanterns 88',
        })
      ).statusCode,
    ).toBe(200);

    const property = await newestPropertyId(codes[2]!);
    const registration = (
      await t.db
        .selectFrom('registrations')
        .select('id')
        .where('passport_number_hash', 'is not', null)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await outsider.get(`/api/properties/${property}`)).statusCode).toBe(404);
    expect((await outsider.post(`/api/registrations/${registration}/cancel`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/registrations/${registration}/card.pdf`)).statusCode).toBe(404);
    expect((await outsider.get('/api/registrations')).json().total).toBe(0);
    expect(
      (await outsider.get('/api/entity/staff')).json().items.map((s: { email: string }) => s.email),
    ).toEqual(['desk@other-hostel.example']);
    expect((await outsider.post('/api/entity/staff/1/disable')).statusCode).toBe(404);
  });

  it('a staff member changes their own password, recovers their PIN and their forgotten password', async () => {
    const email = 'front-desk@issyk-kul-resort.example';
    const other = new TestClient(t.app);
    expect((await other.post('/api/login', { email, password: 'Ala-Too guests 2026' })).statusCode).toBe(200);
    const mailsTo = async () =>
      (
        await t.db
          .selectFrom('outbox')
          .select(['body', 'channel'])
          .where('recipient', '=', email)
          .orderBy('id', 'desc')
          .execute()
      ).map((m) => m.body);

    // A wrong current password, a weak new one, a malformed body: 400, nothing changes.
    const wrong = await admin.post('/api/account/password', {
      currentPassword: 'not it at all',
      newPassword: 'Lake shore mornings 2027',
      newPasswordRepeat: 'Lake shore mornings 2027',
    });
    expect(wrong.json().fields.currentPassword.key).toBe('errors.password.currentWrong');
    const weak = await admin.post('/api/account/password', {
      currentPassword: 'Ala-Too guests 2026',
      newPassword: 'password1234',
      newPasswordRepeat: 'password1234',
    });
    expect(weak.statusCode).toBe(400);
    expect((await admin.post('/api/account/password', { currentPassword: 5 })).statusCode).toBe(400);
    const changed = await admin.post('/api/account/password', {
      currentPassword: 'Ala-Too guests 2026',
      newPassword: 'Lake shore mornings 2027',
      newPasswordRepeat: 'Lake shore mornings 2027',
    });
    expect(changed.json()).toEqual({ ok: true });
    // This session goes on; the other one ends; the old password opens nothing.
    expect((await admin.get('/api/entity')).statusCode).toBe(200);
    expect((await other.get('/api/entity')).statusCode).toBe(401);
    expect(
      (await new TestClient(t.app).post('/api/login', { email, password: 'Ala-Too guests 2026' })).statusCode,
    ).toBe(401);
    // The entity's person-side account is untouched: it has none.
    const host = await t.db
      .selectFrom('hosts')
      .select('password_hash')
      .where('surname', '=', 'Issyk-Kul Resort LLC')
      .executeTakeFirstOrThrow();
    expect(host.password_hash).toBeNull();

    // A new PIN of their own, to their e-mail; the old one no longer confirms a registration.
    expect(
      (await admin.post('/api/account/pin/recover', { currentPassword: 'wrong password' })).statusCode,
    ).toBe(400);
    expect(
      (await admin.post('/api/account/pin/recover', { currentPassword: 'Lake shore mornings 2027' })).json(),
    ).toEqual({ ok: true });
    const newPin = /(\d{6})/.exec((await mailsTo())[0]!)![1]!;
    expect(newPin).not.toBe(pin);
    const property = await newestPropertyId(codes[2]!);
    const data = foreignerFields(property, {
      ...(await registrationDocuments(admin)),
      passportNumber: 'ENT000009',
    });
    expect((await admin.post('/api/registrations', { data, pin })).json().fields.pin.key).toBe(
      'errors.pin.wrong',
    );
    expect((await admin.post('/api/registrations', { data, pin: newPin })).statusCode).toBe(201);

    // Forgotten: the same answer as for any e-mail; a link (not a code) to set a new password.
    const before = (await mailsTo()).length;
    const anon = new TestClient(t.app);
    const asked = await anon.post('/api/password-reset/request', { email: email.toUpperCase() });
    expect(asked.statusCode).toBe(202);
    const unknown = await anon.post('/api/password-reset/request', { email: 'nobody@nowhere.example' });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(asked.json());
    const mails = await mailsTo();
    expect(mails.length).toBe(before + 1);
    const token = /set-password#([A-Za-z0-9_-]+)/.exec(mails[0]!)![1]!;
    expect(
      (
        await anon.post('/api/legal-entities/set-password', {
          token,
          newPassword: 'Quiet harbour evenings 2028',
          newPasswordRepeat: 'Quiet harbour evenings 2028',
        })
      ).statusCode,
    ).toBe(200);
    // Reset: every session ends, this one too; the new password opens the cabinet.
    expect((await admin.get('/api/entity')).statusCode).toBe(401);
    expect(
      (await anon.post('/api/login', { email, password: 'Quiet harbour evenings 2028' })).statusCode,
    ).toBe(200);
    // A disabled staff member gets no link.
    const disabled = 'nurlan@issyk-kul-resort.example';
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('outbox')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('recipient', '=', disabled)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const disabledBefore = await count();
    await anon.post('/api/password-reset/request', { email: disabled });
    expect(await count()).toBe(disabledBefore);
  });
});

describe('malformed bodies', () => {
  it('get a 400 on every legal-entity route, from whoever may use it', async () => {
    const host = new TestClient(t.app);
    await activeHost(host, t.db);
    const anyone = new TestClient(t.app);
    const routes: ['POST' | 'PATCH', string, TestClient[]][] = [
      ['POST', '/api/legal-entities/start', [anyone, host]],
      ['POST', '/api/legal-entities/applications', [anyone]],
      ['POST', '/api/legal-entities/applications/view', [anyone]],
      ['POST', '/api/legal-entities/applications/resubmit', [anyone]],
      ['POST', '/api/legal-entities/set-password', [anyone]],
      ['POST', '/api/password-reset/request', [anyone]],
      ['POST', '/api/entity/staff', [host]],
      ['POST', '/api/account/password', [host]],
      ['POST', '/api/account/pin/recover', [host]],
      ['POST', '/api/operator/legal-entity-applications/1/decision', [operator]],
      ['POST', '/api/operator/legal-entities/1/properties', [operator]],
      ['PATCH', '/api/operator/legal-entities/1/properties/1', [operator]],
    ];
    const bodies: [string, string][] = [
      ['application/json', '{'],
      ['application/json', '[]'],
      ['application/json', 'null'],
      ['application/json', '{"__proto__":{"x":1}}'],
      ['text/plain', 'hello'],
      ['multipart/form-data; boundary=zz', '--zz\r\ngarbage'],
    ];
    for (const [method, url, clients] of routes)
      for (const client of clients)
        for (const [contentType, body] of bodies) {
          const response = await client.request(method, url, { body: Buffer.from(body), contentType });
          expect(response.statusCode, `${method} ${url} ${contentType} ${body}`).toBe(400);
          expect(response.json().error.message).toBeTruthy();
        }
  });
});
