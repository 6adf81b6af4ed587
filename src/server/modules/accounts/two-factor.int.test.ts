import { TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TestClient, type TestApp } from '../../../../tests/support/test-app';
import { operatorCode } from '../../../../tests/support/operators';
import { insertOperator } from './accounts.repo';
import { hashPassword } from './passwords';

let t: TestApp;
const password = 'operator passphrase 2026';

async function newOperator(email: string) {
  await insertOperator(t.db, {
    email,
    passwordHash: await hashPassword(password),
    fullName: 'Test Operator',
    role: 'operator',
  });
  return { email, password };
}

beforeAll(async () => {
  t = await buildTestApp({}, { rateLimitFactor: 1000 });
});
afterAll(async () => t.close());

describe('an operator’s second factor', () => {
  it('enrols with the QR’s secret, gets ten recovery codes once, and then needs a code every time', async () => {
    const credentials = await newOperator('enrol@konok.example');
    const client = new TestClient(t.app);
    const first = await client.post('/api/login', credentials);
    expect(first.statusCode).toBe(409);
    const { code, enrolment } = first.json();
    expect(code).toBe('enrolment_required');
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Konok:enrol%40konok\.example\?.*secret=[A-Z2-7]+/);
    expect(enrolment.qrSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);
    // The same secret until a code proves the app has it: scanning twice does not break anything.
    const again = await client.post('/api/login', credentials);
    expect(again.json().enrolment.secret).toBe(enrolment.secret);
    expect((await client.get('/api/operator/me')).statusCode).toBe(401);

    const wrong = await client.post('/api/login', { ...credentials, oneTimeCode: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields.oneTimeCode.message).toMatch(/code/i);

    const totp = new TOTP({ secret: enrolment.secret });
    const enrolled = await client.post('/api/login', { ...credentials, oneTimeCode: totp.generate() });
    expect(enrolled.statusCode).toBe(200);
    const { recoveryCodes } = enrolled.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await client.get('/api/operator/me')).statusCode).toBe(200);

    const later = new TestClient(t.app);
    expect((await later.post('/api/login', credentials)).json()).toEqual({ code: 'one_time_code_required' });
    const login = await later.post('/api/login', {
      ...credentials,
      oneTimeCode: await operatorCode(t.db, t.app.ctx.secrets, credentials.email),
    });
    expect(login.json()).toEqual({ role: 'operator' }); // no recovery codes a second time
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'operator.totp%')
      .execute();
    expect(audit).toEqual([{ action: 'operator.totp.enrolled' }]);
  });

  it('refuses a code used once already, even within its 30 seconds', async () => {
    const credentials = await newOperator('replay@konok.example');
    const client = new TestClient(t.app);
    const { enrolment } = (await client.post('/api/login', credentials)).json();
    await client.post('/api/login', {
      ...credentials,
      oneTimeCode: new TOTP({ secret: enrolment.secret }).generate(),
    });
    const code = await operatorCode(t.db, t.app.ctx.secrets, credentials.email);
    expect(
      (await new TestClient(t.app).post('/api/login', { ...credentials, oneTimeCode: code })).statusCode,
    ).toBe(200);
    const replay = await new TestClient(t.app).post('/api/login', { ...credentials, oneTimeCode: code });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().fields.oneTimeCode.key).toBe('errors.oneTimeCode.wrong');
  });

  it('takes each recovery code once, in any case and with or without the dash', async () => {
    const credentials = await newOperator('recovery@konok.example');
    const client = new TestClient(t.app);
    const { enrolment } = (await client.post('/api/login', credentials)).json();
    const { recoveryCodes } = (
      await client.post('/api/login', {
        ...credentials,
        oneTimeCode: new TOTP({ secret: enrolment.secret }).generate(),
      })
    ).json();
    const [first, second] = recoveryCodes as [string, string];
    expect(
      (await new TestClient(t.app).post('/api/login', { ...credentials, oneTimeCode: first })).statusCode,
    ).toBe(200);
    expect(
      (await new TestClient(t.app).post('/api/login', { ...credentials, oneTimeCode: first })).statusCode,
    ).toBe(400);
    const typed = second.toUpperCase().replace('-', '');
    expect(
      (await new TestClient(t.app).post('/api/login', { ...credentials, oneTimeCode: typed })).statusCode,
    ).toBe(200);
    expect(
      (await new TestClient(t.app).post('/api/login', { ...credentials, oneTimeCode: 'abcde-fghjk' }))
        .statusCode,
    ).toBe(400);
  });

  it('says what is wrong with a badly formed code, and never lets a wrong password reach the code', async () => {
    const credentials = { email: 'replay@konok.example', password };
    for (const oneTimeCode of ['12345', '1234567', 'abc', 42, '<script>']) {
      const response = await new TestClient(t.app).post('/api/login', { ...credentials, oneTimeCode });
      expect(response.statusCode, String(oneTimeCode)).toBe(400);
      expect(response.json().fields.oneTimeCode).toBeTruthy();
    }
    const wrongPassword = await new TestClient(t.app).post('/api/login', {
      email: credentials.email,
      password: 'not the password',
      oneTimeCode: '123456',
    });
    expect(wrongPassword.statusCode).toBe(401);
  });

  it('locks the account after repeated wrong codes, as after wrong passwords', async () => {
    const credentials = await newOperator('guessing@konok.example');
    const client = new TestClient(t.app);
    const { enrolment } = (await client.post('/api/login', credentials)).json();
    await client.post('/api/login', {
      ...credentials,
      oneTimeCode: new TOTP({ secret: enrolment.secret }).generate(),
    });
    let last = 0;
    for (let i = 0; i < 12; i++)
      last = (
        await new TestClient(t.app).post('/api/login', { ...credentials, oneTimeCode: String(100000 + i) })
      ).statusCode;
    expect(last).toBe(401); // locked: even the password is no longer checked
    const good = await new TestClient(t.app).post('/api/login', {
      ...credentials,
      oneTimeCode: await operatorCode(t.db, t.app.ctx.secrets, credentials.email),
    });
    expect(good.statusCode).toBe(401);
  });
});
