import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The keys that sign registration cards, kept in DATA_DIR/card-keys.json (0600; every Konok
 * process of one deployment shares DATA_DIR, as it shares the stored documents). The newest key
 * signs; a key signs for a year and stays published a year after that, long enough for every card
 * it signed to run out. `rotate` starts a new key at once (a suspected leak, or routine).
 */
export const SIGNING_DAYS = 365;
export const PUBLISHED_AFTER_SIGNING_DAYS = 365;
const DAY_MS = 86_400_000;

export interface CardKey {
  /** The seal's key id: a number that fits two bytes. */
  kid: number;
  createdAt: string;
  signUntil: string;
  publishUntil: string;
  privateJwk: crypto.JsonWebKey;
}

export interface CardKeyRing {
  /** The key that signs now. */
  active: () => CardKey & { privateKey: crypto.KeyObject };
  /** Every key a verifier must know: the JWK set's content. */
  published: () => CardKey[];
  rotate: () => CardKey;
}

const keysFile = (dataDir: string) => path.join(dataDir, 'card-keys.json');

function newKey(existing: CardKey[], now = new Date()): CardKey {
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  let kid: number;
  do kid = crypto.randomInt(1, 0x10000);
  while (existing.some((k) => k.kid === kid));
  const signUntil = new Date(now.getTime() + SIGNING_DAYS * DAY_MS);
  return {
    kid,
    createdAt: now.toISOString(),
    signUntil: signUntil.toISOString(),
    publishUntil: new Date(signUntil.getTime() + PUBLISHED_AFTER_SIGNING_DAYS * DAY_MS).toISOString(),
    privateJwk: privateKey.export({ format: 'jwk' }),
  };
}

function write(dataDir: string, keys: CardKey[]) {
  const file = keysFile(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(keys, null, 2), { mode: 0o600 });
  fs.renameSync(temporary, file);
}

function read(dataDir: string): CardKey[] {
  try {
    return JSON.parse(fs.readFileSync(keysFile(dataDir), 'utf8')) as CardKey[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`${keysFile(dataDir)} cannot be read: ${(error as Error).message}`);
  }
}

/** Ends the signing of the current key now and adds a new one. */
export function rotateCardKey(dataDir: string, now = new Date()): CardKey {
  const keys = read(dataDir).map((k) =>
    k.signUntil > now.toISOString() ? { ...k, signUntil: now.toISOString() } : k,
  );
  const key = newKey(keys, now);
  write(dataDir, [...keys, key]);
  return key;
}

export function cardKeyRing(dataDir: string): CardKeyRing {
  fs.mkdirSync(dataDir, { recursive: true });
  let keys: CardKey[] = [];
  let loadedMtime = -1;
  // Another process (or `npm run card-keys -- rotate`) may change the file: read it again when it did.
  const load = () => {
    const mtime = fs.statSync(keysFile(dataDir), { throwIfNoEntry: false })?.mtimeMs ?? -1;
    if (mtime !== loadedMtime) {
      keys = read(dataDir);
      loadedMtime = mtime;
    }
  };
  const privateKeys = new Map<number, crypto.KeyObject>();
  const active = () => {
    load();
    const now = new Date().toISOString();
    let key = keys.findLast((k) => k.createdAt <= now && k.signUntil > now);
    if (!key) {
      key = rotateCardKey(dataDir);
      load();
    }
    let privateKey = privateKeys.get(key.kid);
    if (!privateKey) {
      privateKey = crypto.createPrivateKey({ key: key.privateJwk, format: 'jwk' });
      privateKeys.set(key.kid, privateKey);
    }
    return { ...key, privateKey };
  };
  active();
  return {
    active,
    published: () => {
      load();
      const now = new Date().toISOString();
      return keys.filter((k) => k.publishUntil > now);
    },
    rotate: () => {
      const key = rotateCardKey(dataDir);
      load();
      return key;
    },
  };
}

/** A public key as a JWK, with its dates (seconds) so a verifier can refuse a retired one. */
export function publicJwk(key: CardKey) {
  const { x, y } = key.privateJwk;
  return {
    kty: 'EC',
    crv: 'P-256',
    x: x!,
    y: y!,
    kid: String(key.kid),
    alg: 'ES256' as const,
    use: 'sig' as const,
    nbf: Math.floor(Date.parse(key.createdAt) / 1000),
    exp: Math.floor(Date.parse(key.publishUntil) / 1000),
  };
}

export function signEs256(privateKey: crypto.KeyObject, message: Uint8Array): Buffer {
  return crypto.sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
}
