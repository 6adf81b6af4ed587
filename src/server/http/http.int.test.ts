import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeHost } from '../../../tests/support/factories';
import { disableDemoAccounts, seedDemoData } from '../demo/demo-data';
import { DEMO } from '../demo/demo-logins';
import { seedDemoEntity } from '../demo/demo-entity';
import { DEMO_ENTITY } from '../demo/demo-logins';
import { buildTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { demoOperatorLogin } from '../../../tests/support/operators';

interface Cookie {
  name: string;
  value: string;
  sameSite?: string;
  httpOnly?: boolean;
  secure?: boolean;
  path?: string;
  maxAge?: number;
}

/** Opens a cabinet and logs in; returns the session cookie exactly as the server set it at login. */
async function loginCookie(t: TestApp): Promise<Cookie> {
  const client = new TestClient(t.app);
  const host = await activeHost(client, t.db);
  const login = await new TestClient(t.app).post('/api/login', {
    email: host.email,
    password: host.password,
  });
  expect(login.statusCode).toBe(200);
  const cookie = (login.cookies as Cookie[]).find((c) => c.name === 'konok_session');
  expect(cookie?.value).toMatch(/^[\w-]{30,}$/);
  return cookie!;
}

describe('cross-cutting HTTP behaviour', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({}, { rateLimitFactor: 1 });
  });
  afterAll(async () => t.close());

  it('health reports the database; OpenAPI lists every route', async () => {
    const client = new TestClient(t.app);
    const health = await client.get('/api/health');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok', database: 'up' });
    const spec = (await client.get('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const route of [
      '/api/signup/start',
      '/api/signup',
      '/api/login',
      '/api/account',
      '/api/account/phone',
      '/api/password-reset',
      '/api/public/status',
    ]) {
      expect(Object.keys(spec.paths)).toContain(route);
    }
    expect((await client.get('/api/docs/')).statusCode).toBe(200);
  });

  it('every JSON route declares its response schema in the OpenAPI document', async () => {
    const spec = (await new TestClient(t.app).get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
    };
    // Files are sent as they are stored (PDF, JPEG, PNG), not as JSON.
    const binary = new Set([
      '/api/documents/{id}',
      '/api/properties/{id}/scan',
      '/api/operator/legal-entities/{hostId}/properties/{id}/scan',
      '/api/registrations/{id}/card.pdf',
      '/api/public/cards/photo',
      '/api/operator/legal-entity-applications/{id}/documents/{documentId}',
      // A compact JWS: text, as RFC 7515 writes it.
      '/.well-known/konok-card-revocations.jws',
    ]);
    const missing: string[] = [];
    for (const [path, methods] of Object.entries(spec.paths)) {
      if (binary.has(path)) continue;
      for (const [method, operation] of Object.entries(methods)) {
        const success = Object.entries(operation.responses ?? {}).find(([code]) => code.startsWith('2'));
        if (!success?.[1].content) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(spec.paths).length).toBeGreaterThan(25);
  });

  it('sends the web app compressed as the browser asks, cached by what it is', async () => {
    const get = (url: string, encoding?: string) =>
      t.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });
    const chromium = 'gzip, deflate, br, zstd';
    const page = await get('/');
    expect(page.statusCode, 'the web app is built (vite build) before the tests').toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const html = page.payload;
    const script = /<script[^>]+src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();

    const plain = await get(script!);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const br = await get(script!, chromium);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    // What travels is about a quarter of the script.
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length * 0.35);
    const gzip = await get(script!, 'gzip, deflate');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).equals(plain.rawPayload)).toBe(true);

    // The API: compressed above a kilobyte, never cached unless a route says so.
    const spec = await get('/api/openapi.json', chromium);
    expect(spec.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(spec.rawPayload).toString()).paths).toBeDefined();
    const session = await get('/api/session', chromium);
    expect(session.headers['content-encoding']).toBeUndefined();
    expect(session.headers['cache-control']).toBe('no-store');
    expect((await get('/api/health')).headers['cache-control']).toBe('no-store');
    expect((await get('/.well-known/konok-card-keys.json')).headers['cache-control']).toBe(
      'public, max-age=300',
    );
    // A page of the app by its address: the same page, never cached stale.
    expect((await get('/cabinet/archive', chromium)).headers['cache-control']).toBe('no-cache');
  });

  it('sends security headers with a strict CSP', async () => {
    const response = await new TestClient(t.app).get('/api/health');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('session and CSRF cookies are HttpOnly/SameSite as they should be', async () => {
    const client = new TestClient(t.app);
    const response = await client.get('/api/session');
    const csrf = (response.cookies as Cookie[]).find((c) => c.name === 'konok_csrf');
    expect(csrf).toMatchObject({ sameSite: 'Strict', path: '/' });
    expect(csrf?.httpOnly).toBeFalsy();

    const session = await loginCookie(t);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 12 * 3600 });
    // Plain http on loopback (the demo): a Secure cookie would never come back.
    expect(session.secure).toBeFalsy();
  });

  it('rate-limits login attempts from one address with a clear 429', async () => {
    const client = new TestClient(t.app);
    let last = 0;
    let body = '';
    for (let i = 0; i < 21; i++) {
      const response = await client.post('/api/login', {
        email: `nobody${i}@example.kg`,
        password: 'whatever-password',
      });
      last = response.statusCode;
      body = response.body;
    }
    expect(last).toBe(429);
    expect(JSON.parse(body).error.message).toBe('Too many attempts. Wait a few minutes and try again.');
  });

  it('unknown API routes get a 404 in JSON', async () => {
    const response = await new TestClient(t.app).get('/api/nothing-here');
    expect(response.statusCode).toBe(404);
  });
});

describe('production mode', () => {
  it('has no dev mailbox, and sets Secure cookies and HSTS', async () => {
    const t = await buildTestApp({
      env: 'production',
      demoMode: false,
      secureCookies: true,
      publicUrl: 'https://konok.example.kg',
      smtpUrl: 'smtp://127.0.0.1:1',
      smsGatewayUrl: 'http://127.0.0.1:1/sms',
    });
    try {
      expect((await new TestClient(t.app).get('/api/dev/mailbox')).statusCode).toBe(404);
      expect((await new TestClient(t.app).get('/dev/mailbox')).statusCode).toBe(404);
      const health = await new TestClient(t.app).get('/api/health');
      expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(((await new TestClient(t.app).get('/api/session')).cookies as Cookie[])[0]).toMatchObject({
        name: 'konok_csrf',
        secure: true,
      });
      expect(await loginCookie(t)).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
    } finally {
      await t.close();
    }
  });

  it('refuses demo mode beside real transports even when the config is built by hand', async () => {
    await expect(buildTestApp({ demoMode: true, smtpUrl: 'smtp://127.0.0.1:1' })).rejects.toThrow(
      /Demo mode/,
    );
  });
});

describe('demo mode', () => {
  it('the dev mailbox shows only what the demo "sent", never a message sent for real', async () => {
    const t = await buildTestApp();
    try {
      await t.db
        .insertInto('outbox')
        .values([
          {
            channel: 'email',
            recipient: 'real@example.kg',
            subject: 'Real',
            body: 'code 111111',
            status: 'sent',
            transport: 'smtp',
          },
          {
            channel: 'sms',
            recipient: '996700000001',
            subject: null,
            body: 'code 222222',
            status: 'pending',
            transport: null,
          },
          {
            channel: 'email',
            recipient: 'demo@example.kg',
            subject: 'Demo',
            body: 'code 333333',
            status: 'sent',
            transport: 'dev-mailbox',
          },
        ])
        .execute();
      const { messages } = (await new TestClient(t.app).get('/api/dev/mailbox')).json() as {
        messages: { recipient: string }[];
      };
      expect(messages.map((m) => m.recipient)).toEqual(['demo@example.kg']);
      const page = await new TestClient(t.app).get('/dev/mailbox');
      expect(page.body).toContain('333333');
      expect(page.body).not.toContain('111111');
      expect(page.body).not.toContain('222222');
    } finally {
      await t.close();
    }
  });
});

describe('the demo looks lived in', () => {
  it('the demo host has properties, a draft, applications awaiting payment and a cancelled one', async () => {
    const t = await buildTestApp({ publicUrl: 'http://konok.test' });
    try {
      await seedDemoData(t.app.ctx);
      await seedDemoEntity(t.app.ctx);
      await seedDemoData(t.app.ctx); // a second start adds nothing
      await seedDemoEntity(t.app.ctx);
      const host = new TestClient(t.app);
      expect(
        (await host.post('/api/login', { email: DEMO.host.email, password: DEMO.host.password })).statusCode,
      ).toBe(200);
      expect((await host.get('/api/properties')).json().properties).toHaveLength(2);
      expect((await host.get('/api/registrations/drafts')).json().drafts).toEqual([
        expect.objectContaining({ name: 'DUBOIS CLAIRE' }),
      ]);
      const archive = (await host.get('/api/registrations?sort=applicationNumber&order=asc')).json() as {
        items: { fullName: string; status: string }[];
      };
      expect(archive.items.map((i) => [i.fullName, i.status])).toEqual([
        ['SCHNEIDER LENA', 'awaiting_payment'],
        ['TANAKA HIRO', 'awaiting_payment'],
        ['OKAFOR CHIDI', 'cancelled'],
      ]);

      // The demo hotel: a cabinet with two buildings and a receptionist; another hotel waits.
      const hotel = new TestClient(t.app);
      expect(
        (
          await hotel.post('/api/login', {
            email: DEMO_ENTITY.admin.email,
            password: DEMO_ENTITY.admin.password,
          })
        ).statusCode,
      ).toBe(200);
      expect((await hotel.get('/api/entity')).json().name).toBe('ОсОО «Демо Отель Ала-Тоо»');
      expect((await hotel.get('/api/properties')).json().properties).toHaveLength(2);
      expect(
        (await hotel.get('/api/entity/staff'))
          .json()
          .items.map((s: { email: string; status: string }) => [s.email, s.status]),
      ).toEqual([
        [DEMO_ENTITY.admin.email, 'active'],
        [DEMO_ENTITY.receptionist.email, 'active'],
      ]);
      const reception = new TestClient(t.app);
      expect(
        (
          await reception.post('/api/login', {
            email: DEMO_ENTITY.receptionist.email,
            password: DEMO_ENTITY.receptionist.password,
          })
        ).statusCode,
      ).toBe(200);
      const operator = new TestClient(t.app);
      await operator.post('/api/login', await demoOperatorLogin(t.db, t.app.ctx.secrets));
      const queue = (await operator.get('/api/operator/legal-entity-applications')).json().items;
      expect(queue.map((i: { name: string; status: string }) => [i.name, i.status])).toEqual([
        ['ОсОО «Демо Хостел Иссык-Куль»', 'submitted'],
      ]);
      expect((await operator.get('/api/operator/legal-entities')).json().items).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});

describe('demo accounts outside demo mode', () => {
  it('are disabled at start when an earlier start left them, and work again in demo mode', async () => {
    const t = await buildTestApp({ publicUrl: 'http://konok.test' });
    try {
      await seedDemoData(t.app.ctx);
      await seedDemoEntity(t.app.ctx);
      const operator = new TestClient(t.app);
      const login = async () => operator.post('/api/login', await demoOperatorLogin(t.db, t.app.ctx.secrets));
      expect((await login()).statusCode).toBe(200);
      expect((await operator.get('/api/operator/me')).statusCode).toBe(200);

      // The same database, now started for real: the printed passwords must not open anything.
      expect(await disableDemoAccounts(t.app.ctx)).toBe(4);
      expect(await disableDemoAccounts(t.app.ctx)).toBe(0);
      expect((await operator.get('/api/operator/me')).statusCode).toBe(401); // its session ended
      expect((await login()).statusCode).toBe(401);
      const host = await new TestClient(t.app).post('/api/login', {
        email: DEMO.host.email,
        password: DEMO.host.password,
      });
      expect(host.statusCode).toBe(401);

      const hotelLogin = () =>
        new TestClient(t.app).post('/api/login', {
          email: DEMO_ENTITY.receptionist.email,
          password: DEMO_ENTITY.receptionist.password,
        });
      expect((await hotelLogin()).statusCode).toBe(401);

      await seedDemoData(t.app.ctx);
      await seedDemoEntity(t.app.ctx);
      expect((await login()).statusCode).toBe(200);
      expect((await hotelLogin()).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('behind a proxy', () => {
  const spoofedLogins = async (t: TestApp) => {
    let last = 0;
    for (let i = 0; i < 21; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/login',
        headers: {
          'content-type': 'application/json',
          cookie: 'konok_csrf=x',
          'x-csrf-token': 'x',
          // A different "client" each time: only a trusted proxy may say so.
          'x-forwarded-for': `203.0.113.${i + 1}`,
        },
        payload: JSON.stringify({ email: `nobody${i}@example.kg`, password: 'whatever-password' }),
      });
      last = response.statusCode;
    }
    return last;
  };

  it('ignores X-Forwarded-For unless TRUST_PROXY names the proxy', async () => {
    const untrusting = await buildTestApp({}, { rateLimitFactor: 1 });
    try {
      expect(await spoofedLogins(untrusting)).toBe(429);
    } finally {
      await untrusting.close();
    }
    // The test's requests come from 127.0.0.1: as the configured proxy, its header is believed.
    const trusting = await buildTestApp({ trustProxy: ['127.0.0.1'] }, { rateLimitFactor: 1 });
    try {
      expect(await spoofedLogins(trusting)).toBe(401);
    } finally {
      await trusting.close();
    }
  });
});

describe('malformed uploads', () => {
  let t: TestApp;
  let host: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    host = new TestClient(t.app);
    await activeHost(host, t.db);
  });
  afterAll(async () => t.close());

  const bodies: [string, string, string][] = [
    [
      'no boundary',
      'multipart/form-data',
      '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n',
    ],
    [
      'cut short',
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\x89PNG',
    ],
    ['garbage', 'multipart/form-data; boundary=----abc', 'this is not a multipart body at all'],
    ['empty', 'multipart/form-data; boundary=x', ''],
    ['header only', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data\r\n\r\n'],
    [
      'too many parts',
      'multipart/form-data; boundary=x',
      Array.from(
        { length: 60 },
        (_, i) => `--x\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`,
      ).join('') + '--x--\r\n',
    ],
  ];

  for (const route of [
    '/api/signup',
    '/api/documents/mrz',
    '/api/properties',
    '/api/registrations/documents',
  ]) {
    for (const [what, contentType, body] of bodies) {
      it(`${route}: a ${what} body gets a 400 with a message`, async () => {
        const response = await host.request('POST', route, {
          body: Buffer.from(body, 'latin1'),
          contentType,
        });
        expect(response.statusCode).toBe(400);
        const json = response.json() as { error: { message: string } };
        expect(json.error.message.length).toBeGreaterThan(10);
        expect(json.error.message).not.toMatch(/internal/i);
      });
    }
  }
});
