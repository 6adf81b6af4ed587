import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOTP } from 'otpauth';
import { activeRuHost, addAddressPlace, completeRegistration } from '../../../tests/support/factories';
import { solidPng } from '../../../tests/support/images';
import { httpClient, type HttpClient } from '../../../tests/support/konok-process';
import { applyForCabinet } from '../../../tests/support/ru-entity-application';
import { anotherInstance, buildTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { insertOperator } from '../modules/accounts/accounts.repo';
import { hashPassword } from '../modules/accounts/passwords';
import { removeProperty } from '../modules/properties/properties.service';
import { checkRegistration, createApplication } from '../modules/registrations/registrations.service';
import { hostActor } from '../actor';
import { todayIso } from '../../shared/dates';

// The rules that span rows or count attempts, each tried by a crowd: twenty and more clients at
// once over real HTTP against one Russian deployment (no fee: an application goes straight to the
// operators), each client with its own session where the rule is per user. Each test says who
// wins, what the others are told, and counts the rows to show nothing was half-written.
let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await buildTestApp({ profile: 'ru' });
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
}, 60_000);
afterAll(async () => t?.close());

interface Answer {
  status: number;
  body: { error?: { code: string; message: string }; fields?: Record<string, { message: string }> };
}

/** `n` requests at once; their statuses and bodies. */
const crowd = (n: number, send: (i: number) => Promise<Response>): Promise<Answer[]> =>
  Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const response = await send(i);
      return { status: response.status, body: (await response.json()) as Answer['body'] };
    }),
  );

const count = <T>(items: T[], test: (item: T) => boolean) => items.filter(test).length;

/** The browser of a client signed in through `app.inject`, now talking over HTTP. */
function overHttp(client: TestClient): HttpClient {
  const http = httpClient(base);
  for (const [name, value] of client.cookies) http.cookies.set(name, value);
  return http;
}

const OPERATOR_PASSWORD = 'operator passphrase 2026';

/** `n` operators, each signed in in a browser of their own (authenticator enrolled at first login). */
async function operators(n: number, prefix: string) {
  const passwordHash = await hashPassword(OPERATOR_PASSWORD);
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const email = `${prefix}.${i}@konok.example`;
      const id = await insertOperator(t.db, {
        email,
        passwordHash,
        fullName: `Operator ${i}`,
        role: 'operator',
      });
      const client = new TestClient(t.app);
      const credentials = { email, password: OPERATOR_PASSWORD };
      const { secret } = (await client.post('/api/login', credentials)).json().enrolment;
      const login = await client.post('/api/login', {
        ...credentials,
        oneTimeCode: new TOTP({ secret }).generate(),
      });
      expect(login.statusCode, login.body).toBe(200);
      return { id, http: overHttp(client) };
    }),
  );
}

const auditCount = async (entityId: number, action: string, entity = 'registration') => {
  const row = await t.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('entity', '=', entity)
    .where('entity_id', '=', String(entityId))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

describe('sign-in: the limit per address', () => {
  it('forty sign-ins at once from one address on a strict instance: twenty are answered, twenty are told to wait', async () => {
    const strict = await anotherInstance(t, { rateLimitFactor: 1 });
    try {
      const strictBase = await strict.app.listen({ host: '127.0.0.1', port: 0 });
      // The counters are shared by every instance: start this address's from nothing.
      await t.db.deleteFrom('rate_limits').execute();
      const clients = Array.from({ length: 40 }, () => httpClient(strictBase));
      await Promise.all(clients.map((c) => c.get('/api/session')));
      const answers = await crowd(40, (i) =>
        clients[i]!.post('/api/login', { email: `nobody${i}@example.org`, password: 'not a password' }),
      );
      expect(count(answers, (a) => a.status === 401)).toBe(20);
      const refused = answers.filter((a) => a.status !== 401);
      expect(refused.map((a) => a.status)).toEqual(Array(20).fill(429));
      for (const a of refused) expect(a.body.error?.code).toBe('rate_limited');
    } finally {
      await strict.close();
      await t.db.deleteFrom('rate_limits').execute();
    }
  });
});

describe('a crowd of applications at one place', () => {
  it('twenty-four guests confirmed at once at a place for three: all made, each flagged as its turn says', async () => {
    const host = new TestClient(t.app, 'ru');
    const { pin } = await activeRuHost(host, t.db);
    const placeId = await addAddressPlace(host);
    const form = await completeRegistration(host, t.app.ctx.profile, placeId);
    const http = overHttp(host);
    const answers = await crowd(24, (i) =>
      http.post('/api/registrations', {
        data: { ...form, passportNumber: `CROWD${String(i).padStart(4, '0')}` },
        pin,
      }),
    );
    // The right PIN is never refused because other confirmations of the same host are in flight.
    expect(answers.map((a) => a.status)).toEqual(Array(24).fill(201));
    const rows = await t.db
      .selectFrom('registrations')
      .select(['flags', 'created_at'])
      .where('property_id', '=', placeId)
      .orderBy('id')
      .execute();
    expect(rows).toHaveLength(24);
    const flags = rows.map(
      (r) =>
        (typeof r.flags === 'string' ? JSON.parse(r.flags) : r.flags) as {
          code: string;
          registered?: number;
        }[],
    );
    const flagged = (code: string) => flags.filter((f) => f.some((w) => w.code === code));
    // The place holds three: the fourth and every later one says how many were there before it.
    const capacity = flagged('capacity').map((f) => f.find((w) => w.code === 'capacity')!.registered);
    expect(capacity.sort((x, y) => x! - y!)).toEqual(Array.from({ length: 21 }, (_, i) => i + 3));
    // The profile flags a place past ten new registrations in its window, a host past twenty.
    const { perProperty, perHost } = t.app.ctx.profile.registration.busy;
    expect(flagged('busyProperty')).toHaveLength(24 - perProperty);
    expect(flagged('busyHost')).toHaveLength(24 - perHost);
    const pinState = await t.db
      .selectFrom('hosts')
      .innerJoin('properties', 'properties.host_id', 'hosts.id')
      .select(['hosts.pin_failures', 'hosts.pin_locked_until'])
      .where('properties.id', '=', placeId)
      .executeTakeFirstOrThrow();
    expect(pinState).toEqual({ pin_failures: 0, pin_locked_until: null });
  });

  it('one guest confirmed from thirty drafts at once: one application, the others told on the passport field', async () => {
    const host = new TestClient(t.app, 'ru');
    const { pin } = await activeRuHost(host, t.db, '7-912-345-67-90');
    const placeId = await addAddressPlace(host);
    const form = await completeRegistration(host, t.app.ctx.profile, placeId, {
      passportNumber: 'ONCE00001',
    });
    const http = overHttp(host);
    const drafts = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const saved = await http.post('/api/registrations/drafts', form);
        expect(saved.status).toBe(201);
        return ((await saved.json()) as { id: number }).id;
      }),
    );
    const answers = await crowd(30, (i) =>
      http.post('/api/registrations', { data: form, pin, draftId: drafts[i] }),
    );
    expect(count(answers, (a) => a.status === 201)).toBe(1);
    for (const a of answers.filter((x) => x.status !== 201)) {
      expect(a.status).toBe(400);
      expect(a.body.fields?.passportNumber?.message).toBe(
        'This passport already has an active registration for these dates',
      );
    }
    const made = await t.db
      .selectFrom('registrations')
      .select('id')
      .where('property_id', '=', placeId)
      .execute();
    expect(made).toHaveLength(1);
    // Only the winner's draft is gone: the others keep what the host typed.
    const left = await t.db
      .selectFrom('registration_drafts')
      .select('id')
      .where('id', 'in', drafts)
      .execute();
    expect(left).toHaveLength(29);
  });
});

describe('a place removed while guests are confirmed at it', () => {
  it('twenty confirmations and the removal at once: either the place goes with none registered, or it stays with all that were', async () => {
    const host = new TestClient(t.app, 'ru');
    const { pin } = await activeRuHost(host, t.db, '7-912-345-67-92');
    const placeId = await addAddressPlace(host);
    const form = await completeRegistration(host, t.app.ctx.profile, placeId);
    const http = overHttp(host);
    const remove = () =>
      fetch(`${base}/api/properties/${placeId}`, {
        method: 'DELETE',
        headers: {
          cookie: [...http.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'x-csrf-token': http.cookies.get('konok_csrf') ?? '',
        },
      });
    const answers = await crowd(21, (i) =>
      i === 10
        ? remove()
        : http.post('/api/registrations', {
            data: { ...form, passportNumber: `GONE${String(i).padStart(4, '0')}` },
            pin,
          }),
    );
    const removal = answers[10]!;
    const confirmations = answers.filter((_, i) => i !== 10);
    const made = count(confirmations, (a) => a.status === 201);
    for (const a of confirmations.filter((x) => x.status !== 201)) {
      expect(a.status).toBe(400);
      expect(a.body.fields?.propertyId?.message).toBeTruthy();
    }
    const place = await t.db
      .selectFrom('properties')
      .select('removed_at')
      .where('id', '=', placeId)
      .executeTakeFirstOrThrow();
    const rows = await t.db
      .selectFrom('registrations')
      .select('id')
      .where('property_id', '=', placeId)
      .execute();
    expect(rows).toHaveLength(made);
    if (removal.status === 200) {
      expect(place.removed_at).not.toBeNull();
      expect(made).toBe(0);
    } else {
      expect(removal.status).toBe(409);
      expect(removal.body.error?.code).toBe('property_in_use');
      expect(place.removed_at).toBeNull();
      expect(made).toBeGreaterThan(0);
    }
  });
  it('a place removed between the check and the making of an application: the application is refused, not made there', async () => {
    const host = new TestClient(t.app, 'ru');
    const { email } = await activeRuHost(host, t.db, '7-912-345-67-93');
    const placeId = await addAddressPlace(host);
    const form = await completeRegistration(host, t.app.ctx.profile, placeId);
    const { id: hostId } = await t.db
      .selectFrom('hosts')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    // The window a crowd can hit only by chance, held open: checked, then removed, then made.
    const checked = await checkRegistration(t.app.ctx, hostId, form);
    await removeProperty(t.app.ctx, hostId, placeId);
    const made = createApplication(t.app.ctx, hostActor(hostId), checked, {
      language: 'ru',
      host: { email, phone: '79123456793' },
      today: todayIso(new Date(), t.app.ctx.profile.clock),
    });
    await expect(made).rejects.toMatchObject({ status: 400, fields: { propertyId: expect.any(String) } });
    const rows = await t.db
      .selectFrom('registrations')
      .select('id')
      .where('property_id', '=', placeId)
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('operators and a host at one application', () => {
  let staff: Awaited<ReturnType<typeof operators>>;
  let host: TestClient;
  let pin: string;
  let placeId: number;
  let serial = 0;
  beforeAll(async () => {
    staff = await operators(20, 'crowd');
    host = new TestClient(t.app, 'ru');
    ({ pin } = await activeRuHost(host, t.db, '7-912-345-67-91'));
    placeId = await addAddressPlace(host);
  }, 60_000);

  async function submitted() {
    serial += 1;
    const response = await host.post('/api/registrations', {
      data: await completeRegistration(host, t.app.ctx.profile, placeId, {
        passportNumber: `QUEUE${String(serial).padStart(4, '0')}`,
      }),
      pin,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().status).toBe('submitted');
    return response.json().id as number;
  }

  it('twenty operators take the same application at once: one holds it, nineteen are told it is taken', async () => {
    const id = await submitted();
    const answers = await crowd(20, (i) => staff[i]!.http.post(`/api/operator/applications/${id}/claim`, {}));
    const won = answers.findIndex((a) => a.status === 200);
    expect(count(answers, (a) => a.status === 200)).toBe(1);
    const lost = answers.filter((a) => a.status !== 200);
    expect(lost.map((a) => a.status)).toEqual(Array(19).fill(409));
    for (const a of lost) expect(a.body.error?.code).toBe('claimed');
    const row = await t.db
      .selectFrom('registrations')
      .select(['status', 'claimed_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'in_review', claimed_by: staff[won]!.id });
    expect(await auditCount(id, 'registration.claim')).toBe(1);
  });

  it('twenty operators take the same organisation’s application at once: one holds it, nineteen are told it is taken', async () => {
    const applied = await applyForCabinet(t);
    expect(applied.statusCode, applied.body).toBe(201);
    const { id } = await t.db
      .selectFrom('legal_entity_applications')
      .select('id')
      .where('number', '=', applied.json().number as string)
      .executeTakeFirstOrThrow();
    const answers = await crowd(20, (i) =>
      staff[i]!.http.post(`/api/operator/legal-entity-applications/${id}/claim`, {}),
    );
    const won = answers.findIndex((a) => a.status === 200);
    expect(count(answers, (a) => a.status === 200)).toBe(1);
    const lost = answers.filter((a) => a.status !== 200);
    expect(lost.map((a) => a.status)).toEqual(Array(19).fill(409));
    for (const a of lost) expect(a.body.error?.code).toBe('claimed');
    const row = await t.db
      .selectFrom('legal_entity_applications')
      .select(['status', 'claimed_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'in_review', claimed_by: staff[won]!.id });
    expect(await auditCount(id, 'legal_entity_application.claim', 'legal_entity_application')).toBe(1);
  });

  it('the host answers a request for documents from twenty browsers at once: one answer, nineteen 409s, nothing else kept', async () => {
    const id = await submitted();
    const operator = staff[0]!.http;
    expect((await operator.post(`/api/operator/applications/${id}/claim`, {})).status).toBe(200);
    const asked = await operator.post(`/api/operator/applications/${id}/decision`, {
      decision: 'requestDocuments',
      message: 'Приложите договор найма.',
    });
    expect(asked.status).toBe(200);
    const browsers = Array.from({ length: 20 }, () => overHttp(host));
    const answers = await crowd(20, (i) => {
      const form = new FormData();
      form.append('text', `Ответ ${i}`);
      form.append(
        'files',
        new Blob([new Uint8Array(solidPng(40 + i, 30, [200, 210, 220]))], { type: 'image/png' }),
        `lease-${i}.png`,
      );
      return browsers[i]!.form(`/api/registrations/${id}/resubmit`, form);
    });
    expect(count(answers, (a) => a.status === 200)).toBe(1);
    const lost = answers.filter((a) => a.status !== 200);
    expect(lost.map((a) => a.status)).toEqual(Array(19).fill(409));
    for (const a of lost) expect(a.body.error?.code).toBe('status_conflict');
    const messages = await t.db
      .selectFrom('registration_messages')
      .select('author')
      .where('registration_id', '=', id)
      .where('author', '=', 'host')
      .execute();
    expect(messages).toHaveLength(1);
    const extra = await t.db
      .selectFrom('registration_documents')
      .innerJoin('documents', 'documents.id', 'registration_documents.document_id')
      .select('documents.id')
      .where('registration_documents.registration_id', '=', id)
      .where('documents.kind', '=', 'registration_extra')
      .execute();
    expect(extra).toHaveLength(1);
    expect(await auditCount(id, 'registration.resubmit')).toBe(1);
    const row = await t.db
      .selectFrom('registrations')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('submitted');
  });
});
