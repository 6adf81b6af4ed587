import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeHost,
  addProperty,
  foreignerFields,
  registrationDocuments,
} from '../../../tests/support/factories';
import { httpClient, type HttpClient } from '../../../tests/support/konok-process';
import { seedDemoEntity } from '../demo/demo-entity';
import { DEMO_ENTITY } from '../demo/demo-logins';
import { seedDemoData } from '../demo/demo-data';
import { anotherInstance, buildTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';

// Rules that span rows or count attempts, tried as an attacker (or an impatient user) would: many
// clients at once, over real HTTP, against two Konok instances on one database — each with its
// own connection pool and its own memory, as two processes behind a load balancer are.
let a: TestApp;
let b: TestApp;
let baseA: string;
let baseB: string;
let propertyCode: string;

beforeAll(async () => {
  a = await buildTestApp();
  b = await anotherInstance(a);
  baseA = await a.app.listen({ host: '127.0.0.1', port: 0 });
  baseB = await b.app.listen({ host: '127.0.0.1', port: 0 });
  propertyCode = (
    await a.db.selectFrom('property_registry').select('code').orderBy('code').executeTakeFirstOrThrow()
  ).code;
}, 60_000);
afterAll(async () => {
  await b?.close();
  await a?.close();
});

/** A host signed in, as one browser that may talk to either instance. */
async function host() {
  const client = new TestClient(a.app);
  const account = await activeHost(client, a.db);
  const propertyId = await addProperty(client, propertyCode, 50);
  const documents = await registrationDocuments(client);
  const over = (base: string) => {
    const http = httpClient(base);
    for (const [name, value] of client.cookies) http.cookies.set(name, value);
    return http;
  };
  return { ...account, propertyId, documents, at: [over(baseA), over(baseB)] as [HttpClient, HttpClient] };
}

/** What Konok answers: an error with its code and message, fields, or a route's own body. */
interface Answer {
  error: { code: string; message: string };
  fields: Record<string, { message: string }>;
  orderId: string;
  redirectUrl: string;
}

/** `n` requests at once, alternately to each instance; their statuses and bodies. */
async function burst(
  n: number,
  send: (client: HttpClient, i: number) => Promise<Response>,
  clients: [HttpClient, HttpClient],
) {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const response = await send(clients[i % 2]!, i);
      return { status: response.status, body: (await response.json()) as Answer };
    }),
  );
}

const count = <T>(items: T[], test: (item: T) => boolean) => items.filter(test).length;
const passportCount = async (t: TestApp, hostEmail: string) =>
  (
    await t.db
      .selectFrom('registrations')
      .innerJoin('hosts', 'hosts.id', 'registrations.host_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('hosts.email', '=', hostEmail)
      .executeTakeFirstOrThrow()
  ).n;

describe('confirming the same foreigner several times at once', () => {
  it('three drafts of one passport and days, confirmed together: one application, two field errors', async () => {
    const h = await host();
    const data = foreignerFields(h.propertyId, { ...h.documents, passportNumber: 'RACE00001' });
    const drafts = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const saved = await h.at[i % 2]!.post('/api/registrations/drafts', data);
        expect(saved.status).toBe(201);
        return ((await saved.json()) as { id: number }).id;
      }),
    );
    const answers = await burst(
      3,
      (client, i) => client.post('/api/registrations', { data, pin: h.pin, draftId: drafts[i] }),
      h.at,
    );
    expect(count(answers, (r) => r.status === 201)).toBe(1);
    const refused = answers.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.status)).toEqual([400, 400]);
    for (const r of refused)
      expect(r.body.fields.passportNumber?.message).toBe(
        'This passport already has an active registration for these dates',
      );
    expect(Number(await passportCount(a, h.email))).toBe(1);
  });

  it('one draft confirmed by twenty-four clicks on both instances: one application, nothing half-written', async () => {
    const h = await host();
    const data = foreignerFields(h.propertyId, { ...h.documents, passportNumber: 'RACE00002' });
    const draftId = ((await (await h.at[0].post('/api/registrations/drafts', data)).json()) as { id: number })
      .id;
    const answers = await burst(
      24,
      (client) => client.post('/api/registrations', { data, pin: h.pin, draftId }),
      h.at,
    );
    expect(count(answers, (r) => r.status === 201)).toBe(1);
    // The others: the passport is taken for those days, or the draft is gone — never a second
    // application, never a 500, and never the PIN refused because the others were in flight.
    for (const r of answers.filter((x) => x.status !== 201)) {
      expect([400, 409]).toContain(r.status);
      expect(['validation', 'draft_gone']).toContain(r.body.error.code);
    }
    expect(Number(await passportCount(a, h.email))).toBe(1);
    const draftsLeft = await a.db
      .selectFrom('registration_drafts')
      .select('id')
      .where('id', '=', draftId)
      .execute();
    expect(draftsLeft).toEqual([]);
  });
});

describe('«Оплатить» clicked many times at once', () => {
  it('makes one order: every click gets the same payment page', async () => {
    const h = await host();
    const data = foreignerFields(h.propertyId, { ...h.documents, passportNumber: 'RACE00003' });
    const created = await h.at[0].post('/api/registrations', { data, pin: h.pin });
    expect(created.status).toBe(201);
    const { id, applicationNumber } = (await created.json()) as { id: number; applicationNumber: string };
    const answers = await burst(30, (client) => client.post(`/api/registrations/${id}/payment`, {}), h.at);
    expect(answers.map((r) => r.status)).toEqual(Array(30).fill(200));
    expect(new Set(answers.map((r) => r.body.orderId))).toEqual(new Set([`${applicationNumber}-1`]));
    expect(new Set(answers.map((r) => r.body.redirectUrl)).size).toBe(1);
    const orders = await a.db
      .selectFrom('payments')
      .select('status')
      .where('registration_id', '=', id)
      .execute();
    expect(orders).toEqual([{ status: 'pending' }]);
  });
});

describe('attempt limits hold under parallel guesses', () => {
  it('thirty wrong PINs at once: four are told the attempts left, the rest meet the lock', async () => {
    const h = await host();
    const data = foreignerFields(h.propertyId, { ...h.documents, passportNumber: 'RACE00004' });
    const wrong = h.pin === '000000' ? '111111' : '000000';
    const answers = await burst(
      30,
      (client) => client.post('/api/registrations', { data, pin: wrong }),
      h.at,
    );
    // The fifth wrong PIN starts the cool-down: only four answers can say "n attempts left".
    expect(count(answers, (r) => r.status === 400 && r.body.error.code === 'pin_wrong')).toBe(4);
    expect(count(answers, (r) => r.status === 429 && r.body.error.code === 'pin_locked')).toBe(26);
    const state = await a.db
      .selectFrom('hosts')
      .select(['pin_failures', 'pin_locked_until'])
      .where('email', '=', h.email)
      .executeTakeFirstOrThrow();
    expect(state.pin_failures).toBe(5);
    expect(state.pin_locked_until!.getTime()).toBeGreaterThan(Date.now());
    // Locked means locked: the right PIN is not even compared now.
    const right = await h.at[1].post('/api/registrations', { data, pin: h.pin });
    expect(right.status).toBe(429);
    expect(Number(await passportCount(a, h.email))).toBe(0);
  });

  it('twenty-five wrong passwords at once: exactly five are compared, then the account is locked', async () => {
    const h = await host();
    const clients: [HttpClient, HttpClient] = [httpClient(baseA), httpClient(baseB)];
    await Promise.all(clients.map((c) => c.get('/api/session')));
    const answers = await burst(
      25,
      (client, i) => client.post('/api/login', { email: h.email, password: `wrong password ${i}` }),
      clients,
    );
    expect(answers.map((r) => r.status)).toEqual(Array(25).fill(401));
    // Every attempt is counted before its password is compared: the count is the comparisons.
    const state = await a.db
      .selectFrom('hosts')
      .select(['failed_logins', 'locked_until'])
      .where('email', '=', h.email)
      .executeTakeFirstOrThrow();
    expect(state.failed_logins).toBe(5);
    expect(state.locked_until!.getTime()).toBeGreaterThan(Date.now());
    const right = await clients[1].post('/api/login', { email: h.email, password: h.password });
    expect(right.status).toBe(401);
  });
});

describe('the public status check’s limit per address', () => {
  it('bursts of 150 from one address on two instances never get more than the 30 a minute', async () => {
    a.app.ctx.rateLimitFactor = 1;
    b.app.ctx.rateLimitFactor = 1;
    try {
      const clients: [HttpClient, HttpClient] = [httpClient(baseA), httpClient(baseB)];
      await Promise.all(clients.map((c) => c.get('/api/session')));
      const check = (client: HttpClient, i: number) =>
        client.post('/api/public/status', {
          number: `2026-${String(900_000 + i).padStart(6, '0')}`,
          passportNumber: 'AB1234567',
        });
      const first = await burst(150, check, clients);
      const served = count(first, (r) => r.status === 404);
      expect(count(first, (r) => r.status === 429) + served).toBe(150);
      expect(served).toBeLessThanOrEqual(30);
      // Refused early at most by what each instance reserved and has not served yet.
      expect(served).toBeGreaterThanOrEqual(24);
      const second = await burst(150, check, clients);
      expect(served + count(second, (r) => r.status === 404)).toBeLessThanOrEqual(30);
      const refused = second.find((r) => r.status === 429)!;
      expect(refused.body.error.message).toMatch(/Too many/i);
    } finally {
      a.app.ctx.rateLimitFactor = 100;
      b.app.ctx.rateLimitFactor = 100;
    }
  });
});

describe('a hotel invites staff', () => {
  it('the same e-mail invited thirty times at once: one invitation, the others told on the field', async () => {
    await seedDemoData(a.app.ctx);
    await seedDemoEntity(a.app.ctx);
    const admin = httpClient(baseA);
    await admin.get('/api/session');
    const login = await admin.post('/api/login', {
      email: DEMO_ENTITY.admin.email,
      password: DEMO_ENTITY.admin.password,
    });
    expect(login.status).toBe(200);
    const answers = await burst(
      30,
      (client) =>
        client.post('/api/entity/staff', { email: 'twice@hotel.example', fullName: 'Асанова Айгуль' }),
      [admin, admin.at(baseB)],
    );
    expect(count(answers, (r) => r.status === 201)).toBe(1);
    for (const r of answers.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(400);
      expect(r.body.fields.email?.message).toBe(
        'A cabinet with this e-mail already exists. Log in or recover your password.',
      );
    }
    const invited = await a.db
      .selectFrom('entity_staff')
      .select('id')
      .where('email', '=', 'twice@hotel.example')
      .execute();
    expect(invited).toHaveLength(1);
  });
});
