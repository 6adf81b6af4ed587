import type { AppContext } from '../../context.js';
import { appendAudit } from '../../db/audit.js';
import type { DbOrTx } from '../../db/database.js';
import { AppError, badRequest, unauthorized } from '../../http/errors.js';
import type { Principal } from '../../http/security.js';
import { constantTimeEqual, decryptField } from '../../security/crypto.js';
import type { Language } from '../../../shared/profiles/index.js';
import { maskDocumentNumber } from '../../../shared/masking.js';
import { notify } from '../notifications/notifications.service.js';
import * as repo from './accounts.repo.js';
import { issueCode, pinHash, resendAvailableAt, staffPinHash, withCheckedCode } from './codes.js';
import * as staffRepo from './staff.repo.js';

// A host's own data (tab 1), the PIN that confirms a host's actions, where a host's messages go,
// and who is signed in. Signup, login and credentials each have a service of their own.

export const PIN_LOCK_AFTER = 5;

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
 * Checks the PIN a host types to confirm an action. Five wrong in a row start a cool-down that
 * doubles with each further wrong one; while it lasts the PIN is not even compared.
 * Throws a 400 with the attempts left, or a 429 with the seconds to wait.
 *
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
    ? await staffRepo.findStaffPinHolder(ctx.db, staffId)
    : (known ?? (await repo.findHostById(ctx.db, hostId)));
  if (!host?.pin_hash) throw badRequest({ pin: 'errors.pin.none' });
  const coolDown = (until: Date) =>
    new AppError({
      status: 429,
      code: 'pin_locked',
      messageKey: 'errors.pin.locked',
      fields: { pin: 'errors.pin.locked' },
      details: {
        seconds: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)),
      },
    });
  if (host.pin_locked_until && host.pin_locked_until > new Date()) throw coolDown(host.pin_locked_until);
  const counter = staffId
    ? { table: 'entity_staff' as const, id: staffId, kind: 'pin' as const }
    : { table: 'hosts' as const, id: hostId, kind: 'pin' as const };
  const expected = staffId
    ? staffPinHash(ctx.secrets.codeKey, staffId, pin)
    : pinHash(ctx.secrets.codeKey, hostId, pin);
  // Counted before it is compared, and cleared when right, in one transaction: the claim's row lock
  // makes parallel attempts take turns, so guesses cannot outrun the limit and a right PIN is
  // never refused because the holder's other confirmations (a hotel's, a second tab's) are in flight.
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const attempt = await repo.claimAttempt(tx, { ...counter, lockAfter: PIN_LOCK_AFTER });
    const right = attempt.claimed && constantTimeEqual(host.pin_hash!, expected);
    if (right) await repo.clearFailures(tx, counter);
    return { ...attempt, right };
  });
  if (!outcome.claimed) throw coolDown(outcome.lockedUntil ?? new Date());
  if (!outcome.right) {
    if (outcome.lockedUntil) throw coolDown(outcome.lockedUntil);
    throw new AppError({
      status: 400,
      code: 'pin_wrong',
      messageKey: 'errors.pin.wrong',
      fields: { pin: 'errors.pin.wrong' },
      details: {
        attemptsLeft: PIN_LOCK_AFTER - outcome.failures,
      },
    });
  }
  return host;
}

/** A host's contacts as a notification's recipient. */
export const recipient = (host: { email: string; phone: string; language: string }) => ({
  language: host.language as Language,
  email: host.email,
  phone: host.phone,
});

/** Whether a host is a person or a legal entity; undefined when there is no such host. */
export const hostKind = (db: DbOrTx, hostId: number) => repo.findHostKind(db, hostId);

/**
 * Where a host is reached: a person's own contacts, or a legal entity's (from its application).
 */
export async function hostContacts(db: DbOrTx, hostId: number) {
  const host = await repo.findHostContacts(db, hostId);
  if (!host?.email) throw new Error(`host ${hostId} does not exist`);
  return { email: host.email, phone: host.phone };
}

// ---------- tab 1 ----------

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

export async function requestPhoneChange(ctx: AppContext, hostId: number, phone: string) {
  return ctx.db.transaction().execute(async (tx) => {
    const host = await activeHost(ctx, tx, hostId);
    if (host.phone === phone) throw badRequest({ phone: 'errors.phone.same' });
    const last = await repo.latestCode(tx, { hostId, purpose: 'phone_change' });
    if (last && !last.used_at && !last.invalidated_at && resendAvailableAt(last.sent_at) > new Date()) {
      const seconds = Math.ceil((resendAvailableAt(last.sent_at).getTime() - Date.now()) / 1000);
      throw new AppError({
        status: 429,
        code: 'resend_too_soon',
        messageKey: 'errors.code.resendTooSoon',
        details: { seconds },
      });
    }
    const issued = await issueCode(tx, ctx.secrets.codeKey, {
      hostId,
      purpose: 'phone_change',
      target: phone,
    });
    // The code goes to the new number: that proves the host holds it.
    await notify(ctx.translate, tx, { language: host.language as Language, phone }, 'phoneChange', {
      code: issued.code,
    });
    return { expiresAt: issued.expiresAt.toISOString(), phone: ctx.profile.phone.format(phone) };
  });
}

export async function confirmPhoneChange(ctx: AppContext, hostId: number, code: string) {
  const options = { hostId, purpose: 'phone_change' as const, code };
  return withCheckedCode(ctx.db, ctx.secrets.codeKey, options, async (tx, target) => {
    const host = await activeHost(ctx, tx, hostId);
    await repo.updateHost(tx, hostId, { phone: target! });
    // The old number and the e-mail learn of the change, in case it was not the host.
    await notify(
      ctx.translate,
      tx,
      { language: host.language as Language, email: host.email, phone: host.phone },
      'phoneChanged',
      {
        phone: ctx.profile.phone.format(target!),
      },
    );
    await appendAudit(tx, {
      actor: { kind: 'host', hostId },
      action: 'host.phone.change',
      entity: 'host',
      entityId: hostId,
      before: { phone: maskDocumentNumber(host.phone) },
      after: { phone: maskDocumentNumber(target!) },
    });
    return { phone: ctx.profile.phone.format(target!) };
  });
}

// ---------- who is signed in ----------

/** A legal entity's staff member who is signed in, and the entity's name. */
export async function getStaffMember(ctx: AppContext, member: { hostId: number; staffId: number }) {
  const staff = await staffRepo.findStaffMember(ctx.db, member);
  if (!staff || staff.disabled_at) throw unauthorized();
  return { fullName: staff.full_name, entityName: staff.entity_name, role: staff.role, email: staff.email };
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

/** Who is signed in, as the web app's header shows them: an operator, a staff member, a person. */
export async function sessionUser(ctx: AppContext, principal: Principal | null) {
  if (!principal) return null;
  if (principal.kind === 'operator') {
    const operator = await getOperator(ctx, principal.operatorId);
    return { role: 'operator' as const, name: operator.fullName };
  }
  if (principal.staffId) {
    const staff = await getStaffMember(ctx, { hostId: principal.hostId, staffId: principal.staffId });
    return { role: 'host' as const, name: `${staff.fullName} — ${staff.entityName}`, entityRole: staff.role };
  }
  const host = await getHostProfile(ctx, principal.hostId);
  return { role: 'host' as const, name: `${host.surname} ${host.givenNames}` };
}
