import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, decryptField, encryptField, keyedHash, randomDigits } from './crypto';
import { deriveSecrets } from './secrets';
import { isWeakPassword } from '../modules/accounts/passwords';

describe('field encryption', () => {
  const { fieldEncryptionKey, fieldHashKey } = deriveSecrets(crypto.randomBytes(32).toString('hex'));
  it('round-trips, uses a fresh IV each time and detects tampering', () => {
    const a = encryptField(fieldEncryptionKey, 'PE1234590');
    const b = encryptField(fieldEncryptionKey, 'PE1234590');
    expect(a).not.toBe(b);
    expect(decryptField(fieldEncryptionKey, a)).toBe('PE1234590');
    const raw = Buffer.from(a, 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => decryptField(fieldEncryptionKey, raw.toString('base64'))).toThrow();
  });
  it('keyed hashes match exactly and differ by key', () => {
    expect(keyedHash(fieldHashKey, 'X')).toBe(keyedHash(fieldHashKey, 'X'));
    expect(keyedHash(fieldHashKey, 'X')).not.toBe(keyedHash(fieldEncryptionKey, 'X'));
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
  it('makes codes of digits only', () => {
    expect(randomDigits(6)).toMatch(/^\d{6}$/);
  });
});

describe('passwords', () => {
  it('refuses common and login-based passwords, accepts a passphrase', () => {
    expect(isWeakPassword('password1')).toBe(true);
    expect(isWeakPassword('Qwerty123')).toBe(true);
    expect(isWeakPassword('aaaaaaaaaa')).toBe(true);
    expect(isWeakPassword('bakyt2026!', 'bakyt@example.kg')).toBe(true);
    expect(isWeakPassword('correct horse battery staple', 'bakyt@example.kg')).toBe(false);
  });
});
