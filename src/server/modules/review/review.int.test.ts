import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeHost,
  addProperty,
  foreignerFields,
  passportScan,
  photo,
  registrationDocuments,
} from '../../../../tests/support/factories';
import { buildTestApp, TestClient, withoutFee, type TestApp } from '../../../../tests/support/test-app';
import { addDays, todayIso } from '../../../shared/schemas';
import { reviewDeadline } from '../../../shared/profiles/review-deadline';
import { isRegistrationNumber } from '../../../shared/registration-number';
import { insertOperator } from '../accounts/accounts.repo';
import { hashPassword } from '../accounts/passwords';
import { TOTP } from 'otpauth';

let t: TestApp;
let host: TestClient;
let pin: string;
let opA: TestClient;
let opB: TestClient;
let operatorA: number;
let propertyId: number;
let documents: { passportDocumentId: number; photoDocumentId: number };
let serial = 0;

async function operator(email: string) {
  const id = await insertOperator(t.db, {
    email,
    passwordHash: await hashPassword('operator passphrase 2026'),
    fullName: 'Test Operator',
    role: 'operator',
  });
  const client = new TestClient(t.app);
  const credentials = { email, password: 'operator passphrase 2026' };
  const first = await client.post('/api/login', credentials);
  expect(first.statusCode).toBe(409);
  const { secret } = first.json().enrolment;
  const login = await client.post('/api/login', {
    ...credentials,
    oneTimeCode: new TOTP({ secret }).generate(),
  });
  expect(login.json()).toEqual({ role: 'operator', recoveryCodes: expect.any(Array) });
  return { id, client };
}

beforeAll(async () => {
  t = await buildTestApp();
  withoutFee(t.app.ctx);
  host = new TestClient(t.app);
  ({ pin } = await activeHost(host, t.db));
  const code = (
    await t.db.selectFrom('property_registry').select('code').orderBy('code').executeTakeFirstOrThrow()
  ).code;
  propertyId = await addProperty(host, code, 50);
  documents = await registrationDocuments(host);
  ({ id: operatorA, client: opA } = await operator('operator.a@konok.example'));
  ({ client: opB } = await operator('operator.b@konok.example'));
});
afterAll(async () => t.close());

async function submitted(overrides: Record<string, unknown> = {}) {
  serial += 1;
  const response = await host.post('/api/registrations', {
    data: foreignerFields(propertyId, {
      ...documents,
      passportNumber: `REV${String(serial).padStart(5, '0')}`,
      email: `guest${serial}@example.de`,
      ...overrides,
    }),
    pin,
  });
  expect(response.statusCode, response.body).toBe(201);
  expect(response.json().status).toBe('submitted');
  return response.json() as { id: number; applicationNumber: string };
}

type QueueItem = {
  id: number;
  claim: string | null;
  deadline: string;
  overdue: boolean;
  flags: string[];
  status: string;
};
const queue = async (client: TestClient, query = '') =>
  (await client.get(`/api/operator/queue${query}`)).json().items as QueueItem[];
const audit = (id: number) =>
  t.db
    .selectFrom('audit_log')
    .select(['action', 'actor'])
    .where('entity', '=', 'registration')
    .where('entity_id', '=', String(id))
    .orderBy('id')
    .execute();

describe('the operators’ queue', () => {
  it('lists submitted applications by deadline, one working day after submission, with their flags', async () => {
    const onTime = await submitted();
    const late = await submitted({
      entryDate: addDays(todayIso(), -40),
      periodFrom: addDays(todayIso(), -1),
    });
    const items = await queue(opA);
    const first = items.find((i) => i.id === onTime.id)!;
    const row = await t.db
      .selectFrom('registrations')
      .select('submitted_at')
      .where('id', '=', onTime.id)
      .executeTakeFirstOrThrow();
    expect(first.deadline).toBe(
      reviewDeadline(t.app.ctx.profile.calendar, t.app.ctx.profile.clock, row.submitted_at!).toISOString(),
    );
    expect(first).toMatchObject({ status: 'submitted', claim: null, overdue: false, flags: [] });
    expect(items.find((i) => i.id === late.id)!.flags).toEqual(['late']);
    expect((await queue(opA, '?flag=late')).map((i) => i.id)).toContain(late.id);
    expect((await queue(opA, '?flag=late')).map((i) => i.id)).not.toContain(onTime.id);
    expect((await opA.get('/api/operator/queue?flag=nonsense')).statusCode).toBe(400);
  });

  it('flags a passport that runs out just after the period and a minor with a guardian, each with its reason', async () => {
    const periodTo = addDays(todayIso(), 20);
    const flagged = await submitted({
      passportExpiryDate: addDays(periodTo, 10),
      birthDate: addDays(todayIso(), -12 * 366),
      withGuardian: true,
    });
    expect((await queue(opA)).find((i) => i.id === flagged.id)!.flags).toEqual(['passportExpiring', 'minor']);
    expect((await queue(opA, '?flag=minor')).map((i) => i.id)).toEqual([flagged.id]);
    const view = (await opA.get(`/api/operator/applications/${flagged.id}`)).json();
    expect(view.flagReasons).toEqual([
      { code: 'passportExpiring', message: expect.stringContaining('10 days after the registration ends') },
      { code: 'minor', message: expect.stringContaining('The foreigner is 12') },
    ]);
  });

  it('is for operators only: a host gets 403, nobody 401; an operator on a host’s pages gets 403', async () => {
    expect((await host.get('/api/operator/queue')).statusCode).toBe(403);
    expect((await host.post('/api/operator/applications/1/claim')).statusCode).toBe(403);
    expect((await new TestClient(t.app).get('/api/operator/queue')).statusCode).toBe(401);
    expect((await opA.get('/api/registrations')).statusCode).toBe(403);
    expect((await opA.post('/api/registrations/check', {})).statusCode).toBe(403);
  });
});

describe('the application view', () => {
  it('shows the data, the documents, what the host typed over the MRZ, the host, the property and the history; audited', async () => {
    const first = await submitted({
      passportNumber: 'HIST00001',
      periodFrom: addDays(todayIso(), 40),
      periodTo: addDays(todayIso(), 45),
      entryDate: addDays(todayIso(), -1),
    });
    const app = await submitted({
      passportNumber: 'HIST00001',
      mrzFields: ['surname', 'passportNumber'],
      mrzChangedFields: ['surname'],
    });
    const view = await opA.get(`/api/operator/applications/${app.id}`);
    expect(view.statusCode).toBe(200);
    const body = view.json();
    expect(body).toMatchObject({
      applicationNumber: app.applicationNumber,
      fields: { surname: 'MULLER', passportNumber: 'HIST00001', passportCountry: 'DEU' },
      mrzChangedFields: ['surname'],
      documents: { passport: documents.passportDocumentId, photo: documents.photoDocumentId, extra: [] },
      property: { capacity: 50 },
    });
    expect(body.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ applicationNumber: first.applicationNumber, samePerson: true }),
      ]),
    );
    // The operator may open the scan; both the view and the scan are in the audit log.
    expect((await opA.get(`/api/documents/${documents.passportDocumentId}`)).statusCode).toBe(200);
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor', '=', `operator:${operatorA}`)
      .where('action', 'in', ['registration.view', 'document.view'])
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['registration.view', 'document.view']),
    );
    expect((await host.get(`/api/operator/applications/${app.id}`)).statusCode).toBe(403);
    expect((await opA.get('/api/operator/applications/999999')).statusCode).toBe(404);
  });
});

describe('claims', () => {
  it('one operator at a time; a claim left to run out can be taken by another', async () => {
    const app = await submitted();
    const claimed = await opA.post(`/api/operator/applications/${app.id}/claim`);
    expect(claimed.json()).toMatchObject({ id: app.id, status: 'in_review' });
    const refused = await opB.post(`/api/operator/applications/${app.id}/claim`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('Another operator has taken this application.');
    expect((await queue(opA)).find((i) => i.id === app.id)!.claim).toBe('mine');
    expect((await queue(opB)).find((i) => i.id === app.id)!.claim).toBe('other');
    // Nor can B decide it.
    expect(
      (await opB.post(`/api/operator/applications/${app.id}/decision`, { decision: 'approve' })).statusCode,
    ).toBe(409);
    // A's claim runs out.
    await t.db
      .updateTable('registrations')
      .set({ claim_until: new Date(Date.now() - 1000) })
      .where('id', '=', app.id)
      .execute();
    expect((await opB.post(`/api/operator/applications/${app.id}/claim`)).statusCode).toBe(200);
    expect(
      (await opA.post(`/api/operator/applications/${app.id}/decision`, { decision: 'approve' })).statusCode,
    ).toBe(409);
    // The host can no longer cancel it: an operator has it.
    expect((await host.post(`/api/registrations/${app.id}/cancel`)).statusCode).toBe(409);
  });

  it('two operators taking the same application at once: exactly one gets it', async () => {
    const app = await submitted();
    const answers = await Promise.all([
      opA.post(`/api/operator/applications/${app.id}/claim`),
      opB.post(`/api/operator/applications/${app.id}/claim`),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
  });

  it('giving it back keeps its place and deadline in the queue', async () => {
    const app = await submitted();
    const before = (await queue(opA)).find((i) => i.id === app.id)!;
    await opA.post(`/api/operator/applications/${app.id}/claim`);
    const released = await opA.post(`/api/operator/applications/${app.id}/release`);
    expect(released.json()).toEqual({ id: app.id, status: 'submitted' });
    expect((await queue(opB)).find((i) => i.id === app.id)).toMatchObject({
      deadline: before.deadline,
      claim: null,
    });
  });
});

describe('decisions', () => {
  it('approve: a 14-digit registration number with its check digit, audited and announced', async () => {
    const app = await submitted();
    expect(
      (await opA.post(`/api/operator/applications/${app.id}/decision`, { decision: 'approve' })).statusCode,
    ).toBe(409); // not taken yet
    await opA.post(`/api/operator/applications/${app.id}/claim`);
    const approved = await opA.post(`/api/operator/applications/${app.id}/decision`, { decision: 'approve' });
    expect(approved.statusCode).toBe(200);
    const { registrationNumber } = approved.json() as { registrationNumber: string };
    expect(isRegistrationNumber(registrationNumber)).toBe(true);
    const row = await t.db
      .selectFrom('registrations')
      .select(['status', 'registration_number', 'decided_by', 'claimed_by'])
      .where('id', '=', app.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: 'approved',
      registration_number: registrationNumber,
      decided_by: operatorA,
      claimed_by: null,
    });
    expect(await audit(app.id)).toEqual([
      { action: 'registration.confirm', actor: expect.stringMatching(/^host:/) },
      { action: 'registration.pay', actor: expect.stringMatching(/^host:/) },
      { action: 'registration.claim', actor: `operator:${operatorA}` },
      { action: 'registration.approve', actor: `operator:${operatorA}` },
    ]);
    const messages = await t.db
      .selectFrom('outbox')
      .select(['recipient', 'body'])
      .where('body', 'like', `%${registrationNumber}%`)
      .execute();
    expect(messages.map((m) => m.recipient)).toEqual(expect.arrayContaining([`guest${serial}@example.de`]));
    expect(messages.length).toBeGreaterThanOrEqual(3); // host e-mail and SMS, the foreigner's e-mail and SMS
    // The public status check finds it by its new number.
    const status = await new TestClient(t.app).post('/api/public/status', {
      number: registrationNumber,
      passportNumber: `REV${String(serial).padStart(5, '0')}`,
    });
    expect(status.statusCode).toBe(200);
  });

  it('reject: a reason from the list and free text; request documents: a message', async () => {
    const rejected = await submitted();
    await opA.post(`/api/operator/applications/${rejected.id}/claim`);
    const noReason = await opA.post(`/api/operator/applications/${rejected.id}/decision`, {
      decision: 'reject',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields.reason.message).toBe('Choose the reason for the rejection');
    const answer = await opA.post(`/api/operator/applications/${rejected.id}/decision`, {
      decision: 'reject',
      reason: 'data_mismatch',
      note: 'The birth date differs from the passport.',
    });
    expect(answer.json()).toEqual({ id: rejected.id, status: 'rejected', registrationNumber: null });
    expect(
      await t.db
        .selectFrom('registrations')
        .select(['decision_reason', 'decision_note'])
        .where('id', '=', rejected.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      decision_reason: 'data_mismatch',
      decision_note: 'The birth date differs from the passport.',
    });

    const asked = await submitted();
    await opB.post(`/api/operator/applications/${asked.id}/claim`);
    const empty = await opB.post(`/api/operator/applications/${asked.id}/decision`, {
      decision: 'requestDocuments',
      message: '   ',
    });
    expect(empty.json().fields.message.message).toBe('Say which documents are needed');
    const requested = await opB.post(`/api/operator/applications/${asked.id}/decision`, {
      decision: 'requestDocuments',
      message: 'A clearer scan of the passport page, please.',
    });
    expect(requested.json().status).toBe('documents_requested');
    const mail = await t.db
      .selectFrom('outbox')
      .select('body')
      .where('body', 'like', '%A clearer scan of the passport page%')
      .execute();
    expect(mail.length).toBe(1); // the host's e-mail (SMS says to look in the cabinet)
  });

  it('documents requested: the host sees the message, sends files, and the application returns to the queue', async () => {
    const app = await submitted();
    await opA.post(`/api/operator/applications/${app.id}/claim`);
    await opA.post(`/api/operator/applications/${app.id}/decision`, {
      decision: 'requestDocuments',
      message: 'The page with the entry stamp, please.',
    });
    const archive = (await host.get('/api/registrations?status=documents_requested')).json().items as {
      id: number;
      decisionNote: string;
    }[];
    expect(archive.find((i) => i.id === app.id)!.decisionNote).toBe('The page with the entry stamp, please.');
    // Nothing chosen, or a file of the wrong kind: said on the field, nothing changes.
    const none = await host.postMultipart(`/api/registrations/${app.id}/resubmit`, { note: 'x' }, {});
    expect(none.statusCode).toBe(400);
    const wrong = await host.postMultipart(
      `/api/registrations/${app.id}/resubmit`,
      {},
      { file1: { body: Buffer.from('plain text'), filename: 'a.txt', type: 'text/plain' } },
    );
    expect(wrong.json().fields.files.key).toBe('errors.file.type');
    // Another host's application: as if it did not exist.
    const stranger = new TestClient(t.app);
    await activeHost(stranger, t.db);
    const theirs = await stranger.postMultipart(
      `/api/registrations/${app.id}/resubmit`,
      {},
      { file1: passportScan() },
    );
    expect(theirs.statusCode).toBe(404);

    const sent = await host.postMultipart(
      `/api/registrations/${app.id}/resubmit`,
      {},
      { file1: passportScan(), file2: photo() },
    );
    expect(sent.json()).toMatchObject({ id: app.id, status: 'submitted' });
    const attached = await t.db
      .selectFrom('registration_documents')
      .select('document_id')
      .where('registration_id', '=', app.id)
      .execute();
    expect(attached).toHaveLength(2);
    expect((await queue(opB)).find((i) => i.id === app.id)).toMatchObject({
      status: 'submitted',
      claim: null,
    });
    expect((await audit(app.id)).map((a) => a.action).slice(-3)).toEqual([
      'registration.claim',
      'registration.requestDocuments',
      'registration.resubmit',
    ]);
    // Only once: it is no longer waiting for documents.
    expect(
      (await host.postMultipart(`/api/registrations/${app.id}/resubmit`, {}, { file1: passportScan() }))
        .statusCode,
    ).toBe(409);
  });

  it('malformed decisions get a 400, an unknown application a 404', async () => {
    const app = await submitted();
    await opA.post(`/api/operator/applications/${app.id}/claim`);
    for (const body of [{}, { decision: 'maybe' }, { decision: 'reject', reason: 'whim' }, 'x'])
      expect((await opA.post(`/api/operator/applications/${app.id}/decision`, body)).statusCode).toBe(400);
    expect((await opA.post('/api/operator/applications/999999/claim')).statusCode).toBe(404);
    expect((await opA.post('/api/operator/applications/abc/claim')).statusCode).toBe(400);
  });
});
