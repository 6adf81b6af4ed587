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
  DEMO_DATA: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
});

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
  demoData: boolean;
  /** A real property registry over HTTP; the embedded one when unset. */
  propertyRegistryUrl?: string;
  propertyRegistryToken?: string;
  /** OCR worker threads for passport reading; default one per CPU core. */
  mrzWorkers?: number;
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
    demoData: e.DEMO_DATA,
    mrzWorkers: e.MRZ_WORKERS,
    propertyRegistryUrl: e.PROPERTY_REGISTRY_URL,
    propertyRegistryToken: e.PROPERTY_REGISTRY_TOKEN,
    outboxPollMs: 1000,
  };
}
