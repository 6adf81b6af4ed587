import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database';
import {
  exited,
  httpClient,
  killAllKonoks,
  SIGNUP_PASSWORD,
  signUp,
  startKonok,
  type Started,
} from '../support/konok-process';
import { startSmtp } from '../support/smtp';
import { createTestDatabase } from '../support/test-app';

// Two identical Konok processes on one database, as behind a load balancer: nothing may live
// only in one process's memory.
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let sms: http.Server;
let db: Db;
let a: Started;
let b: Started;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'konok-two-'));
const codeFor = (email: string) => {
  const mails = smtp.mails.filter((m) => m.to.includes(email));
  return /code: (\d{6})/.exec(mails.at(-1)?.raw ?? '')?.[1];
};
const until = async <T>(probe: () => T | undefined | Promise<T | undefined>, ms = 15_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  smtp = await startSmtp();
  sms = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(202).end('{}'));
  });
  await new Promise<void>((resolve) => sms.listen(0, '127.0.0.1', resolve));
  const database = await createTestDatabase();
  db = database.db;
  const env = {
    DATABASE_URL: database.url,
    DATA_DIR: dataDir, // shared file storage, as S3 would be
    SECRET_KEY: crypto.randomBytes(32).toString('hex'),
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    SMS_GATEWAY_URL: `http://127.0.0.1:${(sms.address() as AddressInfo).port}/send`,
  };
  [a, b] = await Promise.all([startKonok(env), startKonok(env)]);
}, 120_000);

afterAll(async () => {
  await killAllKonoks();
  await db?.destroy();
  await smtp?.close();
  sms?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('two Konok processes on one database', () => {
  it('start with no demo (external database, real transports)', async () => {
    for (const konok of [a, b]) {
      expect(konok.output()).toContain('Demo mode:    off');
      expect(konok.output()).not.toContain('Demo logins');
      expect((await fetch(`${konok.url}/dev/mailbox`)).status).toBe(404);
      expect((await fetch(`${konok.url}/api/dev/mailbox`)).status).toBe(404);
      const login = httpClient(konok.url);
      await login.get('/api/session');
      expect(
        (await login.post('/api/login', { email: 'operator@konok.example', password: 'Konok-operator-2026' }))
          .status,
      ).toBe(401);
    }
    const operators = await db.selectFrom('operators').select('id').execute();
    expect(operators).toEqual([]);
  });

  it('a session made on one works on the other', async () => {
    const email = 'two-processes@example.kg';
    const browser = httpClient(a.url);
    expect((await signUp(a.url, email, browser)).status).toBe(201);
    // The activation code arrives by real SMTP, sent by whichever worker claimed it.
    const code = await until(() => codeFor(email));
    // The same browser, now routed to B: the activation handle (a cookie) is known there too.
    const onB = browser.at(b.url);
    expect((await onB.post('/api/signup/activate', { code })).status).toBe(200);
    expect((await onB.post('/api/login', { email, password: SIGNUP_PASSWORD })).status).toBe(200);
    const onA = onB.at(a.url);
    const account = await onA.get('/api/account');
    expect(account.status).toBe(200);
    expect(((await account.json()) as { email: string }).email).toBe(email);
    // Logging out on A ends the session on B as well.
    expect((await onA.post('/api/logout', {})).status).toBe(200);
    const afterLogout = onB.at(b.url);
    for (const [k, v] of onB.cookies) afterLogout.cookies.set(k, v);
    expect((await afterLogout.get('/api/account')).status).toBe(401);
  });

  it('a rate limit counts requests to both, and bursts to both never get past it', async () => {
    // The status check allows 30 a minute per address; alternate between the two processes.
    const clients = [httpClient(a.url), httpClient(b.url)];
    for (const c of clients) await c.get('/api/session');
    const check = (i: number) =>
      clients[i % 2]!.post('/api/public/status', { number: '2026-000001', passportNumber: 'N1234567' });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await check(i)).status);
    const served = statuses.filter((s) => s === 404).length;
    // Each process alone saw only about half: a per-process limit would have let all 31 through.
    // Each reserves a few hits at a time from the shared count, so one may be refused a little
    // early while the other still holds some: never late.
    expect(served).toBeLessThanOrEqual(30);
    expect(served).toBeGreaterThanOrEqual(24);
    expect(statuses).toContain(429);
    // A burst of 150 at once, to both: nothing more in this minute.
    const burst = await Promise.all(Array.from({ length: 150 }, async (_, i) => (await check(i)).status));
    expect(burst.filter((s) => s === 404).length).toBe(0);
    expect(burst.filter((s) => s === 429).length).toBe(150);
  });

  it('each outbox message is sent exactly once though both workers poll', async () => {
    const recipients = Array.from({ length: 40 }, (_, i) => `once-${i}@example.kg`);
    await db
      .insertInto('outbox')
      .values(
        recipients.map((recipient) => ({ channel: 'email' as const, recipient, subject: 'Once', body: 'b' })),
      )
      .execute();
    await until(async () => {
      const left = await db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute();
      return left.length === 0;
    }, 30_000);
    // Let both workers poll a few more times: nothing goes out twice.
    await new Promise((r) => setTimeout(r, 2_500));
    for (const recipient of recipients)
      expect(
        smtp.mails.filter((m) => m.to.includes(recipient)),
        recipient,
      ).toHaveLength(1);
  });
});

describe('a start that is not safe is refused, saying why', () => {
  it('production with only SMTP configured', async () => {
    const refused = (await startKonok({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://konok@127.0.0.1:1/konok',
      SMTP_URL: 'smtp://127.0.0.1:25',
      DATA_DIR: dataDir,
    }).catch((error: unknown) => error)) as { code: number; output: string };
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('SMS_GATEWAY_URL is required in production');
    expect(refused.output).toContain('PUBLIC_URL must be set to an https:// address in production');
  });

  it('demo data on a public address', async () => {
    const refused = (await startKonok({
      DEMO_MODE: 'true',
      PUBLIC_URL: 'https://konok.example.kg',
      DATABASE_URL: 'postgres://konok@127.0.0.1:1/konok',
      DATA_DIR: dataDir,
    }).catch((error: unknown) => error)) as { code: number; output: string };
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(
      /DEMO_MODE: demo mode .* is refused when PUBLIC_URL is not a loopback address/,
    );
  });

  it('stops cleanly on SIGTERM', async () => {
    process.kill(b.child.pid!, 'SIGTERM');
    expect(await exited(b.child)).toBe(0);
  });
});
