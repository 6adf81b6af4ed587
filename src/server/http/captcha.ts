import { createChallenge, verifySolution } from 'altcha-lib/v1';
import { recordTokenOnce } from './used-tokens.repo.js';
import type { DbOrTx } from '../db/database.js';
import { keyedHash } from '../security/crypto.js';

const CHALLENGE_MINUTES = 20;

export interface CaptchaOptions {
  hmacKey: string;
  /** Upper bound of the proof-of-work search; about 0.1–0.5 s in a browser at 100 000. */
  maxNumber: number;
}

export function issueChallenge(options: CaptchaOptions) {
  return createChallenge({
    hmacKey: options.hmacKey,
    maxnumber: options.maxNumber,
    expires: new Date(Date.now() + CHALLENGE_MINUTES * 60_000),
  });
}

/**
 * Records a single-use token; false if it was used before. Call inside the
 * transaction of the action it guards, so a failed action does not burn it.
 */
export async function consumeToken(
  db: DbOrTx,
  options: { key: Buffer; kind: string; token: string; expiresAt: Date },
): Promise<boolean> {
  return recordTokenOnce(db, {
    hash: keyedHash(options.key, `${options.kind}:${options.token}`),
    kind: options.kind,
    expiresAt: options.expiresAt,
  });
}

export type CaptchaResult = 'ok' | 'invalid' | 'replayed';

/** Verifies an ALTCHA payload (signature, solution, expiry) and rejects a second use of the same challenge. */
export async function verifyCaptcha(
  db: DbOrTx,
  options: CaptchaOptions & { key: Buffer; payload: string },
): Promise<CaptchaResult> {
  let valid = false;
  try {
    valid = await verifySolution(options.payload, options.hmacKey, true);
  } catch {
    valid = false;
  }
  if (!valid) return 'invalid';
  const decoded = JSON.parse(Buffer.from(options.payload, 'base64').toString('utf8')) as {
    signature: string;
    salt: string;
  };
  // The salt carries its expiry as a query string: '<random>?expires=<unix seconds>'.
  const expires = Number(new URLSearchParams(decoded.salt.split('?')[1] ?? '').get('expires') ?? 0);
  const fresh = await consumeToken(db, {
    key: options.key,
    kind: 'captcha',
    token: decoded.signature,
    expiresAt: new Date(expires > 0 ? expires * 1000 : Date.now() + CHALLENGE_MINUTES * 60_000),
  });
  return fresh ? 'ok' : 'replayed';
}
