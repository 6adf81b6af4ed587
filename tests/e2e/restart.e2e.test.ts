import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { solveChallenge } from 'altcha-lib/v1';
import { afterAll, describe, expect, it } from 'vitest';
import { solidPng } from '../../src/server/db/demo-data';

const root = path.resolve(__dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'konok-restart-'));
const running: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** `npm start`'s server process, on its own: one node process, as an operator would run it. */
function startKonok(): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Konok is running: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    }, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(Object.assign(new Error(`Konok exited with ${code}: ${output}`), { code, output }));
    });
  });
}

/** A browser-like client over real HTTP. */
function httpClient(base: string) {
  const cookies = new Map<string, string>();
  const send = async (method: string, url: string, body?: BodyInit, json = false) => {
    const response = await fetch(base + url, {
      method,
      body,
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': cookies.get('konok_csrf') ?? '',
        'accept-language': 'en',
        ...(json ? { 'content-type': 'application/json' } : {}),
      },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, value] = pair!.split('=');
      cookies.set(name!, value ?? '');
    }
    return response;
  };
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, data: unknown) => send('POST', url, JSON.stringify(data), true),
    form: (url: string, data: FormData) => send('POST', url, data),
  };
}

async function signUp(base: string, email: string) {
  const client = httpClient(base);
  const challenge = (await (await client.get('/api/captcha/challenge')).json()) as Record<string, string> & {
    maxnumber: number;
  };
  const solution = await solveChallenge(
    challenge.challenge!,
    challenge.salt!,
    challenge.algorithm,
    challenge.maxnumber,
  ).promise;
  const captcha = Buffer.from(JSON.stringify({ ...challenge, number: solution!.number })).toString('base64');
  const start = await client.post('/api/signup/start', {
    subjectType: 'foreign_owner',
    acceptTerms: true,
    captcha,
  });
  const { ticket } = (await start.json()) as { ticket: string };
  const form = new FormData();
  const fields = {
    ticket,
    surname: 'RESTART',
    givenNames: 'TEST',
    birthDate: '1980-01-01',
    sex: 'M',
    passportType: 'passport',
    passportCountry: 'KAZ',
    passportNumber: 'N12345678',
    passportIssueDate: '2019-01-01',
    passportExpiryDate: '2029-01-01',
    phone: '996555000111',
    email,
    password: 'restart passphrase',
    passwordRepeat: 'restart passphrase',
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append(
    'passportFile',
    new Blob([new Uint8Array(solidPng(40, 30, [220, 220, 220]))], { type: 'image/png' }),
    'passport.png',
  );
  form.append(
    'photo',
    new Blob([new Uint8Array(solidPng(30, 40, [200, 190, 180]))], { type: 'image/png' }),
    'photo.png',
  );
  return client.form('/api/signup', form);
}

const loginStatus = async (base: string, email: string) => {
  const client = httpClient(base);
  await client.get('/api/session');
  return (await client.post('/api/login', { email, password: 'restart passphrase' })).status;
};

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve),
  );

afterAll(async () => {
  for (const child of running) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await new Promise((r) => setTimeout(r, 500));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start on the embedded database', () => {
  it('keeps an acknowledged signup through kill -9, refuses a second instance, and stops cleanly', async () => {
    const first = await startKonok();
    expect(first.output()).toContain('Demo logins:');
    expect((await signUp(first.url, 'before-crash@example.kg')).status).toBe(201);

    // kill -9 of Konok alone: its PostgreSQL is orphaned and still holds the data directory.
    process.kill(first.child.pid!, 'SIGKILL');
    await exited(first.child);

    const second = await startKonok();
    expect(await loginStatus(second.url, 'before-crash@example.kg')).toBe(409); // the account is there, waiting for activation
    expect((await signUp(second.url, 'after-restart@example.kg')).status).toBe(201);

    // A second Konok on the same DATA_DIR says why it cannot start.
    const refused = await startKonok().catch((error: { code: number; output: string }) => error);
    expect((refused as { code: number }).code).toBe(1);
    expect((refused as { output: string }).output).toMatch(
      /Another Konok \(process \d+\) is already running/,
    );

    // kill -9 of the whole process group: PostgreSQL itself crashes and recovers from its WAL.
    process.kill(-second.child.pid!, 'SIGKILL');
    await exited(second.child);
    await new Promise((r) => setTimeout(r, 300));

    const third = await startKonok();
    expect(await loginStatus(third.url, 'before-crash@example.kg')).toBe(409);
    expect(await loginStatus(third.url, 'after-restart@example.kg')).toBe(409);
    expect(await loginStatus(third.url, 'host@konok.example')).toBe(401); // demo host is there, wrong password for it

    process.kill(third.child.pid!, 'SIGTERM');
    expect(await exited(third.child)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
