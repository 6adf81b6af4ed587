import type { AppContext } from '../../src/server/context';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { solveChallenge } from 'altcha-lib/v1';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app';
import { loadConfig, type Config } from '../../src/server/config';
import { createDb, migrateToLatest, type Db } from '../../src/server/db/database';
import { deriveSecrets } from '../../src/server/security/secrets';

/** A fresh database in the run's cluster, migrated. */
export async function createTestDatabase(): Promise<{ db: Db; url: string }> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `konok_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const db = createDb(url, 5);
  await migrateToLatest(db);
  return { db, url };
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  /** The database, for another Konok on it (anotherInstance). */
  url: string;
  secrets: ReturnType<typeof deriveSecrets>;
  close: () => Promise<void>;
}

export async function buildTestApp(
  overrides: Partial<Config> = {},
  options: { startWorkers?: boolean; rateLimitFactor?: number } = {},
): Promise<TestApp> {
  const { db, url } = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'konok-data-'));
  const config = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir }),
    outboxPollMs: 50,
    // As loadConfig decides: no demo beside real transports or in production.
    demoMode: !(overrides.smtpUrl || overrides.smsGatewayUrl || overrides.env === 'production'),
    ...overrides,
  };
  const secrets = deriveSecrets(crypto.randomBytes(32).toString('hex'));
  const app = await buildApp({
    config,
    db,
    secrets,
    captchaMaxNumber: 2_000,
    startWorkers: options.startWorkers ?? false,
    rateLimitFactor: options.rateLimitFactor ?? 100,
  });
  return {
    app,
    db,
    config,
    url,
    secrets,
    close: async () => {
      await app.close();
      await db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A second Konok on the first one's database, with its own connection pool and its own
 * in-memory state, as another process behind the load balancer would be.
 */
export async function anotherInstance(
  first: TestApp,
  options: { rateLimitFactor?: number } = {},
): Promise<TestApp> {
  const db = createDb(first.url, 5);
  const app = await buildApp({
    config: first.config,
    db,
    secrets: first.secrets,
    captchaMaxNumber: 2_000,
    startWorkers: false,
    rateLimitFactor: options.rateLimitFactor ?? 100,
  });
  return {
    ...first,
    app,
    db,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}

/** A browser-like client: keeps cookies and sends the CSRF header, as the web app does. */
export class TestClient {
  cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    public language: 'ru' | 'ky' | 'en' = 'en',
  ) {}

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as {
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      const cleared = cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now());
      if (cleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options: { json?: unknown; body?: Buffer; contentType?: string; csrf?: string | false } = {},
  ) {
    if (method !== 'GET' && !this.cookies.has('konok_csrf')) await this.request('GET', '/api/session');
    const headers: Record<string, string> = { 'accept-language': this.language, cookie: this.cookieHeader() };
    if (method !== 'GET' && options.csrf !== false)
      headers['x-csrf-token'] = options.csrf ?? this.cookies.get('konok_csrf') ?? '';
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (options.contentType) headers['content-type'] = options.contentType;
    const response = await this.app.inject({
      method,
      url,
      headers,
      payload: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    });
    return this.remember(response);
  }

  get = (url: string) => this.request('GET', url);
  delete = (url: string) => this.request('DELETE', url);
  patch = (url: string, json: unknown) => this.request('PATCH', url, { json });
  post = (url: string, json?: unknown, options: { csrf?: string | false } = {}) =>
    this.request('POST', url, { json: json ?? {}, ...options });

  async postMultipart(
    url: string,
    fields: Record<string, string>,
    files: Record<string, { body: Buffer; filename: string; type: string }>,
  ) {
    const boundary = `----konok${crypto.randomBytes(8).toString('hex')}`;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(fields)) {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      );
    }
    for (const [name, file] of Object.entries(files)) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
        ),
        file.body,
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.request('POST', url, {
      body: Buffer.concat(parts),
      contentType: `multipart/form-data; boundary=${boundary}`,
    });
  }
}

/** Solves the server's proof-of-work challenge as the widget would in a browser. */
export async function solveCaptcha(client: TestClient): Promise<string> {
  const challenge = (await client.get('/api/captcha/challenge')).json() as {
    algorithm: string;
    challenge: string;
    salt: string;
    signature: string;
    maxnumber: number;
  };
  const solution = await solveChallenge(
    challenge.challenge,
    challenge.salt,
    challenge.algorithm,
    challenge.maxnumber,
  ).promise;
  return Buffer.from(
    JSON.stringify({
      algorithm: challenge.algorithm,
      challenge: challenge.challenge,
      number: solution!.number,
      salt: challenge.salt,
      signature: challenge.signature,
    }),
  ).toString('base64');
}

/** The profile with no fee: a confirmed application goes straight to the operators (the ru path). */
export function withoutFee(ctx: AppContext) {
  ctx.profile = {
    ...ctx.profile,
    registration: {
      ...ctx.profile.registration,
      fees: [{ from: '2000-01-01', amountMinor: 0, currency: 'KGS' }],
    },
  };
}
