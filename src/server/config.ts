import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be 0–65535')
  .max(65535, 'must be 0–65535');

const url = (protocols: string[]) =>
  z
    .string()
    .url('must be a URL')
    .refine((value) => protocols.includes(new URL(value).protocol), {
      message: `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    });

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(url(protocols).optional());

export const EnvSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
    .default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  PUBLIC_URL: optionalUrl(['http:', 'https:']),
  PROFILE: z.enum(['kg', 'ru'], { error: 'must be kg or ru' }).default('kg'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
  MAIL_FROM: z.string().email('must be an e-mail address').default('no-reply@konok.example'),
  SMS_GATEWAY_URL: optionalUrl(['http:', 'https:']),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hexadecimal characters (32 bytes)')
    .optional(),
  PROPERTY_REGISTRY_URL: optionalUrl(['http:', 'https:']),
  PROPERTY_REGISTRY_TOKEN: z.string().optional(),
  MRZ_WORKERS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(64, 'must be at most 64')
    .optional(),
  /** Demo mode: demo accounts and the dev mailbox. Default: on only where it is safe (see demoModeProblems). */
  DEMO_MODE: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  /** The earlier name of DEMO_MODE, still understood. */
  DEMO_DATA: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  /** The card acquirer: the built-in sandbox (development only) or Freedom Pay. */
  ACQUIRER: z.enum(['sandbox', 'freedompay'], { error: 'must be sandbox or freedompay' }).optional(),
  ACQUIRER_MERCHANT_ID: z.string().optional(),
  ACQUIRER_SECRET: z.string().optional(),
  ACQUIRER_API_URL: optionalUrl(['http:', 'https:']),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(
      z
        .string()
        .refine(isTrustProxy, {
          message: 'must be a hop count (1, 2, …) or a comma-separated list of addresses or CIDR ranges',
        })
        .optional(),
    ),
});

function isAddressOrRange(value: string): boolean {
  const [address, bits, ...rest] = value.trim().split('/');
  if (rest.length || !address) return false;
  const family = net.isIP(address);
  if (!family) return false;
  if (bits === undefined) return true;
  const max = family === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) <= max;
}

function isTrustProxy(value: string): boolean {
  if (/^\d+$/.test(value)) return Number(value) >= 1 && Number(value) <= 10;
  return value.split(',').every(isAddressOrRange);
}

/** Whether a host name or address only ever reaches this machine. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost') || bare === '::1') return true;
  return net.isIPv4(bare) && bare.startsWith('127.');
}

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  publicUrl?: string;
  profile: Env['PROFILE'];
  logLevel: Env['LOG_LEVEL'];
  smtpUrl?: string;
  mailFrom: string;
  smsGatewayUrl?: string;
  smsGatewayToken?: string;
  secretKey?: string;
  /** Demo accounts and the dev mailbox; only on a loopback address with no real transports. */
  demoMode: boolean;
  /** Secure cookies and HSTS: always in production, and whenever PUBLIC_URL is https. */
  secureCookies: boolean;
  /** Fastify's trustProxy: a hop count or a list of addresses/CIDRs; false when unset. */
  trustProxy: false | number | string[];
  /** A real property registry over HTTP; the embedded one when unset. */
  propertyRegistryUrl?: string;
  propertyRegistryToken?: string;
  /** OCR worker threads for passport reading; default one per CPU core. */
  mrzWorkers?: number;
  /** Which acquirer takes card payments; the sandbox only where test cards are safe. */
  acquirer: { kind: 'sandbox' } | { kind: 'freedompay'; merchantId: string; secret: string; apiUrl?: string };
  /** Worker poll interval for the outbox; tests shorten it. */
  outboxPollMs: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `Konok cannot start: the configuration has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`,
    );
  }
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(
      // Only the variable name and the rule: a wrong value may be a secret.
      parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`),
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];
  if (production) {
    if (!e.SMTP_URL) problems.push('SMTP_URL is required in production: e-mail would go nowhere');
    if (!e.SMS_GATEWAY_URL)
      problems.push('SMS_GATEWAY_URL is required in production: SMS (codes, PINs) would go nowhere');
    if (!e.PUBLIC_URL?.startsWith('https://'))
      problems.push('PUBLIC_URL must be set to an https:// address in production');
  }
  // The sandbox's test cards "pay" without money: only for development on this machine.
  const publicAddress =
    !isLoopback(e.HOST) || (!!e.PUBLIC_URL && !isLoopback(new URL(e.PUBLIC_URL).hostname));
  const sandboxUnsafe = production ? 'in production' : publicAddress ? 'on a public address' : undefined;
  const acquirer = e.ACQUIRER ?? (sandboxUnsafe ? undefined : 'sandbox');
  if (!acquirer)
    problems.push(
      `ACQUIRER is required ${sandboxUnsafe} (freedompay): the sandbox acquirer is for development only`,
    );
  if (acquirer === 'sandbox' && sandboxUnsafe)
    problems.push(
      `ACQUIRER: the sandbox acquirer (test cards that pay without money) is refused ${sandboxUnsafe}`,
    );
  if (acquirer === 'freedompay') {
    if (!e.ACQUIRER_MERCHANT_ID) problems.push('ACQUIRER_MERCHANT_ID is required with ACQUIRER=freedompay');
    if (!e.ACQUIRER_SECRET) problems.push('ACQUIRER_SECRET is required with ACQUIRER=freedompay');
  }
  const unsafeForDemo = demoModeProblems(e);
  const demoAsked = e.DEMO_MODE ?? e.DEMO_DATA;
  if (demoAsked === 'true') problems.push(...unsafeForDemo);
  if (problems.length) throw new ConfigError(problems);
  // Unless asked, demo mode is on only for the zero-setup start: the embedded database, loopback,
  // no real transports, not production.
  const demoMode =
    demoAsked !== undefined ? demoAsked === 'true' : unsafeForDemo.length === 0 && !e.DATABASE_URL;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    profile: e.PROFILE,
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    smsGatewayUrl: e.SMS_GATEWAY_URL,
    smsGatewayToken: e.SMS_GATEWAY_TOKEN,
    secretKey: e.SECRET_KEY,
    demoMode,
    secureCookies: production || (e.PUBLIC_URL?.startsWith('https://') ?? false),
    trustProxy: !e.TRUST_PROXY
      ? false
      : /^\d+$/.test(e.TRUST_PROXY)
        ? Number(e.TRUST_PROXY)
        : e.TRUST_PROXY.split(',').map((a) => a.trim()),
    mrzWorkers: e.MRZ_WORKERS,
    propertyRegistryUrl: e.PROPERTY_REGISTRY_URL,
    propertyRegistryToken: e.PROPERTY_REGISTRY_TOKEN,
    acquirer:
      acquirer === 'freedompay'
        ? {
            kind: 'freedompay',
            merchantId: e.ACQUIRER_MERCHANT_ID!,
            secret: e.ACQUIRER_SECRET!,
            apiUrl: e.ACQUIRER_API_URL,
          }
        : { kind: 'sandbox' },
    outboxPollMs: 1000,
  };
}

/** Why demo mode (known passwords, a page showing every code sent) would be unsafe here. */
function demoModeProblems(e: Env): string[] {
  const problems: string[] = [];
  const why = 'demo mode (demo accounts and the dev mailbox) is refused';
  if (e.NODE_ENV === 'production') problems.push(`DEMO_MODE: ${why} in production`);
  if (!isLoopback(e.HOST))
    problems.push(`DEMO_MODE: ${why} when HOST is not a loopback address (use 127.0.0.1)`);
  if (e.PUBLIC_URL && !isLoopback(new URL(e.PUBLIC_URL).hostname))
    problems.push(`DEMO_MODE: ${why} when PUBLIC_URL is not a loopback address`);
  if (e.SMTP_URL || e.SMS_GATEWAY_URL)
    problems.push(
      `DEMO_MODE: ${why} when SMTP_URL or SMS_GATEWAY_URL is set (real people would get demo messages)`,
    );
  return problems;
}
