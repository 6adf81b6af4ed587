import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Secrets {
  /** AES-256-GCM key for personal data stored per field. */
  fieldEncryptionKey: Buffer;
  /** AES-256-GCM key for uploaded files at rest (passport scans, photos). */
  fileEncryptionKey: Buffer;
  /** HMAC key for exact-match search over encrypted fields. */
  fieldHashKey: Buffer;
  /** HMAC key for one-time codes, PINs, session and reset tokens. */
  codeKey: Buffer;
  /** HMAC key for ALTCHA challenges and signup tickets. */
  challengeKey: Buffer;
  /** The built-in sandbox acquirer's merchant secret (it signs its API and callbacks with it). */
  sandboxAcquirerSecret: Buffer;
  /** Password of the embedded PostgreSQL superuser. */
  embeddedDbPassword: string;
}

const derive = (master: Buffer, purpose: string) =>
  Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), `konok:${purpose}`, 32));

export function deriveSecrets(masterHex: string): Secrets {
  const master = Buffer.from(masterHex, 'hex');
  return {
    fieldEncryptionKey: derive(master, 'field-encryption'),
    fieldHashKey: derive(master, 'field-hash'),
    fileEncryptionKey: derive(master, 'file-encryption'),
    codeKey: derive(master, 'codes'),
    challengeKey: derive(master, 'challenge'),
    sandboxAcquirerSecret: derive(master, 'sandbox-acquirer'),
    embeddedDbPassword: derive(master, 'embedded-db').toString('hex'),
  };
}

/**
 * The master key comes from SECRET_KEY, or from DATA_DIR/secret.key, which is
 * generated on first start so that the demo needs no setup.
 */
export function loadMasterKey(dataDir: string, fromEnv?: string): string {
  if (fromEnv) return fromEnv.toLowerCase();
  const file = path.join(dataDir, 'secret.key');
  try {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(stored)) throw new Error(`${file} is not 64 hexadecimal characters`);
    return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const generated = crypto.randomBytes(32).toString('hex');
  // 'wx' fails if another process created it meanwhile; then read theirs.
  try {
    fs.writeFileSync(file, generated + '\n', { mode: 0o600, flag: 'wx' });
    return generated;
  } catch {
    return fs.readFileSync(file, 'utf8').trim();
  }
}
