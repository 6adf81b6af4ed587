import type { Db, DbOrTx } from '../../db/database.js';
import type { CodePurpose } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { constantTimeEqual, keyedHash, randomDigits, randomToken } from '../../security/crypto.js';
import { insertCode, invalidateCodes, latestCode, updateCode } from './accounts.repo.js';

export const CODE_MAX_ATTEMPTS = 5;
export const CODE_RESEND_SECONDS = 60;
export const CODE_TTL_MINUTES: Record<CodePurpose, number> = {
  activation: 10,
  phone_change: 10,
  password_reset: 30,
};

export const codeHash = (key: Buffer, hostId: number, purpose: CodePurpose, code: string) =>
  keyedHash(key, `code:${purpose}:${hostId}:${code}`);
export const pinHash = (key: Buffer, hostId: number, pin: string) => keyedHash(key, `pin:${hostId}:${pin}`);
export const staffPinHash = (key: Buffer, staffId: number, pin: string) =>
  keyedHash(key, `staff-pin:${staffId}:${pin}`);
export const handleHash = (key: Buffer, handle: string) => keyedHash(key, `handle:${handle}`);

export interface IssuedCode {
  code: string;
  expiresAt: Date;
  /** For activation: the browser's reference to the code, kept in an HttpOnly cookie. */
  handle?: string;
}

/** A new code replaces any earlier one of the same purpose. */
export async function issueCode(
  db: DbOrTx,
  key: Buffer,
  options: { hostId: number; purpose: CodePurpose; target?: string; withHandle?: boolean },
): Promise<IssuedCode> {
  const code = randomDigits(6);
  const handle = options.withHandle ? randomToken() : undefined;
  const expiresAt = new Date(Date.now() + CODE_TTL_MINUTES[options.purpose] * 60_000);
  await invalidateCodes(db, options.hostId, options.purpose);
  await insertCode(db, {
    hostId: options.hostId,
    purpose: options.purpose,
    codeHash: codeHash(key, options.hostId, options.purpose, code),
    handleHash: handle ? handleHash(key, handle) : null,
    target: options.target ?? null,
    expiresAt,
  });
  return { code, handle, expiresAt };
}

type CodeRow = NonNullable<Awaited<ReturnType<typeof latestCode>>>;

export type CodeCheck = { ok: true; row: CodeRow } | { ok: false; error: AppError };

const codeError = (messageKey: string, details: Record<string, unknown> = {}) =>
  new AppError({ status: 400, code: 'code_rejected', messageKey, fields: { code: messageKey }, details });

/**
 * Checks a typed code against the newest one issued. A wrong try is counted
 * and returned (not thrown) so that the caller's transaction commits the count.
 */
export async function checkCode(
  db: DbOrTx,
  key: Buffer,
  options: { row: CodeRow | undefined; purpose: CodePurpose; code: string },
): Promise<CodeCheck> {
  const { row } = options;
  if (!row || row.used_at) return { ok: false, error: codeError('errors.code.none') };
  if (row.attempts >= CODE_MAX_ATTEMPTS)
    return { ok: false, error: codeError('errors.code.tooManyAttempts') };
  if (row.invalidated_at) return { ok: false, error: codeError('errors.code.replaced') };
  if (row.expires_at <= new Date()) return { ok: false, error: codeError('errors.code.expired') };
  if (!constantTimeEqual(row.code_hash, codeHash(key, row.host_id, options.purpose, options.code))) {
    const attempts = row.attempts + 1;
    await updateCode(db, row.id, {
      attempts,
      ...(attempts >= CODE_MAX_ATTEMPTS ? { invalidated_at: new Date() } : {}),
    });
    const attemptsLeft = CODE_MAX_ATTEMPTS - attempts;
    return {
      ok: false,
      error:
        attemptsLeft === 0
          ? codeError('errors.code.tooManyAttempts')
          : codeError('errors.code.wrong', { attemptsLeft }),
    };
  }
  await updateCode(db, row.id, { used_at: new Date() });
  return { ok: true, row };
}

export function resendAvailableAt(sentAt: Date): Date {
  return new Date(sentAt.getTime() + CODE_RESEND_SECONDS * 1000);
}

/**
 * Checks a typed code against the newest one of its purpose and, when it is right, runs `action`
 * in the same transaction. A wrong try is counted (that transaction commits) and then thrown.
 */
export async function withCheckedCode<T>(
  db: Db,
  key: Buffer,
  options: { hostId: number; purpose: CodePurpose; code: string },
  action: (tx: DbOrTx, target: string | null) => Promise<T>,
): Promise<T> {
  const outcome = await db.transaction().execute(async (tx) => {
    const row = await latestCode(tx, { hostId: options.hostId, purpose: options.purpose });
    const check = await checkCode(tx, key, { row, purpose: options.purpose, code: options.code });
    if (!check.ok) return check;
    return { ok: true as const, value: await action(tx, check.row.target) };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
