import crypto from 'node:crypto';

/**
 * The sandbox acquirer's published request signature: HMAC-SHA256 over `timestamp.payload` with
 * the merchant's secret, where the payload is the raw body (POST) or `GET path` (GET). Both the
 * sandbox and Konok's adapter follow it, as a merchant follows its acquirer's documentation.
 */
export const SIGNATURE_HEADER = 'x-sandbox-signature';
export const TIMESTAMP_HEADER = 'x-sandbox-timestamp';
const MAX_SKEW_MS = 5 * 60_000;

export function sign(secret: Buffer, timestamp: string, payload: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
}

export function signedHeaders(secret: Buffer, payload: string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: sign(secret, timestamp, payload) };
}

/** Why a request's signature is not good, or undefined when it is. */
export function signatureProblem(
  secret: Buffer,
  headers: Record<string, string | string[] | undefined>,
  payload: string,
  now = Date.now(),
): string | undefined {
  const timestamp = headers[TIMESTAMP_HEADER];
  const signature = headers[SIGNATURE_HEADER];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return 'unsigned';
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Number(timestamp) * 1000 - now) > MAX_SKEW_MS)
    return 'stale timestamp';
  const expected = Buffer.from(sign(secret, timestamp, payload), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return 'bad signature';
  return undefined;
}
