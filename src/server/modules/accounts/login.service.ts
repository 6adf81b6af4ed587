import type { AppContext } from '../../context.js';
import { appendAudit } from '../../db/audit.js';
import { badRequest, unauthorized } from '../../http/errors.js';
import { decryptField, encryptField } from '../../security/crypto.js';
import * as repo from './accounts.repo.js';
import { burnPasswordCheck, verifyPassword } from './passwords.js';
import { reissueActivation, type PendingActivation } from './signup.service.js';
import * as staffRepo from './staff.repo.js';
import {
  acceptedStep,
  enrolment,
  isRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  type Enrolment,
} from './two-factor.js';

// Signing in, for every kind of principal: a person, an operator (with a second factor), a legal
// entity's staff member. One answer for every failure, and a lock after too many.

const LOCKOUT_AFTER = 5;

export type LoginResult =
  | { kind: 'host'; hostId: number; staffId?: number }
  | { kind: 'operator'; operatorId: number; recoveryCodes?: string[] }
  | { kind: 'activation_required'; activation: PendingActivation }
  | { kind: 'one_time_code_required' }
  | { kind: 'enrolment_required'; enrolment: Enrolment };

const loginFailed = () => unauthorized('errors.login.failed');

export async function login(
  ctx: AppContext,
  input: { email: string; password: string; oneTimeCode?: string },
): Promise<LoginResult> {
  const host = await repo.findHostByEmail(ctx.db, input.email);
  const operator = host ? undefined : await repo.findOperatorByEmail(ctx.db, input.email);
  // A legal entity's staff member: only once they have set a password, and while not disabled.
  const found = host || operator ? undefined : await staffRepo.findStaffByEmail(ctx.db, input.email);
  const staff =
    found?.password_hash && !found.disabled_at ? { ...found, password_hash: found.password_hash } : undefined;
  const account = host ?? operator ?? staff;
  if (!account) {
    await burnPasswordCheck(input.password);
    throw loginFailed();
  }
  const counter = {
    table: host ? ('hosts' as const) : operator ? ('operators' as const) : ('entity_staff' as const),
    id: account.id,
    kind: 'login' as const,
  };
  // Each try is counted before the password is compared, so parallel guesses cannot outrun the
  // limit. While locked, the password is not even checked; the answer is the same as for a wrong one.
  const locked = account.locked_until && account.locked_until > new Date();
  if (locked || !(await repo.claimAttempt(ctx.db, { ...counter, lockAfter: LOCKOUT_AFTER })).claimed) {
    await burnPasswordCheck(input.password);
    throw loginFailed();
  }
  // A wrong password or one-time code keeps the attempt counted; a right one clears it.
  if (!(await verifyPassword(account.password_hash, input.password))) throw loginFailed();
  if (operator) {
    const second = await operatorSecondFactor(ctx, operator, input.oneTimeCode);
    if (second === 'wrong') throw badRequest({ oneTimeCode: 'errors.oneTimeCode.wrong' });
    await repo.clearFailures(ctx.db, counter);
    return second;
  }
  await repo.clearFailures(ctx.db, counter);
  if (staff) return { kind: 'host', hostId: staff.host_id, staffId: staff.id };
  if (host!.status === 'pending_activation') {
    const activation = await ctx.db.transaction().execute((tx) => reissueActivation(ctx, tx, host!.id));
    return { kind: 'activation_required', activation };
  }
  return { kind: 'host', hostId: host!.id };
}

type OperatorRow = NonNullable<Awaited<ReturnType<typeof repo.findOperatorByEmail>>>;

/**
 * The second factor, once the password was right. An operator with no authenticator yet gets a
 * secret to scan (the same one until a code from it arrives); the first good code enrols it and
 * returns the recovery codes, once.
 */
async function operatorSecondFactor(
  ctx: AppContext,
  operator: OperatorRow,
  code: string | undefined,
): Promise<LoginResult | 'wrong'> {
  const key = ctx.secrets.fieldEncryptionKey;
  if (!operator.totp_secret_enc) {
    let pendingEnc = operator.totp_pending_secret_enc;
    if (!pendingEnc) {
      pendingEnc = encryptField(key, newTotpSecret());
      await repo.setPendingTotpSecret(ctx.db, operator.id, pendingEnc);
    }
    const pending = decryptField(key, pendingEnc);
    if (!code) return { kind: 'enrolment_required', enrolment: await enrolment(pending, operator.email) };
    const step = acceptedStep(pending, code, null);
    if (step === null) return 'wrong';
    const recoveryCodes = newRecoveryCodes();
    await ctx.db.transaction().execute(async (tx) => {
      await repo.acceptTotpStep(tx, operator.id, step, {
        secretEnc: pendingEnc,
        recoveryCodeHashes: recoveryCodes.map((c) => recoveryCodeHash(ctx.secrets.codeKey, operator.id, c)),
      });
      await appendAudit(tx, {
        actor: { kind: 'operator', operatorId: operator.id },
        action: 'operator.totp.enrolled',
        entity: 'operator',
        entityId: operator.id,
      });
    });
    return { kind: 'operator', operatorId: operator.id, recoveryCodes };
  }
  if (!code) return { kind: 'one_time_code_required' };
  if (isRecoveryCode(code) && !/^\d{6}$/.test(code)) {
    const used = await repo.useRecoveryCode(
      ctx.db,
      operator.id,
      recoveryCodeHash(ctx.secrets.codeKey, operator.id, code),
    );
    if (!used) return 'wrong';
    await appendAudit(ctx.db, {
      actor: { kind: 'operator', operatorId: operator.id },
      action: 'operator.recovery_code.used',
      entity: 'operator',
      entityId: operator.id,
    });
    return { kind: 'operator', operatorId: operator.id };
  }
  const step = acceptedStep(decryptField(key, operator.totp_secret_enc), code, operator.totp_last_step);
  if (step === null || !(await repo.acceptTotpStep(ctx.db, operator.id, step))) return 'wrong';
  return { kind: 'operator', operatorId: operator.id };
}
