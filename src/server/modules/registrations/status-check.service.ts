import type { AppContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { keyedHash } from '../../security/crypto.js';
import * as repo from './registrations.repo.js';

/** The public status check: by application or registration number, with the foreigner's passport number. */
/** A name as the public may see it: each word's first letter, the rest hidden. */
export const maskName = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0] + '*'.repeat(Math.max(word.length - 1, 2)))
    .join(' ');

/** At most 30 checks a minute from one address; processes reserve up to 50 at a time. */
export const STATUS_CHECKS = { perMinute: 30, maxBatch: 50 };

/**
 * The public status check: by registration or application number and the passport number. The
 * answer reveals the status, the period and a masked name, nothing else; found and not found do
 * the same work. Callers are counted against a limit every process shares (ctx.statusChecks).
 */
export async function findStatus(
  ctx: AppContext,
  input: { number: string; passportNumber: string },
  client: string,
) {
  const limit = STATUS_CHECKS.perMinute * ctx.rateLimitFactor;
  const counted = await ctx.statusChecks.hit(client, limit);
  if (!counted.allowed)
    throw new AppError({
      status: 429,
      code: 'rate_limited',
      messageKey: 'errors.rateLimited',
      details: { seconds: Math.ceil(counted.msLeft / 1000) },
    });
  const row = await repo.findByNumberAndPassport(ctx.db, {
    number: input.number.toUpperCase(),
    passportNumberHash: keyedHash(ctx.secrets.fieldHashKey, input.passportNumber),
  });
  if (!row) return undefined;
  return {
    applicationNumber: row.application_number,
    registrationNumber: row.registration_number,
    status: row.status,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    name: maskName([row.surname, row.given_names].filter(Boolean).join(' ')),
  };
}
