import { hostActor, type HostActor } from '../../actor.js';
import type { AppContext } from '../../context.js';
import { appendAudit } from '../../db/audit.js';
import type { DbOrTx, Tx } from '../../db/database.js';
import { AppError, badRequest, unauthorized } from '../../http/errors.js';
import { keyedHash, randomDigits, randomToken } from '../../security/crypto.js';
import type { Language } from '../../../shared/profiles/index.js';
import { notify } from '../notifications/notifications.service.js';
import * as repo from './accounts.repo.js';
import { issueCode, pinHash, resendAvailableAt, staffPinHash, withCheckedCode } from './codes.js';
import { hashPassword, isWeakPassword, verifyPassword } from './passwords.js';
import * as staffRepo from './staff.repo.js';

// One flow per credential for both kinds of principal who confirm with a PIN: a person who
// hosts, and a legal entity's staff member (the entity itself has no login). What differs by
// kind is only where the secret is stored and which sessions end.
// Each flow's message (a new PIN, a reset code or link, «your password was changed») answers the
// person's own request and goes straight to the outbox: it is not a domain event (events.ts).

/** Who acts on their own credentials: a host, and which staff member when it is an entity. */
export interface Actor {
  hostId: number;
  staffId?: number;
}

type Kind = 'host' | 'staff';

/** A principal with a password and a PIN: its kind and id, and where its messages go. */
export interface Principal {
  kind: Kind;
  id: number;
}

const STORE = {
  host: {
    setPassword: (db: DbOrTx, id: number, hash: string) => repo.updateHost(db, id, { password_hash: hash }),
    setPin: (db: DbOrTx, id: number, hash: string) => repo.updateHost(db, id, { pin_hash: hash }),
    pinHash,
    endSessions: repo.deleteHostSessions,
  },
  staff: {
    // A staff member's first password also activates the account and lifts a lock.
    setPassword: staffRepo.setStaffPassword,
    setPin: staffRepo.setStaffPin,
    pinHash: staffPinHash,
    endSessions: repo.deleteStaffSessions,
  },
} as const;

/** Audits a principal's action on their own credentials ('password.change'…), in `db`'s transaction. */
const auditCredential = (db: DbOrTx, actor: HostActor, action: string) =>
  appendAudit(db, {
    actor,
    action: `${actor.kind}.${action}`,
    entity: actor.kind,
    entityId: actor.kind === 'staff' ? actor.staffId : actor.hostId,
  });

interface OwnAccount extends Principal {
  email: string;
  passwordHash: string;
  language: Language;
  /** A person's phone also gets a new PIN; a staff member's messages go to their e-mail only. */
  phone?: string;
  /** Who the audit log says acted. */
  actor: HostActor;
}

/** The account signed in, still active and with a password; 401 otherwise. */
async function ownAccount(db: DbOrTx, actor: Actor): Promise<OwnAccount> {
  if (actor.staffId) {
    const staff = await staffRepo.findStaffMember(db, { hostId: actor.hostId, staffId: actor.staffId });
    if (!staff || staff.disabled_at || !staff.password_hash) throw unauthorized();
    return {
      kind: 'staff',
      id: staff.id,
      email: staff.email,
      passwordHash: staff.password_hash,
      language: staff.language as Language,
      actor: { kind: 'staff', hostId: actor.hostId, staffId: staff.id },
    };
  }
  const host = await repo.findHostById(db, actor.hostId);
  if (!host || host.status !== 'active') throw unauthorized();
  return {
    kind: 'host',
    id: host.id,
    email: host.email,
    passwordHash: host.password_hash,
    language: host.language as Language,
    phone: host.phone,
    actor: { kind: 'host', hostId: host.id },
  };
}

export async function requirePassword(hash: string, password: string, field = 'currentPassword') {
  if (!(await verifyPassword(hash, password))) throw badRequest({ [field]: 'errors.password.currentWrong' });
}

/** Stores a new PIN (a random one unless given) as its keyed hash; the caller sends it. */
export async function storePin(
  ctx: Pick<AppContext, 'secrets'>,
  db: DbOrTx,
  principal: Principal,
  pin = randomDigits(6),
): Promise<string> {
  const store = STORE[principal.kind];
  await store.setPin(db, principal.id, store.pinHash(ctx.secrets.codeKey, principal.id, pin));
  return pin;
}

/** The current password, a new one; every other session of theirs ends. */
export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  currentSessionHash: string | null,
) {
  const account = await ownAccount(ctx.db, actor);
  await requirePassword(account.passwordHash, input.currentPassword);
  if (isWeakPassword(input.newPassword, account.email))
    throw badRequest({ newPassword: 'errors.password.common' });
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await STORE[account.kind].setPassword(tx, account.id, passwordHash);
    await STORE[account.kind].endSessions(tx, account.id, currentSessionHash);
    await notify(ctx.translate, tx, { language: account.language, email: account.email }, 'passwordChanged');
    await auditCredential(tx, account.actor, 'password.change');
  });
}

/** A forgotten PIN, after the password again: a new one to their contacts; the old one stops working. */
export async function recoverPin(ctx: AppContext, actor: Actor, currentPassword: string) {
  const account = await ownAccount(ctx.db, actor);
  await requirePassword(account.passwordHash, currentPassword);
  await ctx.db.transaction().execute(async (tx) => {
    const pin = await storePin(ctx, tx, account);
    const { language, email, phone } = account;
    await notify(ctx.translate, tx, { language, email, ...(phone ? { phone } : {}) }, 'pinRecovered', {
      pin,
    });
    await auditCredential(tx, account.actor, 'pin.recover');
  });
}

// ---------- a forgotten password ----------

/** Hours a staff member's first-password link works: they may read the e-mail days later. */
export const SET_PASSWORD_HOURS = 72;
/** Hours a forgotten-password link works: short, it replaces a password. */
export const RESET_LINK_HOURS = 1;

/** The e-mailed page where a staff member sets a password; the token in the fragment never reaches a log. */
export const setPasswordLink = (ctx: AppContext, token: string) =>
  `${ctx.publicUrl()}/legal-entities/set-password#${token}`;

/** A single-use link to set a password, stored as a hash; the caller sends it. */
export async function issuePasswordLink(
  ctx: AppContext,
  tx: Tx,
  staffId: number,
  options: { hours: number; now: Date },
): Promise<string> {
  const token = randomToken(24);
  await staffRepo.insertStaffToken(tx, {
    token_hash: keyedHash(ctx.secrets.codeKey, `staff-token:${token}`),
    staff_id: staffId,
    expires_at: new Date(options.now.getTime() + options.hours * 3600_000),
  });
  return setPasswordLink(ctx, token);
}

/**
 * A forgotten password: a person gets a code, a staff member a link to set a new one, by e-mail.
 * Answers the same whether or not the e-mail is known, and does the same work for both.
 */
export async function requestPasswordReset(ctx: AppContext, email: string, now = new Date()): Promise<void> {
  await requestHostReset(ctx, email);
  await requestStaffReset(ctx, email, now);
}

async function requestHostReset(ctx: AppContext, email: string) {
  const host = await repo.findHostByEmail(ctx.db, email);
  if (!host || host.status !== 'active') return;
  await ctx.db.transaction().execute(async (tx) => {
    const last = await repo.latestCode(tx, { hostId: host.id, purpose: 'password_reset' });
    // Quietly skip a resend inside the cooldown: the answer must not differ.
    if (last && !last.used_at && !last.invalidated_at && resendAvailableAt(last.sent_at) > new Date()) return;
    const issued = await issueCode(tx, ctx.secrets.codeKey, { hostId: host.id, purpose: 'password_reset' });
    await notify(
      ctx.translate,
      tx,
      { language: host.language as Language, email: host.email },
      'passwordReset',
      {
        code: issued.code,
      },
    );
  });
}

async function requestStaffReset(ctx: AppContext, email: string, now: Date) {
  const staff = await staffRepo.findActiveStaffByEmail(ctx.db, email);
  if (!staff) return;
  await ctx.db.transaction().execute(async (tx) => {
    const link = await issuePasswordLink(ctx, tx, staff.id, { hours: RESET_LINK_HOURS, now });
    await notify(
      ctx.translate,
      tx,
      { language: staff.language as Language, email: staff.email },
      'staffPasswordReset',
      {
        link,
        hours: String(RESET_LINK_HOURS),
      },
    );
    await auditCredential(tx, hostActor(staff.host_id, staff.id), 'password.resetRequest');
  });
}

/** A person's new password with the code from the e-mail; every session ends. */
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
  const options = { hostId: host.id, purpose: 'password_reset' as const, code: input.code };
  try {
    await withCheckedCode(ctx.db, ctx.secrets.codeKey, options, async (tx) => {
      await repo.updateHost(tx, host.id, {
        password_hash: passwordHash,
        failed_logins: 0,
        locked_until: null,
      });
      await repo.deleteHostSessions(tx, host.id);
      await notify(
        ctx.translate,
        tx,
        { language: host.language as Language, email: host.email },
        'passwordChanged',
      );
      await auditCredential(tx, hostActor(host.id), 'password.reset');
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

/** A staff member's password through the e-mailed link (their first, or a forgotten one); once. */
export async function setPasswordFromLink(ctx: AppContext, input: { token: string; newPassword: string }) {
  return ctx.db.transaction().execute(async (tx) => {
    const token = await staffRepo.takeStaffToken(
      tx,
      keyedHash(ctx.secrets.codeKey, `staff-token:${input.token}`),
    );
    if (!token) throw badRequest({ token: 'errors.entity.setPasswordLink' });
    // Refused here, the link is not spent (the transaction rolls back).
    if (isWeakPassword(input.newPassword, token.email))
      throw badRequest({ newPassword: 'errors.password.common' });
    await staffRepo.setStaffPassword(tx, token.staff_id, await hashPassword(input.newPassword));
    // A reset through the link: whoever was signed in with the old password is signed out.
    await repo.deleteStaffSessions(tx, token.staff_id);
    await auditCredential(tx, hostActor(token.host_id, token.staff_id), 'password.set');
    return { email: token.email };
  });
}
