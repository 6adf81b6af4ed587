import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';

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
    const csrf = (response.cookies as { name: string; sameSite?: string; httpOnly?: boolean }[]).find(
      (c) => c.name === 'konok_csrf',
    );
    expect(csrf).toMatchObject({ sameSite: 'Strict' });
    expect(csrf?.httpOnly).toBeFalsy();
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
  it('has no dev mailbox', async () => {
    const t = await buildTestApp({
      env: 'production',
      smtpUrl: 'smtp://127.0.0.1:1',
      smsGatewayUrl: 'http://127.0.0.1:1/sms',
    });
    try {
      expect((await new TestClient(t.app).get('/api/dev/mailbox')).statusCode).toBe(404);
      expect((await new TestClient(t.app).get('/dev/mailbox')).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
