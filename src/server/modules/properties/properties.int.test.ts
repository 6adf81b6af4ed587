import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../demo/demo-data';
import { solidPng } from '../../../../tests/support/images';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { demoOperatorLogin } from '../../../../tests/support/operators';
import { activeHost, passportScan } from '../../../../tests/support/factories';

let t: TestApp;
let codes: string[];

beforeAll(async () => {
  t = await buildTestApp();
  codes = (await t.db.selectFrom('property_registry').select('code').orderBy('code').limit(10).execute()).map(
    (r) => r.code,
  );
});
afterAll(async () => t.close());

const scan = () => ({
  body: solidPng(80, 60, [240, 240, 240]),
  filename: 'tech-passport.png',
  type: 'image/png',
});
const add = (
  client: TestClient,
  fields: Record<string, string>,
  file: { body: Buffer; filename: string; type: string } | null = scan(),
) => client.postMultipart('/api/properties', fields, file ? { scan: file } : {});
const propertyCount = async () =>
  Number((await sql<{ n: number }>`select count(*)::int as n from properties`.execute(t.db)).rows[0]!.n);

async function host() {
  const client = new TestClient(t.app);
  await activeHost(client, t.db);
  return client;
}

describe('the embedded registry', () => {
  it('holds at least 500 invented properties in the profile’s code format, across Kyrgyz towns', async () => {
    const rows = await t.db.selectFrom('property_registry').select(['code', 'locality']).execute();
    expect(rows.length).toBeGreaterThanOrEqual(500);
    expect(rows.every((r) => t.app.ctx.profile.propertyCode.regex.test(r.code))).toBe(true);
    const towns = new Set(rows.map((r) => r.locality));
    for (const town of ['Бишкек', 'Ош', 'Каракол', 'Джалал-Абад', 'Нарын', 'Чолпон-Ата'])
      expect(towns).toContain(town);
  });
});

describe('tab 2: properties', () => {
  it('«Проверить» shows the address; add, list, view the scan, remove', async () => {
    const client = await host();
    const lookup = await client.post('/api/properties/lookup', { code: ` ${codes[0]} ` });
    expect(lookup.statusCode).toBe(200);
    const found = lookup.json();
    expect(found.code).toBe(codes[0]);
    expect(found.addressLine).toContain(found.address.street);
    expect(found.suggestedCapacity).toBe(Math.max(1, Math.floor(found.areaM2 / 12)));

    const added = await add(client, { code: codes[0]!, capacity: '3' });
    expect(added.statusCode).toBe(201);
    const { id, shared } = added.json();
    expect(shared).toBe(false);

    const list = (await client.get('/api/properties')).json().properties;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id,
      code: codes[0],
      capacity: 3,
      activeRegistrations: 0,
      addressLine: found.addressLine,
    });

    const view = await client.get(`/api/properties/${id}/scan`);
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-type']).toBe('image/png');
    expect(view.rawPayload.subarray(1, 4).toString()).toBe('PNG');

    expect((await client.delete('/api/properties/not-a-number')).statusCode).toBe(400);
    expect((await client.delete(`/api/properties/${id}`)).statusCode).toBe(200);
    expect((await client.delete(`/api/properties/${id}`)).statusCode).toBe(404);
    expect((await client.get('/api/properties')).json().properties).toEqual([]);
  });

  it('capacity defaults from the area by the profile’s norm', async () => {
    const client = await host();
    const added = await add(client, { code: codes[1]! });
    expect(added.statusCode).toBe(201);
    const property = (await client.get(`/api/properties/${added.json().id}`)).json();
    expect(property.capacity).toBe(Math.max(1, Math.floor(property.areaM2 / 12)));
  });

  it('bad input: every case gets a clear 4xx and changes nothing', async () => {
    const client = await host();
    const before = await propertyCount();
    const badFormat = await client.post('/api/properties/lookup', { code: '12345' });
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json().fields.code.message).toBe(
      'Enter the property code as in the technical passport, like 1-02-07-0017-0056-012',
    );
    const unknown = await client.post('/api/properties/lookup', { code: '9-99-99-9999-9999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields.code.message).toMatch(/registry has no property with this code/);
    expect((await add(client, { code: '9-99-99-9999-9999' })).statusCode).toBe(400);

    const notImage = await add(
      client,
      { code: codes[2]! },
      { body: Buffer.from('plain text'), filename: 'scan.png', type: 'image/png' },
    );
    expect(notImage.json().fields.scan.message).toBe('The file must be a PDF, JPEG or PNG');
    const big = await add(
      client,
      { code: codes[2]! },
      { ...passportScan(), body: Buffer.concat([passportScan().body, Buffer.alloc(6 * 1024 * 1024)]) },
    );
    expect(big.json().fields.scan.message).toBe('The file is larger than 5 MB');
    const noScan = await add(client, { code: codes[2]! }, null);
    expect(noScan.json().fields.scan.message).toMatch(/Choose the scan/);
    const badCapacity = await add(client, { code: codes[2]!, capacity: '0' });
    expect(badCapacity.json().fields.capacity.message).toBe('Enter a number of people from 1 to 500');
    expect(await propertyCount()).toBe(before);

    expect((await add(client, { code: codes[2]! })).statusCode).toBe(201);
    const duplicate = await add(client, { code: codes[2]! });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().fields.code.message).toBe('You have already added this property');
    expect(await propertyCount()).toBe(before + 1);
  });

  it('another host’s property is not found; a co-owner’s is allowed and marked', async () => {
    const owner = await host();
    const other = await host();
    const { id } = (await add(owner, { code: codes[3]! })).json();
    expect((await other.get(`/api/properties/${id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/properties/${id}/scan`)).statusCode).toBe(404);
    const coOwner = await add(other, { code: codes[3]! });
    expect(coOwner.statusCode).toBe(201);
    expect(coOwner.json().shared).toBe(true);
    expect((await owner.get('/api/properties')).json().properties[0].shared).toBe(true);
    const sessionless = new TestClient(t.app);
    expect((await sessionless.get('/api/properties')).statusCode).toBe(401);

    // The scan itself: its owner and operators may read it, nobody else.
    const documentId = (
      await t.db.selectFrom('properties').select('document_id').where('id', '=', id).executeTakeFirstOrThrow()
    ).document_id;
    expect((await owner.get(`/api/documents/${documentId}`)).statusCode).toBe(200);
    expect((await other.get(`/api/documents/${documentId}`)).statusCode).toBe(404);
    expect((await sessionless.get(`/api/documents/${documentId}`)).statusCode).toBe(401);
    const operator = new TestClient(t.app);
    await seedDemoData(t.app.ctx);
    expect(
      (await operator.post('/api/login', await demoOperatorLogin(t.db, t.app.ctx.secrets))).statusCode,
    ).toBe(200);
    expect((await operator.get(`/api/documents/${documentId}`)).statusCode).toBe(200);

    // Operators see the co-owned code with both hosts; hosts may not ask.
    const sharedList = (await operator.get('/api/operator/shared-properties')).json().properties;
    expect(sharedList.filter((p: { code: string }) => p.code === codes[3])).toHaveLength(2);
    expect((await owner.get('/api/operator/shared-properties')).statusCode).toBe(403);
  });

  it('a property with an active registration cannot be removed', async () => {
    const client = await host();
    const { id } = (await add(client, { code: codes[4]! })).json();
    const hostId = (
      await t.db.selectFrom('properties').select('host_id').where('id', '=', id).executeTakeFirstOrThrow()
    ).host_id;
    await t.db
      .insertInto('registrations')
      .values({
        host_id: hostId,
        application_number: `A-${id}`,
        registration_number: null,
        passport_number_hash: 'x',
        status: 'approved',
        valid_from: '2026-11-01',
        valid_until: '2099-01-01',
        property_id: id,
      })
      .execute();
    const del = await client.delete(`/api/properties/${id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.message).toBe(
      'This property has 1 active registration(s) and cannot be removed.',
    );
    expect((await client.get('/api/properties')).json().properties[0]).toMatchObject({
      id,
      activeRegistrations: 1,
    });
  });
});

describe('registry down', () => {
  it('says so plainly and saves nothing', async () => {
    const down = await buildTestApp({ propertyRegistryUrl: 'http://127.0.0.1:9/registry' });
    try {
      const client = new TestClient(down.app);
      await activeHost(client, down.db);
      const lookup = await client.post('/api/properties/lookup', { code: '1-02-07-0017-0056-012' });
      expect(lookup.statusCode).toBe(503);
      expect(lookup.json().error.message).toMatch(/registry is not answering/);
      const added = await add(client, { code: '1-02-07-0017-0056-012' });
      expect(added.statusCode).toBe(503);
      expect(
        Number(
          (await sql<{ n: number }>`select count(*)::int as n from properties`.execute(down.db)).rows[0]!.n,
        ),
      ).toBe(0);
    } finally {
      await down.close();
    }
  });
});
