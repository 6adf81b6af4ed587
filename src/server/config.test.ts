import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopback, loadConfig } from './config';

const problemsOf = (environment: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return [];
};

const realAcquirer = {
  ACQUIRER: 'freedompay',
  ACQUIRER_MERCHANT_ID: '550001',
  ACQUIRER_SECRET: 'merchant-secret',
};
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://konok@db/konok',
  SMTP_URL: 'smtp://mail.example.kg:587',
  SMS_GATEWAY_URL: 'https://sms.example.kg/send',
  PUBLIC_URL: 'https://konok.example.kg',
  ...realAcquirer,
};

describe('config', () => {
  it('runs the demo by default on the embedded database, on loopback', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, profile: 'kg', env: 'development', demoMode: true });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.trustProxy).toBe(false);
    expect(config.secureCookies).toBe(false);
  });

  it('has no demo with an external database, real transports or a public address unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://konok@db/konok' }).demoMode).toBe(false);
    expect(loadConfig({ SMTP_URL: 'smtp://mail.example.kg' }).demoMode).toBe(false);
    expect(loadConfig({ SMS_GATEWAY_URL: 'https://sms.example.kg' }).demoMode).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0', ...realAcquirer }).demoMode).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'https://konok.example.kg', ...realAcquirer }).demoMode).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:3000' }).demoMode).toBe(true);
  });

  it('refuses demo mode on a public address, with real transports and in production, saying why', () => {
    expect(
      problemsOf({ DEMO_MODE: 'true', PUBLIC_URL: 'https://konok.example.kg', ...realAcquirer }),
    ).toEqual([expect.stringMatching(/^DEMO_MODE: .* when PUBLIC_URL is not a loopback address/)]);
    expect(problemsOf({ DEMO_MODE: 'true', HOST: '0.0.0.0', ...realAcquirer })[0]).toMatch(
      /HOST is not a loopback address/,
    );
    expect(problemsOf({ DEMO_DATA: 'true', SMTP_URL: 'smtp://mail.example.kg' })[0]).toMatch(
      /SMTP_URL or SMS_GATEWAY_URL is set/,
    );
    expect(problemsOf({ ...production, DEMO_MODE: 'true' })).toEqual([
      expect.stringMatching(/refused in production/),
      expect.stringMatching(/PUBLIC_URL is not a loopback/),
      expect.stringMatching(/SMTP_URL or SMS_GATEWAY_URL is set/),
    ]);
    expect(loadConfig({ DEMO_MODE: 'true', DATABASE_URL: 'postgres://konok@127.0.0.1/konok' }).demoMode).toBe(
      true,
    );
  });

  it('in production requires SMTP, the SMS gateway and an https PUBLIC_URL', () => {
    expect(
      problemsOf({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.kg', ...realAcquirer }),
    ).toEqual([
      'SMS_GATEWAY_URL is required in production: SMS (codes, PINs) would go nowhere',
      'PUBLIC_URL must be set to an https:// address in production',
    ]);
    expect(problemsOf({ ...production, PUBLIC_URL: 'http://konok.example.kg' })).toEqual([
      'PUBLIC_URL must be set to an https:// address in production',
    ]);
    const config = loadConfig(production);
    expect(config).toMatchObject({ demoMode: false, secureCookies: true });
  });

  it('takes card payments through the sandbox only in development on loopback', () => {
    expect(loadConfig({}).acquirer).toEqual({ kind: 'sandbox' });
    expect(problemsOf({ ...production, ACQUIRER: undefined })).toEqual([
      'ACQUIRER is required in production (freedompay): the sandbox acquirer is for development only',
    ]);
    expect(problemsOf({ ...production, ACQUIRER: 'sandbox' })).toEqual([
      'ACQUIRER: the sandbox acquirer (test cards that pay without money) is refused in production',
    ]);
    expect(problemsOf({ HOST: '0.0.0.0', ACQUIRER: 'sandbox' })[0]).toMatch(/refused on a public address/);
    expect(problemsOf({ PUBLIC_URL: 'https://konok.example.kg' })[0]).toMatch(
      /ACQUIRER is required on a public address/,
    );
    expect(problemsOf({ ACQUIRER: 'freedompay' })).toEqual([
      'ACQUIRER_MERCHANT_ID is required with ACQUIRER=freedompay',
      'ACQUIRER_SECRET is required with ACQUIRER=freedompay',
    ]);
    expect(loadConfig(production).acquirer).toEqual({
      kind: 'freedompay',
      merchantId: '550001',
      secret: 'merchant-secret',
      apiUrl: undefined,
    });
  });

  it('trusts a proxy only when told which', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
    ]);
    for (const wrong of ['true', '0', '10.0.0.0/33', 'proxy.example.kg'])
      expect(problemsOf({ TRUST_PROXY: wrong })).toEqual([
        'TRUST_PROXY must be a hop count (1, 2, …) or a comma-separated list of addresses or CIDR ranges',
      ]);
  });

  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '10.0.0.1', 'konok.kg', '::', 'localhost.konok.kg'])
      expect(isLoopback(host)).toBe(false);
  });

  it('names every wrong variable and the rule, never the value', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://secret-password@db/x',
        SECRET_KEY: 'tooshort',
        PROFILE: 'fr',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT must be a number');
      expect(message).toContain('DATABASE_URL must start with postgres:// or postgresql://');
      expect(message).toContain('SECRET_KEY must be 64 hexadecimal characters');
      expect(message).toContain('PROFILE must be kg or ru');
      expect(message).not.toContain('secret-password');
    }
  });
});
