import type { AppContext } from '../../context.js';
import { appendAudit } from '../../db/audit.js';
import type { DbOrTx } from '../../db/database.js';
import type { CodePurpose } from '../../db/schema.js';
import { consumeToken } from '../../http/captcha.js';
import { AppError, badRequest, fieldErrors, unauthorized } from '../../http/errors.js';
import { captchaTicket, readTicket } from '../../http/signup-ticket.js';
import {
  constantTimeEqual,
  decryptField,
  encryptField,
  keyedHash,
  randomDigits,
} from '../../security/crypto.js';
import type { Language } from '../../../shared/profiles/index.js';
import { maskDocumentNumber } from '../../../shared/masking.js';
import {
  PHOTO_MEDIA_TYPES,
  UPLOAD_MEDIA_TYPES,
  signupDetailsSchema,
  type SignupStart,
} from '../../../shared/schemas/index.js';
import {
  checkUpload,
  setDocumentOwner,
  withStoredFiles,
  type Upload,
} from '../documents/documents.service.js';
import { notify } from '../notifications/notifications.service.js';
import * as repo from './accounts.repo.js';
import { checkCode, handleHash, issueCode, pinHash, resendAvailableAt, staffPinHash } from './codes.js';
import { burnPasswordCheck, hashPassword, isWeakPassword, verifyPassword } from './passwords.js';
import {
  acceptedStep,
  enrolment,
  isRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  type Enrolment,
} from './two-factor.js';

const LOCKOUT_AFTER = 5;

// ---------- helpers ----------

async function issuePin(
  ctx: AppContext,
  db: DbOrTx,
  host: { id: number; email: string; phone: string; language: string },
) {
  const pin = randomDigits(6);
  await repo.updateHost(db, host.id, { pin_hash: pinHash(ctx.secrets.codeKey, host.id, pin) });
  return pin;
}

export const PIN_LOCK_AFTER = 5;

/**
 * Checks the PIN a host types to confirm an action. Five wrong in a row start a cool-down that
 * doubles with each further wrong one; while it lasts the PIN is not even compared.
 * Throws a 400 with the attempts left, or a 429 with the seconds to wait.
 */
/** What the PIN check needs of a host, and where notifications about its confirmation go. */
export interface PinHolder {
  pin_hash: string | null;
  pin_failures: number;
  pin_locked_until: Date | null;
  email: string;
  phone: string;
  language: string;
}

/**
 * The host, once the PIN is right. A caller that has just read the host's PIN state (in the same
 * statement as its own data) passes it in and saves a round trip.
 */
export async function confirmPin(
  ctx: AppContext,
  hostId: number,
  pin: string,
  known?: PinHolder,
  /** A legal entity's staff member confirms with their own PIN. */
  staffId?: number,
) {
  const host = staffId
    ? await repo.findStaffPinHolder(ctx.db, staffId)
    : (known ?? (await repo.findHostById(ctx.db, hostId)));
  if (!host?.pin_hash) throw badRequest({ pin: 'errors.pin.none' });
  const coolDown = (until: Date) =>
    new AppError(
      429,
      'pin_locked',
      'errors.pin.locked',
      { pin: 'errors.pin.locked' },
      {
        seconds: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)),
      },
    );
  if (host.pin_locked_until && host.pin_locked_until > new Date()) throw coolDown(host.pin_locked_until);
  const counter = staffId
    ? { table: 'entity_staff' as const, id: staffId, kind: 'pin' as const }
    : { table: 'hosts' as const, id: hostId, kind: 'pin' as const };
  // Counted before it is compared: parallel guesses cannot outrun the limit.
  const attempt = await repo.claimAttempt(ctx.db, { ...counter, lockAfter: PIN_LOCK_AFTER });
  if (!attempt.claimed) throw coolDown(attempt.lockedUntil ?? new Date());
  const expected = staffId
    ? staffPinHash(ctx.secrets.codeKey, staffId, pin)
    : pinHash(ctx.secrets.codeKey, hostId, pin);
  if (!constantTimeEqual(host.pin_hash, expected)) {
    if (attempt.lockedUntil) throw coolDown(attempt.lockedUntil);
    throw new AppError(
      400,
      'pin_wrong',
      'errors.pin.wrong',
      { pin: 'errors.pin.wrong' },
      {
        attemptsLeft: PIN_LOCK_AFTER - attempt.failures,
      },
    );
  }
  await repo.clearFailures(ctx.db, counter);
  return host;
}

const recipient = (host: { email: string; phone: string; language: string }) => ({
  language: host.language as Language,
  email: host.email,
  phone: host.phone,
});

/** Where a host's notifications go, in `language` (an application's) or the host's own. */
/** Where a host's messages go: a person's own contacts, or a legal entity's (from its application). */
export async function hostRecipient(db: DbOrTx, hostId: number, language?: Language) {
  const host = await repo.findHostContacts(db, hostId);
  if (!host?.email) throw new Error(`host ${hostId} does not exist`);
  return { ...recipient({ ...host, email: host.email }), ...(language ? { language } : {}) };
}

// ---------- signup ----------

/** Step 1: the security check is passed and consent given; the ticket carries both to step 2. */
export async function startSignup(ctx: AppContext, input: SignupStart): Promise<{ ticket: string }> {
  return { ticket: await captchaTicket(ctx, input.captcha, input.subjectType) };
}

export interface SignupSubmission {
  fields: Record<string, unknown>;
  ticket: unknown;
  passport?: Upload;
  photo?: Upload;
  language: Language;
}

export interface PendingActivation {
  handle: string;
  expiresAt: Date;
}

/** Step 2: every check first, then the account, its files, consents, code and messages in one transaction. */
export async function completeSignup(
  ctx: AppContext,
  submission: SignupSubmission,
): Promise<PendingActivation> {
  const errors: Record<string, string> = {};
  const ticket = readTicket(ctx.secrets.challengeKey, submission.ticket);
  if (!ticket) errors.ticket = 'errors.signup.restart';

  const parsed = signupDetailsSchema(ctx.profile).safeParse(submission.fields);
  if (!parsed.success) Object.assign(errors, fieldErrors(parsed.error));
  if (parsed.success && isWeakPassword(parsed.data.password, parsed.data.email))
    errors.password = 'errors.password.common';

  const passport = await checkUpload(submission.passport, UPLOAD_MEDIA_TYPES);
  if ('problem' in passport)
    errors.passportFile =
      passport.problem === 'errors.file.required' ? 'errors.passportFile.required' : passport.problem;
  const photo = await checkUpload(submission.photo, PHOTO_MEDIA_TYPES);
  if ('problem' in photo)
    errors.photo = photo.problem === 'errors.file.type' ? 'errors.photo.type' : photo.problem;

  if (parsed.success && !errors.email && (await repo.emailTaken(ctx.db, parsed.data.email)))
    errors.email = 'errors.email.taken';
  if (
    Object.keys(errors).length > 0 ||
    !parsed.success ||
    !ticket ||
    'problem' in passport ||
    'problem' in photo
  ) {
    throw badRequest(errors);
  }

  const data = parsed.data;
  const { fieldEncryptionKey, fieldHashKey, challengeKey, codeKey } = ctx.secrets;
  const passwordHash = await hashPassword(data.password);

  try {
    return await withStoredFiles(ctx, async (tx, store) => {
      const fresh = await consumeToken(tx, {
        key: challengeKey,
        kind: 'signup-ticket',
        token: ticket.id,
        expiresAt: new Date(ticket.exp),
      });
      if (!fresh) throw badRequest({ ticket: 'errors.signup.restart' });
      const passportDocumentId = await store({
        body: submission.passport!.body,
        mediaType: passport.mediaType,
        kind: 'host-passport',
      });
      const photoDocumentId = await store({
        body: submission.photo!.body,
        mediaType: photo.mediaType,
        kind: 'host-photo',
      });
      const hostId = await repo.insertHost(tx, {
        profile: ctx.profile.code,
        subject_type: ticket.subjectType,
        status: 'pending_activation',
        language: submission.language,
        email: data.email,
        password_hash: passwordHash,
        surname: data.surname,
        given_names: data.givenNames,
        birth_date: data.birthDate,
        sex: data.sex,
        passport_type: data.passportType,
        passport_country: data.passportCountry,
        passport_number_enc: encryptField(fieldEncryptionKey, data.passportNumber),
        passport_number_hash: keyedHash(fieldHashKey, data.passportNumber),
        passport_issue_date: data.passportIssueDate,
        passport_expiry_date: data.passportExpiryDate,
        personal_number_enc: data.personalNumber
          ? encryptField(fieldEncryptionKey, data.personalNumber)
          : null,
        personal_number_hash: data.personalNumber ? keyedHash(fieldHashKey, data.personalNumber) : null,
        phone: data.phone,
        pin_hash: null,
        passport_document_id: passportDocumentId,
        photo_document_id: photoDocumentId,
        locked_until: null,
        activated_at: null,
      });
      // The files were stored before their owner existed: they are the new host's from here on.
      await setDocumentOwner(tx, [passportDocumentId, photoDocumentId], hostId);
      const consentAt = new Date(ticket.consentAt);
      await repo.insertConsents(tx, hostId, [
        { document: 'terms', version: ctx.profile.legal.terms, acceptedAt: consentAt },
        { document: 'privacy', version: ctx.profile.legal.privacy, acceptedAt: consentAt },
      ]);
      const issued = await issueCode(tx, codeKey, { hostId, purpose: 'activation', withHandle: true });
      await notify(
        tx,
        { language: submission.language, email: data.email, phone: data.phone },
        'activation',
        { code: issued.code },
      );
      await appendAudit(tx, {
        actor: `host:${hostId}`,
        action: 'host.signup',
        entity: 'host',
        entityId: hostId,
        after: {
          status: 'pending_activation',
          subjectType: ticket.subjectType,
          mrzFields: data.mrzFields ?? [],
          mrzChangedFields: data.mrzChangedFields ?? [],
        },
      });
      return { handle: issued.handle!, expiresAt: issued.expiresAt };
    });
  } catch (error) {
    // Two signups with one e-mail at the same moment: the unique index decides.
    if (
      (error as { code?: string }).code === '23505' &&
      String((error as { constraint?: string }).constraint).includes('email')
    ) {
      throw badRequest({ email: 'errors.email.taken' });
    }
    throw error;
  }
}

async function activationCode(ctx: AppContext, db: DbOrTx, handle: string | undefined) {
  if (!handle) return undefined;
  return repo.latestCode(db, { handleHash: handleHash(ctx.secrets.codeKey, handle) });
}

export async function getActivation(ctx: AppContext, handle: string | undefined) {
  const row = await activationCode(ctx, ctx.db, handle);
  if (!row) throw new AppError(404, 'no_activation', 'errors.activation.none');
  const host = await repo.findHostById(ctx.db, row.host_id);
  if (!host) throw new AppError(404, 'no_activation', 'errors.activation.none');
  return {
    email: host.email,
    phone: ctx.profile.phone.format(host.phone),
    activated: host.status === 'active',
    expiresAt: row.expires_at.toISOString(),
    resendAvailableAt: resendAvailableAt(row.sent_at).toISOString(),
  };
}

export async function activate(ctx: AppContext, handle: string | undefined, code: string): Promise<void> {
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const row = await activationCode(ctx, tx, handle);
    if (!row)
      return { ok: false as const, error: new AppError(404, 'no_activation', 'errors.activation.none') };
    const check = await checkCode(tx, ctx.secrets.codeKey, { row, purpose: 'activation', code });
    if (!check.ok) return check;
    const host = await repo.findHostById(tx, row.host_id);
    if (!host || host.status !== 'pending_activation')
      return { ok: false as const, error: badRequest({ code: 'errors.activation.done' }) };
    await repo.updateHost(tx, host.id, { status: 'active', activated_at: new Date() });
    const pin = await issuePin(ctx, tx, host);
    await notify(tx, recipient(host), 'pin', { pin });
    await appendAudit(tx, {
      actor: `host:${host.id}`,
      action: 'host.activate',
      entity: 'host',
      entityId: host.id,
      before: { status: 'pending_activation' },
      after: { status: 'active' },
    });
    return { ok: true as const };
  });
  if (!outcome.ok) throw outcome.error;
}

/** A new code to the same e-mail and phone, not sooner than a minute after the last. */
export async function resendActivation(
  ctx: AppContext,
  handle: string | undefined,
): Promise<PendingActivation> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await activationCode(ctx, tx, handle);
    if (!row) throw new AppError(404, 'no_activation', 'errors.activation.none');
    return reissueActivation(ctx, tx, row.host_id, row.sent_at);
  });
}

async function reissueActivation(
  ctx: AppContext,
  tx: DbOrTx,
  hostId: number,
  lastSentAt?: Date,
): Promise<PendingActivation> {
  if (lastSentAt && resendAvailableAt(lastSentAt) > new Date()) {
    const seconds = Math.ceil((resendAvailableAt(lastSentAt).getTime() - Date.now()) / 1000);
    throw new AppError(429, 'resend_too_soon', 'errors.code.resendTooSoon', {}, { seconds });
  }
  const host = await repo.findHostById(tx, hostId);
  if (!host || host.status !== 'pending_activation') throw badRequest({ code: 'errors.activation.done' });
  const issued = await issueCode(tx, ctx.secrets.codeKey, {
    hostId,
    purpose: 'activation',
    withHandle: true,
  });
  await notify(tx, recipient(host), 'activation', { code: issued.code });
  return { handle: issued.handle!, expiresAt: issued.expiresAt };
}

// ---------- login ----------

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
  const found = host || operator ? undefined : await repo.findStaffByEmail(ctx.db, input.email);
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
        actor: `operator:${operator.id}`,
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
      actor: `operator:${operator.id}`,
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

/** A legal entity's staff member who is signed in, and the entity's name. */
export async function getStaffMember(ctx: AppContext, staffId: number) {
  const staff = await repo.findStaffWithEntity(ctx.db, staffId);
  if (!staff || staff.disabled_at) throw unauthorized();
  return { fullName: staff.full_name, entityName: staff.entity_name, role: staff.role, email: staff.email };
}

// ---------- cabinet, tab 1 ----------

export async function getHostProfile(ctx: AppContext, hostId: number) {
  const host = await repo.findHostById(ctx.db, hostId);
  if (!host) throw unauthorized();
  return {
    surname: host.surname,
    givenNames: host.given_names,
    birthDate: host.birth_date,
    sex: host.sex,
    subjectType: host.subject_type,
    passportType: host.passport_type,
    passportNumberMasked: maskDocumentNumber(
      decryptField(ctx.secrets.fieldEncryptionKey, host.passport_number_enc),
    ),
    passportCountry: host.passport_country,
    passportExpiryDate: host.passport_expiry_date,
    phone: ctx.profile.phone.format(host.phone),
    email: host.email,
  };
}

async function activeHost(ctx: AppContext, db: DbOrTx, hostId: number) {
  const host = await repo.findHostById(db, hostId);
  if (!host || host.status !== 'active') throw unauthorized();
  return host;
}

export async function requirePassword(hash: string, password: string, field = 'currentPassword') {
  if (!(await verifyPassword(hash, password))) throw badRequest({ [field]: 'errors.password.currentWrong' });
}

export async function requestPhoneChange(ctx: AppContext, hostId: number, phone: string) {
  return ctx.db.transaction().execute(async (tx) => {
    const host = await activeHost(ctx, tx, hostId);
    if (host.phone === phone) throw badRequest({ phone: 'errors.phone.same' });
    const last = await repo.latestCode(tx, { hostId, purpose: 'phone_change' });
    if (last && !last.used_at && !last.invalidated_at && resendAvailableAt(last.sent_at) > new Date()) {
      const seconds = Math.ceil((resendAvailableAt(last.sent_at).getTime() - Date.now()) / 1000);
      throw new AppError(429, 'resend_too_soon', 'errors.code.resendTooSoon', {}, { seconds });
    }
    const issued = await issueCode(tx, ctx.secrets.codeKey, {
      hostId,
      purpose: 'phone_change',
      target: phone,
    });
    // The code goes to the new number: that proves the host holds it.
    await notify(tx, { language: host.language as Language, phone }, 'phoneChange', { code: issued.code });
    return { expiresAt: issued.expiresAt.toISOString(), phone: ctx.profile.phone.format(phone) };
  });
}

async function withCode<T>(
  ctx: AppContext,
  hostId: number,
  purpose: CodePurpose,
  code: string,
  action: (tx: DbOrTx, target: string | null) => Promise<T>,
): Promise<T> {
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const row = await repo.latestCode(tx, { hostId, purpose });
    const check = await checkCode(tx, ctx.secrets.codeKey, { row, purpose, code });
    if (!check.ok) return check;
    return { ok: true as const, value: await action(tx, check.row.target) };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

export async function confirmPhoneChange(ctx: AppContext, hostId: number, code: string) {
  return withCode(ctx, hostId, 'phone_change', code, async (tx, target) => {
    const host = await activeHost(ctx, tx, hostId);
    await repo.updateHost(tx, hostId, { phone: target! });
    // The old number and the e-mail learn of the change, in case it was not the host.
    await notify(
      tx,
      { language: host.language as Language, email: host.email, phone: host.phone },
      'phoneChanged',
      {
        phone: ctx.profile.phone.format(target!),
      },
    );
    await appendAudit(tx, {
      actor: `host:${hostId}`,
      action: 'host.phone.change',
      entity: 'host',
      entityId: hostId,
      before: { phone: maskDocumentNumber(host.phone) },
      after: { phone: maskDocumentNumber(target!) },
    });
    return { phone: ctx.profile.phone.format(target!) };
  });
}

export async function changePassword(
  ctx: AppContext,
  hostId: number,
  input: { currentPassword: string; newPassword: string },
  currentSessionHash: string | null,
) {
  const host = await activeHost(ctx, ctx.db, hostId);
  await requirePassword(host.password_hash, input.currentPassword);
  if (isWeakPassword(input.newPassword, host.email))
    throw badRequest({ newPassword: 'errors.password.common' });
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateHost(tx, hostId, { password_hash: passwordHash });
    await repo.deleteHostSessions(tx, hostId, currentSessionHash);
    await notify(tx, { language: host.language as Language, email: host.email }, 'passwordChanged');
    await appendAudit(tx, {
      actor: `host:${hostId}`,
      action: 'host.password.change',
      entity: 'host',
      entityId: hostId,
    });
  });
}

export async function recoverPin(ctx: AppContext, hostId: number, currentPassword: string) {
  const host = await activeHost(ctx, ctx.db, hostId);
  await requirePassword(host.password_hash, currentPassword);
  await ctx.db.transaction().execute(async (tx) => {
    const pin = await issuePin(ctx, tx, host);
    await notify(tx, recipient(host), 'pinRecovered', { pin });
    await appendAudit(tx, {
      actor: `host:${hostId}`,
      action: 'host.pin.recover',
      entity: 'host',
      entityId: hostId,
    });
  });
}

// ---------- password recovery ----------

/** Answers the same whether or not the e-mail is known. */
export async function requestPasswordReset(ctx: AppContext, email: string): Promise<void> {
  const host = await repo.findHostByEmail(ctx.db, email);
  if (!host || host.status !== 'active') return;
  await ctx.db.transaction().execute(async (tx) => {
    const last = await repo.latestCode(tx, { hostId: host.id, purpose: 'password_reset' });
    // Quietly skip a resend inside the cooldown: the answer must not differ.
    if (last && !last.used_at && !last.invalidated_at && resendAvailableAt(last.sent_at) > new Date()) return;
    const issued = await issueCode(tx, ctx.secrets.codeKey, { hostId: host.id, purpose: 'password_reset' });
    await notify(tx, { language: host.language as Language, email: host.email }, 'passwordReset', {
      code: issued.code,
    });
  });
}

export async function resetPassword(
  ctx: AppContext,
  input: { email: string; code: string; newPassword: string },
) {
  // Whether the e-mail has an account must not show: the password is judged by what was typed
  // alone, and hashed (the slow part) before the account is even looked up, for everyone.
  if (isWeakPassword(input.newPassword, input.email))
    throw badRequest({ newPassword: 'errors.password.common' });
  const passwordHash = await hashPassword(input.newPassword);
  const host = await repo.findHostByEmail(ctx.db, input.email);
  if (!host || host.status !== 'active') throw badRequest({ code: 'errors.code.wrongReset' });
  try {
    await withCode(ctx, host.id, 'password_reset', input.code, async (tx) => {
      await repo.updateHost(tx, host.id, {
        password_hash: passwordHash,
        failed_logins: 0,
        locked_until: null,
      });
      await repo.deleteHostSessions(tx, host.id);
      await notify(tx, { language: host.language as Language, email: host.email }, 'passwordChanged');
      await appendAudit(tx, {
        actor: `host:${host.id}`,
        action: 'host.password.reset',
        entity: 'host',
        entityId: host.id,
      });
    });
  } catch (error) {
    // Keep 'no such account' and 'wrong code' indistinguishable.
    if (
      error instanceof AppError &&
      error.code === 'code_rejected' &&
      error.messageKey === 'errors.code.none'
    ) {
      throw badRequest({ code: 'errors.code.wrongReset' });
    }
    throw error;
  }
}

export async function getOperator(ctx: AppContext, operatorId: number) {
  const operator = await repo.findOperatorById(ctx.db, operatorId);
  if (!operator) throw unauthorized();
  return { fullName: operator.full_name, email: operator.email, role: operator.role };
}

export async function listRecentHosts(ctx: AppContext, operatorId: number) {
  await getOperator(ctx, operatorId);
  const rows = await repo.listRecentHosts(ctx.db, 50);
  return rows.map((row) => ({
    id: row.id,
    name: `${row.surname} ${row.given_names}`,
    subjectType: row.subject_type,
    status: row.status,
    createdAt: row.created_at.toISOString(),
  }));
}
