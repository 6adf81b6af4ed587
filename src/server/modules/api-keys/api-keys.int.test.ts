import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Json } from '../../../../tests/support/api-client';
import { addDays, todayIso } from '../../../shared/dates';
import { foreignerFields } from '../../../../tests/support/factories';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { seedDemoData } from '../../demo/demo-data';
import { seedDemoEntity } from '../../demo/demo-entity';
import { DEMO_ENTITY } from '../../demo/demo-logins';
import { KEY_REQUESTS_PER_MINUTE } from '../api-v1/api-v1.routes';
import { sweepIdempotencyKeys } from '../idempotency/idempotency';

// The hotels' API over real HTTP with real keys: the administrator's keys, what each key may do,
// one guest through the form's own rules, reading back, and Idempotency-Key under concurrency.
let t: TestApp;
let base: string;
let admin: TestClient;
let places: number[];

async function signIn(account: { email: string; password: string }) {
  const client = new TestClient(t.app);
  const login = await client.post('/api/login', account);
  expect(login.statusCode, login.body).toBe(200);
  return client;
}

async function newKey(body: Record<string, unknown> = {}) {
  const made = await admin.post('/api/entity/api-keys', {
    name: 'Front desk PMS',
    scopes: ['registrations:write', 'registrations:read'],
    ...body,
  });
  expect(made.statusCode, made.body).toBe(201);
  return made.json() as { key: { id: number; hint: string }; secret: string };
}

beforeAll(async () => {
  t = await buildTestApp({ publicUrl: 'https://konok.test' });
  await seedDemoData(t.app.ctx);
  await seedDemoEntity(t.app.ctx);
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  admin = await signIn(DEMO_ENTITY.admin);
  places = ((await admin.get('/api/properties')).json().properties as { id: number }[]).map((p) => p.id);
  expect(places.length).toBeGreaterThanOrEqual(2);
});
afterAll(async () => t.close());

describe('the administrator’s keys', () => {
  it('shows a new key’s secret once and keeps only its hash; the list shows no secret', async () => {
    const { key, secret } = await newKey();
    expect(secret).toMatch(/^kk_test_[A-Za-z0-9_-]{43}$/);
    expect(key.hint).toBe(`kk_test_…${secret.slice(-4)}`);
    const list = await admin.get('/api/entity/api-keys');
    expect(list.body).not.toContain(secret);
    expect(list.json().items[0]).toMatchObject({ id: key.id, state: 'active', lastUsedAt: null });
    const stored = await t.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', key.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(secret.slice(8));
  });

  it('is the administrator’s alone; bad input is said per field', async () => {
    const receptionist = await signIn(DEMO_ENTITY.receptionist);
    expect((await receptionist.get('/api/entity/api-keys')).statusCode).toBe(403);
    expect(
      (await receptionist.post('/api/entity/api-keys', { name: 'x', scopes: ['registrations:read'] }))
        .statusCode,
    ).toBe(403);
    const bad = await admin.post('/api/entity/api-keys', {
      name: ' ',
      scopes: ['everything'],
      placeIds: [999_999],
      expiresOn: '2001-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['name', 'scopes.0']);
    const elsewhere = await admin.post('/api/entity/api-keys', {
      name: 'x',
      scopes: ['registrations:read'],
      placeIds: [999_999],
      expiresOn: '2001-01-01',
    });
    expect(elsewhere.json().fields).toMatchObject({
      placeIds: { key: 'errors.apiKey.places.invalid' },
      expiresOn: { key: 'errors.apiKey.expiresOn.past' },
    });
    expect(
      (await admin.post('/api/entity/api-keys', { name: 'nul\u0000', scopes: ['registrations:read'] }))
        .statusCode,
    ).toBe(400);
  });
});

describe('a key at the door', () => {
  it('401 with a machine code: missing, invalid, revoked, expired; a session is no key and a key no session', async () => {
    const { key, secret } = await newKey();
    const api = new ApiClient(base, secret);
    expect((await api.get('/api/v1/places')).status).toBe(200);
    const code = async (client: ApiClient) => (await client.get('/api/v1/places')).json.error.code;
    expect(await code(new ApiClient(base, ''))).toBe('key_missing');
    expect(await code(new ApiClient(base, `kk_test_${'A'.repeat(43)}`))).toBe('key_invalid');
    const basic = await fetch(`${base}/api/v1/places`, { headers: { authorization: 'Basic YTpi' } });
    expect(((await basic.json()) as { error: { code: string } }).error.code).toBe('key_missing');
    // The cabinet's session cookie opens nothing here, and a key opens nothing in the cabinet.
    const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const withSession = await fetch(`${base}/api/v1/places`, { headers: { cookie } });
    expect(withSession.status).toBe(401);
    expect(((await withSession.json()) as { error: { code: string } }).error.code).toBe('key_missing');
    const cabinet = await fetch(`${base}/api/entity/api-keys`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(cabinet.status).toBe(401);
    // Rotated with no grace: the old key stops at once, its successor works.
    const rotated = await admin.post(`/api/entity/api-keys/${key.id}/rotate`, { graceHours: 0 });
    expect(rotated.statusCode, rotated.body).toBe(201);
    expect(await code(api)).toBe('key_expired');
    const successor = new ApiClient(base, rotated.json().secret);
    expect((await successor.get('/api/v1/places')).status).toBe(200);
    expect((await admin.post(`/api/entity/api-keys/${rotated.json().key.id}/revoke`)).statusCode).toBe(200);
    expect(await code(successor)).toBe('key_revoked');
  });

  it('a rotated key works beside its successor for the grace period; the list shows last use and address', async () => {
    const { key, secret } = await newKey({ name: 'Rotating' });
    const rotated = (await admin.post(`/api/entity/api-keys/${key.id}/rotate`, { graceHours: 24 })).json();
    expect((await new ApiClient(base, secret).get('/api/v1/places')).status).toBe(200);
    expect((await new ApiClient(base, rotated.secret).get('/api/v1/places')).status).toBe(200);
    const items = (await admin.get('/api/entity/api-keys')).json().items as Record<string, unknown>[];
    const old = items.find((k) => k.id === key.id)!;
    expect(old).toMatchObject({ state: 'expiring', lastUsedAddress: '127.0.0.1' });
    expect(Date.parse(old.expiresAt as string) - Date.now()).toBeGreaterThan(23 * 3600_000);
    const uses = await t.db
      .selectFrom('audit_log')
      .select(['actor', 'after'])
      .where('action', '=', 'apiKey.use')
      .where('entity_id', '=', String(key.id))
      .execute();
    expect(uses).toEqual([
      { actor: `key:${key.id}`, after: expect.objectContaining({ address: '127.0.0.1' }) },
    ]);
  });

  it('403 for a scope the key lacks and for a place it is not given', async () => {
    const reader = new ApiClient(base, (await newKey({ scopes: ['registrations:read'] })).secret);
    const refused = await reader.post('/api/v1/registrations', foreignerFields(places[0]!));
    expect([refused.status, refused.json.error.code]).toEqual([403, 'scope_missing']);
    const onePlace = new ApiClient(base, (await newKey({ placeIds: [places[0]] })).secret);
    expect((await onePlace.get('/api/v1/places')).json.items.map((p: { id: number }) => p.id)).toEqual([
      places[0],
    ]);
    const guest = foreignerFields(places[1]!, {
      ...(await onePlace.documents()),
      passportNumber: 'PLACE0001',
    });
    const elsewhere = await onePlace.post('/api/v1/registrations', guest);
    expect([elsewhere.status, elsewhere.json.error.code]).toEqual([403, 'place_not_allowed']);
  });
});

describe('one guest through the form’s own rules', () => {
  let api: ApiClient;
  beforeAll(async () => {
    api = new ApiClient(base, (await newKey()).secret);
  });

  it('is registered with its reference, and read back by number, by reference and by day', async () => {
    const guest = {
      ...foreignerFields(places[0]!, await api.documents()),
      passportNumber: 'APIGUEST1',
      externalReference: 'BOOKING-0001',
    };
    const created = await api.post('/api/v1/registrations', guest);
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ status: 'awaiting_payment', fee: { currency: 'KGS' } });
    const number = created.json.applicationNumber as string;
    const byNumber = await api.get(`/api/v1/registrations/${number}`);
    expect(byNumber.json).toMatchObject({
      applicationNumber: number,
      externalReference: 'BOOKING-0001',
      surname: 'MULLER',
      propertyId: places[0],
    });
    expect((await api.get('/api/v1/registrations/by-reference/BOOKING-0001')).json.applicationNumber).toBe(
      number,
    );
    const today = todayIso(new Date(), t.app.ctx.profile.clock);
    const [yesterday, tomorrow] = [addDays(today, -1), addDays(today, 1)];
    const list = await api.get(`/api/v1/registrations?from=${yesterday}&to=${tomorrow}&limit=1`);
    expect(list.status, list.text).toBe(200);
    expect(list.json.items).toHaveLength(1);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: Json } = await api.get(
        `/api/v1/registrations?from=${yesterday}&to=${tomorrow}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      all.push(...page.json.items.map((i: { applicationNumber: string }) => i.applicationNumber));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(all).toContain(number);
    expect(new Set(all).size).toBe(all.length);
    // The same reference again is refused on its field; a second entity's key would see nothing.
    const again = await api.post('/api/v1/registrations', { ...guest, passportNumber: 'APIGUEST2' });
    expect(again.status).toBe(409);
    expect(again.json.fields.externalReference.key).toBe('errors.api.externalReferenceTaken');
  });

  it('says every field’s problem at once, with a stable key, in the language asked', async () => {
    const kyrgyz = new ApiClient(base, api.secret, 'ky');
    const bad = await kyrgyz.post('/api/v1/registrations', {
      ...foreignerFields(places[0]!, { passportNumber: 'ab 12', birthDate: '1990-02-31' }),
      externalReference: 'has space',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.fields).toMatchObject({
      passportNumber: { key: 'errors.passportNumber.noSpaces' },
      birthDate: { key: 'errors.date.invalid' },
      externalReference: { key: 'errors.api.externalReference.invalid' },
      passportDocumentId: { key: 'errors.registration.passportFile.required' },
    });
    const english = await api.post('/api/v1/registrations', {
      ...foreignerFields(places[0]!),
      externalReference: 'has space',
    });
    expect(bad.json.fields.externalReference.message).not.toBe(english.json.fields.externalReference.message);
    const malformed = await api.call('POST', '/api/v1/registrations', {
      body: '{"surname":',
      contentType: 'application/json',
    });
    expect(malformed.status).toBe(400);
    const nul = await api.post('/api/v1/registrations', {
      ...foreignerFields(places[0]!),
      surname: 'A\u0000',
    });
    expect([nul.status, nul.json.fields.surname.key]).toEqual([400, 'errors.text.control']);
    expect(
      await t.db.selectFrom('registrations').select('id').where('passport_number_hash', '=', '').execute(),
    ).toEqual([]);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer to a retry, refuses another body with 422, and is swept after a day', async () => {
    const api = new ApiClient(base, (await newKey()).secret);
    const guest = foreignerFields(places[0]!, { ...(await api.documents()), passportNumber: 'IDEMP0001' });
    const first = await api.post('/api/v1/registrations', guest, { 'idempotency-key': 'retry-1' });
    expect(first.status, first.text).toBe(201);
    const retry = await api.post('/api/v1/registrations', guest, { 'idempotency-key': 'retry-1' });
    expect([retry.status, retry.text, retry.headers.get('idempotent-replayed')]).toEqual([
      201,
      first.text,
      'true',
    ]);
    const other = await api.post(
      '/api/v1/registrations',
      { ...guest, surname: 'Other' },
      { 'idempotency-key': 'retry-1' },
    );
    expect([other.status, other.json.error.code]).toEqual([422, 'idempotency_key_reused']);
    expect(await sweepIdempotencyKeys(t.db, new Date(Date.now() + 25 * 3600_000))).toBeGreaterThan(0);
  });

  it('twenty-four clients sending one key at once make one application and all get its answer', async () => {
    const api = new ApiClient(base, (await newKey()).secret);
    const guest = foreignerFields(places[0]!, { ...(await api.documents()), passportNumber: 'CONCUR001' });
    const answers = await Promise.all(
      Array.from({ length: 24 }, () =>
        new ApiClient(base, api.secret).post('/api/v1/registrations', guest, { 'idempotency-key': 'burst' }),
      ),
    );
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    const made = await t.db
      .selectFrom('registrations')
      .select('application_number')
      .where('application_number', '=', answers[0]!.json.applicationNumber)
      .execute();
    expect(made).toHaveLength(1);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'registration.confirm')
      .where('entity_id', '=', String(answers[0]!.json.id))
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('the per-key limit', () => {
  it('answers 429 with Retry-After past the limit, for that key only', async () => {
    const busy = new ApiClient(base, (await newKey()).secret);
    const calm = new ApiClient(base, (await newKey()).secret);
    const factor = t.app.ctx.rateLimitFactor;
    // Three requests a minute for the length of this test.
    t.app.ctx.rateLimitFactor = 3 / KEY_REQUESTS_PER_MINUTE;
    try {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await busy.get('/api/v1/places'));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
      expect(answers[3]!.json.error.code).toBe('rate_limited');
      expect(Number(answers[3]!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await calm.get('/api/v1/places')).status).toBe(200);
    } finally {
      t.app.ctx.rateLimitFactor = factor;
    }
  });

  it('lets exactly the limit through when thirty requests of one key arrive at once', async () => {
    const crowd = new ApiClient(base, (await newKey()).secret);
    const factor = t.app.ctx.rateLimitFactor;
    t.app.ctx.rateLimitFactor = 10 / KEY_REQUESTS_PER_MINUTE;
    try {
      const answers = await Promise.all(Array.from({ length: 30 }, () => crowd.get('/api/v1/places')));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    } finally {
      t.app.ctx.rateLimitFactor = factor;
    }
  });
});

describe('the OpenAPI description', () => {
  it('documents /api/v1 with its bearer key, bodies, answers and error shapes', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as Json;
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const post = doc.paths['/api/v1/registrations'].post;
    expect(post.requestBody.content['application/json'].schema.properties.passportNumber).toBeTruthy();
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '422']));
    expect(doc.paths['/api/v1/batches'].post).toBeTruthy();
    expect(doc.paths['/api/v1/batches/{id}'].get).toBeTruthy();
    expect((await fetch(`${base}/api/docs/`)).status).toBe(200);
  });
});
