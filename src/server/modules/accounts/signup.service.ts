import type { AppContext } from '../../context.js';
import { appendAudit } from '../../db/audit.js';
import type { DbOrTx } from '../../db/database.js';
import { consumeToken } from '../../http/captcha.js';
import { AppError, badRequest, fieldErrors } from '../../http/errors.js';
import { captchaTicket, readTicket } from '../../http/signup-ticket.js';
import { encryptField, keyedHash } from '../../security/crypto.js';
import type { Language } from '../../../shared/profiles/index.js';
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
import { recipient } from './accounts.service.js';
import { checkCode, handleHash, issueCode, resendAvailableAt } from './codes.js';
import { storePin } from './credentials.service.js';
import { hashPassword, isWeakPassword } from './passwords.js';

// A person opens a cabinet: the security check and consent, their data and files, then the
// activation code that proves the e-mail and phone are theirs; the PIN comes with activation.

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
        ctx.translate,
        tx,
        { language: submission.language, email: data.email, phone: data.phone },
        'activation',
        { code: issued.code },
      );
      await appendAudit(tx, {
        actor: { kind: 'host', hostId },
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
  if (!row) throw new AppError({ status: 404, code: 'no_activation', messageKey: 'errors.activation.none' });
  const host = await repo.findHostById(ctx.db, row.host_id);
  if (!host) throw new AppError({ status: 404, code: 'no_activation', messageKey: 'errors.activation.none' });
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
      return {
        ok: false as const,
        error: new AppError({ status: 404, code: 'no_activation', messageKey: 'errors.activation.none' }),
      };
    const check = await checkCode(tx, ctx.secrets.codeKey, { row, purpose: 'activation', code });
    if (!check.ok) return check;
    const host = await repo.findHostById(tx, row.host_id);
    if (!host || host.status !== 'pending_activation')
      return { ok: false as const, error: badRequest({ code: 'errors.activation.done' }) };
    await repo.updateHost(tx, host.id, { status: 'active', activated_at: new Date() });
    const pin = await storePin(ctx, tx, { kind: 'host', id: host.id });
    await notify(ctx.translate, tx, recipient(host), 'pin', { pin });
    await appendAudit(tx, {
      actor: { kind: 'host', hostId: host.id },
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
    if (!row)
      throw new AppError({ status: 404, code: 'no_activation', messageKey: 'errors.activation.none' });
    return reissueActivation(ctx, tx, row.host_id, row.sent_at);
  });
}

/** A new activation code for a host who has not activated yet; a login before activation asks for one. */
export async function reissueActivation(
  ctx: AppContext,
  tx: DbOrTx,
  hostId: number,
  lastSentAt?: Date,
): Promise<PendingActivation> {
  if (lastSentAt && resendAvailableAt(lastSentAt) > new Date()) {
    const seconds = Math.ceil((resendAvailableAt(lastSentAt).getTime() - Date.now()) / 1000);
    throw new AppError({
      status: 429,
      code: 'resend_too_soon',
      messageKey: 'errors.code.resendTooSoon',
      details: { seconds },
    });
  }
  const host = await repo.findHostById(tx, hostId);
  if (!host || host.status !== 'pending_activation') throw badRequest({ code: 'errors.activation.done' });
  const issued = await issueCode(tx, ctx.secrets.codeKey, {
    hostId,
    purpose: 'activation',
    withHandle: true,
  });
  await notify(ctx.translate, tx, recipient(host), 'activation', { code: issued.code });
  return { handle: issued.handle!, expiresAt: issued.expiresAt };
}
