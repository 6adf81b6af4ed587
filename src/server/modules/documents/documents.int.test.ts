import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPassportPage } from '../../../../scripts/mrz-samples';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { demoOperatorLogin } from '../../../../tests/support/operators';
import {
  activeHost,
  codeIn,
  lastMessage,
  photo as photoFile,
  signupFields,
  startSignup,
  submitSignup,
} from '../../../../tests/support/factories';
import { seedDemoData } from '../../demo/demo-data';
import { pngChunk, solidPng } from '../../../../tests/support/images';
import { MRZ_READS, sweepOrphanFiles, withStoredFiles } from './documents.service';
import { MrzPool } from './mrz/mrz-pool';
import { readMrz } from './mrz/read-mrz';

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
    // Its one reader is taken by another page and nothing may wait behind it.
    void saturated.read(page).catch(() => undefined);
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

/** A valid PNG header that claims 60 000 × 60 000 pixels (3.6 gigapixels) in a few dozen bytes. */
function pixelBomb(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(60_000, 0);
  header.writeUInt32BE(60_000, 4);
  header[8] = 8;
  header[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(60_001 * 4))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('limits', () => {
  it('refuses a small file that claims a huge image, before decoding it', async () => {
    const bomb = pixelBomb();
    expect(bomb.length).toBeLessThan(2_000);
    const client = new TestClient(t.app);
    const ticket = await startSignup(client);
    const response = await upload(client, { ticket }, bomb, 'bomb.png');
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.file.message).toBe(
      'The image is too large: at most 40 megapixels. Upload a smaller photo or scan.',
    );
    // The reader itself refuses it too (its decoder has the same pixel limit).
    const reading = await readMrz(bomb, async () => {
      throw new Error('never reached');
    });
    expect(reading.status).toBe('bad-file');
    // …and so does signup.
    const signup = await submitSignup(new TestClient(t.app), {
      files: { passportFile: { body: bomb, filename: 'p.png', type: 'image/png' }, photo: photoFile() },
    });
    expect(signup.statusCode).toBe(400);
    expect(signup.json().fields.passportFile.key).toBe('errors.file.tooManyPixels');
  });

  it('a signup ticket buys a limited number of reads', async () => {
    const client = new TestClient(t.app);
    const ticket = await startSignup(client);
    const junk = Buffer.from('not an image');
    for (let i = 0; i < MRZ_READS.perTicket; i++)
      expect((await upload(client, { ticket }, junk, 'scan.png')).statusCode).toBe(400);
    const over = await upload(client, { ticket }, page);
    expect(over.statusCode).toBe(429);
    expect(over.json().error.message).toMatch(/^Too many passport pages were read for this application/);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(3000);
    // Another ticket is another allowance.
    const next = await startSignup(client);
    expect((await upload(client, { ticket: next }, junk, 'scan.png')).statusCode).toBe(400);
  });
});

describe('reads per address', () => {
  it('one address gets at most 20 reads a minute, however many tickets it holds', async () => {
    const strict = await buildTestApp({ mrzWorkers: 1 }, { rateLimitFactor: 1 });
    try {
      const client = new TestClient(strict.app);
      const junk = Buffer.from('not an image');
      const statuses: number[] = [];
      while (statuses.length < 21) {
        const ticket = await startSignup(client);
        for (let i = 0; i < MRZ_READS.perTicket && statuses.length < 21; i++)
          statuses.push(
            (
              await client.postMultipart(
                '/api/documents/mrz',
                { ticket },
                {
                  file: { body: junk, filename: 'scan.png', type: 'image/png' },
                },
              )
            ).statusCode,
          );
      }
      expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await strict.close();
    }
  });
});

describe('stored documents', () => {
  it('are kept encrypted with no EXIF, belong to their host, and operators’ views are audited', async () => {
    const withExif = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#ddd' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'SecretPhoneMaker', Model: 'Model-X' } })
      .toBuffer();
    expect(withExif.includes(Buffer.from('SecretPhoneMaker'))).toBe(true);
    const client = new TestClient(t.app);
    const fields = signupFields();
    const signup = await submitSignup(client, {
      fields,
      files: { passportFile: { body: withExif, filename: 'p.jpg', type: 'image/jpeg' }, photo: photoFile() },
    });
    expect(signup.statusCode).toBe(201);
    const host = await t.db
      .selectFrom('hosts')
      .select(['id', 'passport_document_id', 'photo_document_id'])
      .where('email', '=', fields.email!)
      .executeTakeFirstOrThrow();
    const documents = await t.db
      .selectFrom('documents')
      .select(['id', 'sha256', 'owner_host_id'])
      .where('id', 'in', [host.passport_document_id, host.photo_document_id])
      .execute();
    expect(documents.map((d) => d.owner_host_id)).toEqual([host.id, host.id]);

    // On disk: neither the JPEG nor the EXIF is readable.
    const passportRow = documents.find((d) => d.id === host.passport_document_id)!;
    const onDisk = fs.readFileSync(
      path.join(t.config.dataDir, 'files', passportRow.sha256.slice(0, 2), passportRow.sha256),
    );
    expect(onDisk.subarray(0, 4).toString()).toBe('KNK1');
    expect(onDisk.includes(Buffer.from('SecretPhoneMaker'))).toBe(false);
    expect(onDisk.subarray(32, 35).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);

    // Served back to its owner: a JPEG, upright, with no metadata.
    const owner = new TestClient(t.app);
    const code = codeIn((await lastMessage(t.db, fields.email!)).body);
    const activation = new TestClient(t.app);
    activation.cookies = new Map(client.cookies);
    expect((await activation.post('/api/signup/activate', { code })).statusCode).toBe(200);
    expect(
      (await owner.post('/api/login', { email: fields.email, password: fields.password })).statusCode,
    ).toBe(200);
    const served = await owner.get(`/api/documents/${host.passport_document_id}`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const metadata = await sharp(served.rawPayload).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(served.rawPayload.includes(Buffer.from('SecretPhoneMaker'))).toBe(false);

    // Another host gets a 404 (the owner is in the lookup); an operator gets it, and it is audited.
    const other = new TestClient(t.app);
    await activeHost(other, t.db);
    expect((await other.get(`/api/documents/${host.passport_document_id}`)).statusCode).toBe(404);
    await seedDemoData(t.app.ctx);
    const operator = new TestClient(t.app);
    await operator.post('/api/login', await demoOperatorLogin(t.db, t.app.ctx.secrets));
    expect((await operator.get(`/api/documents/${host.passport_document_id}`)).statusCode).toBe(200);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'entity_id'])
      .where('action', '=', 'document.view')
      .execute();
    expect(audit).toEqual([
      {
        actor: expect.stringMatching(/^operator:\d+$/),
        action: 'document.view',
        entity_id: String(host.passport_document_id),
      },
    ]);
  });

  it('a rolled-back transaction leaves no file behind; the sweep removes old files with no row', async () => {
    const filesNow = async () => {
      const names: string[] = [];
      for await (const file of t.app.ctx.storage.list()) names.push(file.sha256);
      return names.sort();
    };
    const before = await filesNow();
    const body = solidPng(50, 50, [1, 2, 3]);
    await expect(
      withStoredFiles(t.app.ctx, async (_tx, store) => {
        await store({ body, mediaType: 'image/png', kind: 'test' });
        throw new Error('something later in the transaction failed');
      }),
    ).rejects.toThrow('something later');
    expect(await filesNow()).toEqual(before);

    // A crash between the file and its row: the sweep takes it once it is an hour old.
    const orphan = 'f'.repeat(64);
    await t.app.ctx.storage.put(orphan, Buffer.from('orphan'));
    expect(await sweepOrphanFiles(t.app.ctx)).toBe(0);
    const file = path.join(t.config.dataDir, 'files', 'ff', orphan);
    const old = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(file, old, old);
    expect(await sweepOrphanFiles(t.app.ctx)).toBe(1);
    expect(await filesNow()).toEqual(before);
  });
});
