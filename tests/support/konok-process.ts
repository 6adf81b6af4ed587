import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { solveChallenge } from 'altcha-lib/v1';
import { solidPng } from './images';

const root = path.resolve(__dirname, '../..');
const running: ChildProcess[] = [];

export interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** `npm start`'s server process, on its own: one node process, as an operator would run it. */
export function startKonok(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
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

/** Kills every Konok this test file started, with its process group. */
export async function killAllKonoks(): Promise<void> {
  for (const child of running.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await new Promise((r) => setTimeout(r, 500));
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve),
  );

export type HttpClient = ReturnType<typeof httpClient>;

/** A browser-like client over real HTTP: keeps cookies, echoes the CSRF cookie in its header. */
export function httpClient(base: string) {
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
    cookies,
    /** The same browser talking to another server (another Konok behind the load balancer). */
    at: (otherBase: string) => {
      const other = httpClient(otherBase);
      for (const [k, v] of cookies) other.cookies.set(k, v);
      return other;
    },
    get: (url: string) => send('GET', url),
    post: (url: string, data: unknown) => send('POST', url, JSON.stringify(data), true),
    form: (url: string, data: FormData) => send('POST', url, data),
  };
}

export const SIGNUP_PASSWORD = 'restart passphrase';

/** Opens a cabinet over HTTP as the browser would: proof-of-work, then the form with both files. */
export async function signUp(base: string, email: string, client = httpClient(base)) {
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
    password: SIGNUP_PASSWORD,
    passwordRepeat: SIGNUP_PASSWORD,
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
