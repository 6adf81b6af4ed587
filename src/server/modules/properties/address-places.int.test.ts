import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng } from '../../../../tests/support/images';
import { activeHost } from '../../../../tests/support/factories';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { formFacts } from '../registrations/registrations.repo';

// A profile whose places of stay are addresses (ru): the host types the address in its parts,
// the postal index is checked against Russian Post's reference, and a mismatch is put to the host.
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ profile: 'ru' });
});
afterAll(async () => t.close());

const scan = () => ({ body: solidPng(80, 60, [240, 240, 240]), filename: 'lease.png', type: 'image/png' });
const tverskaya = {
  region: '77',
  city: 'Москва',
  streetType: 'street',
  street: 'Тверская',
  house: '7',
  building: '',
  structure: '2',
  flat: '15',
  postalIndex: '125009',
  capacity: '3',
};
const add = (
  client: TestClient,
  fields: Record<string, string>,
  file = scan() as ReturnType<typeof scan> | null,
) => client.postMultipart('/api/properties', fields, file ? { scan: file } : {});
const places = async () =>
  Number((await sql<{ n: number }>`select count(*)::int as n from properties`.execute(t.db)).rows[0]!.n);

async function host() {
  const client = new TestClient(t.app);
  await activeHost(client, t.db, { phone: '7-912-345-67-89', personalNumber: '', passportCountry: 'RUS' });
  return client;
}

describe('a place of stay described by its address', () => {
  it('is added with its parts written out, listed with the capacity the host gave, and found again however typed', async () => {
    const client = await host();
    const added = await add(client, tverskaya);
    expect(added.statusCode).toBe(201);
    const [place] = (await client.get('/api/properties')).json().properties;
    expect(place).toMatchObject({ capacity: 3, areaM2: null, rooms: null, activeRegistrations: 0 });
    expect(place.addressLine).toBe(
      '125009, г. Москва, улица Тверская, д. 7, стр. 2, кв. 15'.replace('г. ', ''),
    );
    // The same flat with other spacing and case is the same place.
    const again = await add(client, { ...tverskaya, street: '  тверская ', city: 'москва' });
    expect(again.statusCode).toBe(400);
    expect(again.json().fields.street.key).toBe('errors.address.duplicate');
  });

  it('puts an index of another region to the host, and keeps it once the host confirms', async () => {
    const client = await host();
    const before = await places();
    // 190000 is Saint Petersburg's.
    const wrong = await add(client, { ...tverskaya, postalIndex: '190000' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().fields.postalIndex.key).toBe('errors.address.postalIndex.region');
    expect(wrong.json().fields.postalIndex.message).toContain('another region');
    // What the reference says the index serves, for the host to compare with what they typed.
    expect(wrong.json().error).toMatchObject({ index: '190000', serves: { region: '78' } });
    expect(await places()).toBe(before);
    const kept = await add(client, { ...tverskaya, postalIndex: '190000', confirmIndex: 'true' });
    expect(kept.statusCode).toBe(201);
    expect(await places()).toBe(before + 1);
    const unknown = await add(client, { ...tverskaya, house: '9', postalIndex: '999999' });
    expect(unknown.json().fields.postalIndex.key).toBe('errors.address.postalIndex.unknown');
  });

  it('says what is missing or malformed on each field, in the user’s language, and writes nothing', async () => {
    const client = await host();
    const before = await places();
    const empty = await add(client, {}, null);
    expect(empty.statusCode).toBe(400);
    const bad = await add(client, {
      ...tverskaya,
      region: '00',
      streetType: 'ул.',
      house: '7; drop table',
      postalIndex: '12345',
      capacity: '0',
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().fields;
    expect(
      Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, (v as { key: string }).key])),
    ).toEqual({
      region: 'errors.address.region.required',
      streetType: 'errors.address.streetType.required',
      house: 'errors.address.house.format',
      postalIndex: 'errors.address.postalIndex.format',
      capacity: 'errors.capacity.range',
    });
    const missing = await add(client, { region: '77', capacity: '2' });
    expect(Object.keys(missing.json().fields).sort()).toEqual([
      'city',
      'house',
      'postalIndex',
      'street',
      'streetType',
    ]);
    const nul = await add(client, { ...tverskaya, street: 'Тверс\u0000кая' });
    expect(nul.statusCode).toBe(400);
    expect(await places()).toBe(before);
  });

  it('is one place for every host who adds it, however typed: shared, and counted together for the busy flag', async () => {
    const first = await host();
    const second = await host();
    const lenina = { ...tverskaya, street: 'Ленина', house: '12', flat: '4', postalIndex: '101000' };
    expect((await add(first, lenina)).json().shared).toBe(false);
    const again = await add(second, {
      ...lenina,
      city: '  МОСКВА',
      street: 'ленина  ',
      structure: ' 2 ',
      flat: '4',
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().shared).toBe(true);
    const ids = await Promise.all(
      [first, second].map(async (c) => (await c.get('/api/properties')).json().properties[0]),
    );
    expect(ids.map((p) => p.shared)).toEqual([true, true]);
    const rows = await t.db
      .selectFrom('properties')
      .select(['id', 'host_id', 'code'])
      .where('id', 'in', [ids[0].id, ids[1].id])
      .execute();
    expect(new Set(rows.map((r) => r.code)).size).toBe(1);
    // Three applications by the first host at the address in the busy window...
    const firstHost = rows.find((r) => r.id === ids[0].id)!.host_id;
    for (const n of [1, 2, 3])
      await t.db
        .insertInto('registrations')
        .values({
          host_id: firstHost,
          application_number: `2026-9${String(n).padStart(5, '0')}`,
          registration_number: null,
          passport_number_hash: `hash-${n}`,
          status: 'submitted',
          valid_from: '2026-12-01',
          valid_until: '2026-12-20',
          property_id: ids[0].id,
        })
        .execute();
    // ...count for the second host's application there: the flag sees the address, not the row.
    const facts = await formFacts(t.db, {
      hostId: rows.find((r) => r.id === ids[1].id)!.host_id,
      propertyId: ids[1].id,
      documentIds: [],
      passportNumberHash: 'another',
      from: '2026-12-01',
      to: '2026-12-20',
      recentSince: new Date(Date.now() - 30 * 86_400_000),
    });
    expect(facts.recentAtProperty).toBe(3);
    expect(facts.recentByHost).toBe(0);
  });

  it('one address added by many clients at once is stored once', async () => {
    const client = await host();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        add(client, { ...tverskaya, street: 'Арбат', house: '1', postalIndex: '119019' }),
      ),
    );
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode !== 201).every((a) => a.statusCode === 400)).toBe(true);
  });
});
