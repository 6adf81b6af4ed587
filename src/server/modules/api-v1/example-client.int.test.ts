import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Json } from '../../../../tests/support/api-client';
import { foreignerFields, passportScan, photo } from '../../../../tests/support/factories';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { seedDemoData } from '../../demo/demo-data';
import { seedDemoEntity } from '../../demo/demo-entity';
import { DEMO_ENTITY } from '../../demo/demo-logins';
import { CSV_COLUMNS } from './csv';

// The example client a hotel's developer starts from (examples/hotel-client.mjs) is run as they
// would run it, against a running Konok with the background batch worker on.
const run = promisify(execFile);
const client = path.resolve('examples/hotel-client.mjs');
let t: TestApp;
let base: string;
let secret: string;
let place: number;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'konok-example-'));

async function example(...args: string[]) {
  const { stdout } = await run(process.execPath, [client, ...args], {
    env: { ...process.env, KONOK_URL: base, KONOK_KEY: secret },
  }).catch((failed: { stdout: string }) => ({ stdout: failed.stdout }));
  return JSON.parse(stdout) as Json;
}

beforeAll(async () => {
  t = await buildTestApp({ publicUrl: 'https://konok.test' }, { startWorkers: true });
  await seedDemoData(t.app.ctx);
  await seedDemoEntity(t.app.ctx);
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const admin = new TestClient(t.app);
  expect((await admin.post('/api/login', DEMO_ENTITY.admin)).statusCode).toBe(200);
  place = (await admin.get('/api/properties')).json().properties[0].id;
  const made = await admin.post('/api/entity/api-keys', { name: 'Example', scopes: ['registrations:write'] });
  secret = made.json().secret;
  fs.writeFileSync(path.join(dir, 'passport.png'), passportScan().body);
  fs.writeFileSync(path.join(dir, 'photo.jpg'), photo().body);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the example hotel client', () => {
  it('lists the places, registers a guest once however often it is sent, and says a refusal', async () => {
    expect((await example('places')).items).toContainEqual(expect.objectContaining({ id: place }));
    const guestFile = path.join(dir, 'guest.json');
    fs.writeFileSync(
      guestFile,
      JSON.stringify({
        ...foreignerFields(place, { passportNumber: 'EXAMPLE01' }),
        externalReference: 'ROOM-12',
      }),
    );
    const passport = path.join(dir, 'passport.png');
    const portrait = path.join(dir, 'photo.jpg');
    const first = await example('register', guestFile, passport, portrait);
    expect(first.applicationNumber).toMatch(/^\d{4}-\d{6}$/);
    // Sent again (a lost reply, a retry): the same application, not a second one.
    const again = await example('register', guestFile, passport, portrait);
    expect(again.applicationNumber).toBe(first.applicationNumber);
    expect(
      await t.db
        .selectFrom('registrations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('external_reference', '=', 'ROOM-12')
        .executeTakeFirstOrThrow(),
    ).toEqual({ n: 1 });

    fs.writeFileSync(guestFile, JSON.stringify(foreignerFields(place, { passportNumber: 'bad number' })));
    const refused = (await example('register', guestFile, passport, portrait)) as {
      status: number;
      answer: { fields: Record<string, { key: string }> };
    };
    expect(refused.status).toBe(400);
    expect(refused.answer.fields.passportNumber!.key).toBe('errors.passportNumber.noSpaces');
  });

  it('sends a CSV batch and follows it until every row has its result', async () => {
    const documents = await new ApiClient(base, secret).documents();
    const line = (g: Record<string, unknown>) => CSV_COLUMNS.map((c) => String(g[c] ?? '')).join(',');
    const csv = [
      CSV_COLUMNS.join(','),
      line(foreignerFields(place, { ...documents, passportNumber: 'EXAMPLE02' })),
      line(foreignerFields(place, { ...documents, passportNumber: 'EXAMPLE03', sex: 'Q' })),
    ].join('\n');
    const file = path.join(dir, 'guests.csv');
    fs.writeFileSync(file, csv);
    const done = (await example('batch', file)) as {
      status: string;
      accepted: number;
      rejected: number;
      rows: { status: string; errors: { field: string; column: number }[] | null }[];
    };
    expect(done).toMatchObject({ status: 'done', accepted: 1, rejected: 1 });
    expect(done.rows[1]!.errors).toEqual([
      expect.objectContaining({ field: 'sex', column: CSV_COLUMNS.indexOf('sex') + 1 }),
    ]);
  });
});
