import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { keyedHash } from '../../security/crypto.js';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30 s. */
const PERIOD_SECONDS = 30;
/** One step either side: a phone's clock a little off, or a code typed as it changed. */
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

const totpFor = (secretBase32: string, label = 'operator') =>
  new TOTP({
    issuer: 'Konok',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/**
 * The time step a code belongs to, or null when it is wrong. A step at or before `lastStep` was
 * used already: a code seen over a shoulder or in a log opens nothing a second time.
 */
export function acceptedStep(
  secretBase32: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): number | null {
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now, window: WINDOW });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

export interface Enrolment {
  secret: string;
  uri: string;
  /** The URI as a QR code (SVG), for the authenticator app's camera. */
  qrSvg: string;
}

export async function enrolment(secretBase32: string, email: string): Promise<Enrolment> {
  const uri = totpFor(secretBase32, email).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret: secretBase32, uri, qrSvg };
}

// Recovery codes: 10 groups of 5 letters and digits (50 bits each), shown once, kept as keyed hashes.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    let code = '';
    for (let i = 0; i < 10; i++) code += ALPHABET[crypto.randomInt(ALPHABET.length)];
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

export const isRecoveryCode = (value: string) => /^[a-z0-9]{5}-?[a-z0-9]{5}$/i.test(value);
export const recoveryCodeHash = (key: Buffer, operatorId: number, code: string) =>
  keyedHash(key, `recovery:${operatorId}:${code.toLowerCase().replace('-', '')}`);
