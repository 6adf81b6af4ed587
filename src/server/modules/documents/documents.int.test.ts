import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPassportPage } from '../../../../scripts/mrz-samples';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { startSignup } from '../../../../tests/support/factories';
import { MrzPool } from './mrz/mrz-pool';

const person = {
  documentCode: 'P',
  issuingState: 'KGZ',
  surname: 'ESENOVA',
  givenNames: 'AIGUL',
  documentNumber: 'AC1234567',
  nationality: 'KGZ',
  birthDate: '1988-04-12',
  sex: 'F' as const,
  expiryDate: '2031-06-01',
  personalNumber: '11204198800123',
};

let t: TestApp;
let page: Buffer;
beforeAll(async () => {
  t = await buildTestApp({ mrzWorkers: 1 });
  page = await renderPassportPage(person);
});
afterAll(async () => t.close());

const upload = (
  client: TestClient,
  fields: Record<string, string>,
  body: Buffer,
  filename = 'passport.png',
) => client.postMultipart('/api/documents/mrz', fields, { file: { body, filename, type: 'image/png' } });

describe('POST /api/documents/mrz', () => {
  it('is for logged-in hosts and for someone opening a cabinet (with the step-1 ticket) only', async () => {
    const anonymous = await upload(new TestClient(t.app), {}, page);
    expect(anonymous.statusCode).toBe(401);
    const forged = await upload(new TestClient(t.app), { ticket: 'forged.ticket' }, page);
    expect(forged.statusCode).toBe(401);
  });

  it('reads the passport page during signup', async () => {
    const client = new TestClient(t.app);
    const ticket = await startSignup(client);
    const response = await upload(client, { ticket }, page);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', type: 'TD3', ...person });
  });

  it('refuses what is not an image or PDF, by content', async () => {
    const client = new TestClient(t.app);
    const ticket = await startSignup(client);
    const response = await upload(client, { ticket }, Buffer.from('not an image'), 'scan.png');
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.file.message).toBe('The file must be a PDF, JPEG or PNG');
  });

  it('answers 503 with Retry-After when the readers are saturated', async () => {
    const client = new TestClient(t.app);
    const ticket = await startSignup(client);
    const saturated = new MrzPool({ size: 1, queueLimit: 0 });
    const original = t.app.ctx.mrzPool;
    t.app.ctx.mrzPool = () => saturated;
    try {
      const response = await upload(client, { ticket }, page);
      expect(response.statusCode).toBe(503);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.json().error.message).toMatch(/Passport reading is busy/);
    } finally {
      t.app.ctx.mrzPool = original;
      await saturated.close();
    }
  });
});
