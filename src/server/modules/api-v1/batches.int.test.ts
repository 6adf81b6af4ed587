import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../../tests/support/api-client';
import { foreignerFields } from '../../../../tests/support/factories';
import { anotherInstance, buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { seedDemoData } from '../../demo/demo-data';
import { seedDemoEntity } from '../../demo/demo-entity';
import { DEMO_ENTITY } from '../../demo/demo-logins';
import { processBatches } from './batches.service';
import { CSV_COLUMNS } from './csv';

// Batches over HTTP: JSON and CSV, worked through in the background (here by hand, and by
// another process after a "restart"); each row's result; every refusal of a bad file.
let t: TestApp;
let base: string;
let api: ApiClient;
let place: number;
let documents: { passportDocumentId: number; photoDocumentId: number };

beforeAll(async () => {
  t = await buildTestApp({ publicUrl: 'https://konok.test' });
  await seedDemoData(t.app.ctx);
  await seedDemoEntity(t.app.ctx);
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const admin = new TestClient(t.app);
  expect((await admin.post('/api/login', DEMO_ENTITY.admin)).statusCode).toBe(200);
  place = (await admin.get('/api/properties')).json().properties[0].id;
  const made = await admin.post('/api/entity/api-keys', { name: 'Batch', scopes: ['registrations:write'] });
  api = new ApiClient(base, made.json().secret);
  documents = await api.documents();
});
afterAll(async () => t.close());

const guest = (passportNumber: string, overrides: Record<string, unknown> = {}) =>
  foreignerFields(place, { ...documents, passportNumber, ...overrides });

async function progress(id: string) {
  const answer = await api.get(`/api/v1/batches/${id}`);
  expect(answer.status, answer.text).toBe(200);
  return answer.json;
}

describe('a JSON batch', () => {
  it('is accepted at once; one bad row stops none of the others; its accepted rows are exactly the applications made', async () => {
    const accepted = await api.post('/api/v1/batches', {
      guests: [
        guest('BATCH0001', { externalReference: 'B-1' }),
        guest('bad number', { birthDate: 'yesterday' }),
        guest('BATCH0002'),
        guest('BATCH0001'),
        'not a guest',
      ],
    });
    expect(accepted.status, accepted.text).toBe(202);
    expect(accepted.json).toMatchObject({ total: 5, status: 'processing' });
    expect((await progress(accepted.json.id)).pending).toBe(5);

    expect(await processBatches(t.app.ctx)).toBe(5);
    const done = await progress(accepted.json.id);
    expect(done).toMatchObject({ status: 'done', total: 5, accepted: 2, rejected: 3, pending: 0 });
    const [first, bad, second, twice, junk] = done.rows;
    expect(first).toMatchObject({ row: 1, status: 'accepted', errors: null });
    expect(second.status).toBe('accepted');
    expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['birthDate', 'passportNumber']),
    );
    expect(bad.errors[0]).toMatchObject({ column: null, code: expect.stringMatching(/^errors\./) });
    expect(bad.errors[0].message).not.toMatch(/^errors\./);
    // The same passport for the same days is the rule's refusal, on its field.
    expect(twice.errors).toEqual([
      expect.objectContaining({ field: 'passportNumber', code: 'errors.registration.passport.overlap' }),
    ]);
    expect(junk.status).toBe('rejected');

    const numbers = done.rows
      .filter((r: { status: string }) => r.status === 'accepted')
      .map((r: { applicationNumber: string }) => r.applicationNumber);
    const made = await t.db
      .selectFrom('registrations')
      .select(['application_number', 'external_reference'])
      .where(
        'passport_number_hash',
        'in',
        (
          await t.db
            .selectFrom('registrations')
            .select('passport_number_hash')
            .where('application_number', 'in', numbers)
            .execute()
        ).map((r) => r.passport_number_hash),
      )
      .orderBy('application_number')
      .execute();
    expect(made.map((r) => r.application_number).sort()).toEqual([...numbers].sort());
    expect(made.find((r) => r.application_number === first.applicationNumber)?.external_reference).toBe(
      'B-1',
    );
    // A decided row keeps no copy of the guest.
    const kept = await t.db
      .selectFrom('api_batch_rows')
      .select('input_enc')
      .where('batch_id', '=', accepted.json.id)
      .execute();
    expect(kept.every((r) => r.input_enc === null)).toBe(true);
  });

  it('waits in the database: another process works it through after a restart', async () => {
    const accepted = await api.post('/api/v1/batches', { guests: [guest('RESTART01')] });
    const other = await anotherInstance(t);
    try {
      expect(await processBatches(other.app.ctx)).toBe(1);
    } finally {
      await other.close();
    }
    expect((await progress(accepted.json.id)).rows[0].status).toBe('accepted');
  });
});

describe('a CSV batch', () => {
  it('reads UTF-8 with a BOM and «;», and names the column of each row’s error', async () => {
    const header = CSV_COLUMNS.join(';');
    const line = (g: Record<string, unknown>) => CSV_COLUMNS.map((c) => String(g[c] ?? '')).join(';');
    const csv = `\uFEFF${header}\r\n${line(guest('CSVROW001', { surname: 'OZTURK' }))}\r\n${line(guest('CSVROW002', { sex: 'X' }))}\r\n`;
    const accepted = await api.call('POST', '/api/v1/batches', { body: csv, contentType: 'text/csv' });
    expect(accepted.status, accepted.text).toBe(202);
    await processBatches(t.app.ctx);
    const done = await progress(accepted.json.id);
    expect(done, JSON.stringify(done.rows)).toMatchObject({ accepted: 1, rejected: 1 });
    expect(done.rows[1].errors).toEqual([
      expect.objectContaining({ field: 'sex', column: CSV_COLUMNS.indexOf('sex') + 1 }),
    ]);
  });

  it('reads «,» too', async () => {
    const line = (g: Record<string, unknown>) => CSV_COLUMNS.map((c) => String(g[c] ?? '')).join(',');
    const csv = `${CSV_COLUMNS.join(',')}\n${line(guest('CSVCOMMA1'))}\n`;
    const accepted = await api.call('POST', '/api/v1/batches', { body: csv, contentType: 'text/csv' });
    expect(accepted.status, accepted.text).toBe(202);
    await processBatches(t.app.ctx);
    expect((await progress(accepted.json.id)).accepted).toBe(1);
  });
});

describe('a bad batch is refused whole, naming the problem', () => {
  const codeOf = async (body: string | Buffer, contentType: string) => {
    const answer = await api.call('POST', '/api/v1/batches', { body, contentType });
    return [answer.status, answer.json?.error?.code, answer.json?.error?.message];
  };

  it('malformed JSON, no guests array, 1,001 guests, a missing column, another encoding, a too-big file', async () => {
    expect((await codeOf('{"guests": [', 'application/json')).slice(0, 2)).toEqual([400, 'malformed_json']);
    expect((await codeOf('{"people": []}', 'application/json')).slice(0, 2)).toEqual([400, 'validation']);
    const many = JSON.stringify({ guests: Array.from({ length: 1001 }, () => ({ surname: 'A' })) });
    const [status, code, message] = await codeOf(many, 'application/json');
    expect([status, code]).toEqual([400, 'batch_too_many_rows']);
    expect(message).toContain('1001');
    const missing = await codeOf('surname;givenNames\nA;B\n', 'text/csv');
    expect(missing.slice(0, 2)).toEqual([400, 'csv_missing_column']);
    expect(missing[2]).toContain('passportNumber');
    const latin1 = Buffer.from(`${CSV_COLUMNS.join(';')}\nM\xfcller\n`, 'latin1');
    expect((await codeOf(latin1, 'text/csv')).slice(0, 2)).toEqual([400, 'csv_encoding']);
    expect((await codeOf(`${CSV_COLUMNS.join(';')}\n"unclosed;x\n`, 'text/csv')).slice(0, 2)).toEqual([
      400,
      'csv_malformed',
    ]);
    const huge = Buffer.alloc(3 * 1024 * 1024, 'a');
    const tooBig = await codeOf(huge, 'text/csv');
    expect(tooBig.slice(0, 2)).toEqual([413, 'too_large']);
    expect(tooBig[2]).toContain('2 MB');
    const batches = await t.db.selectFrom('api_batches').select('id').execute();
    expect(batches).toHaveLength(4);
  });
});
