import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('config', () => {
  it('has defaults that run the demo', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, profile: 'kg', env: 'development', demoData: true });
    expect(config.databaseUrl).toBeUndefined();
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
