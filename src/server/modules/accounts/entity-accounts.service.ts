import type { AppContext } from '../../context.js';
import type { DbOrTx, Tx } from '../../db/database.js';
import type { Language } from '../../../shared/profiles/index.js';
import * as repo from './accounts.repo.js';
import { issuePasswordLink, SET_PASSWORD_HOURS, storePin } from './credentials.service.js';
import * as staffRepo from './staff.repo.js';

// A legal entity's accounts, which the legal-entities module asks for: the host it registers
// foreigners as (no login of its own) and the staff who sign in for it. Who may have one is the
// legal-entities module's rule; how an account is kept is this module's.

/** Whether any account signs in with this e-mail already: a person's, an operator's, a staff member's. */
export const loginEmailTaken = (db: DbOrTx, email: string) => repo.loginEmailTaken(db, email);

/** The host a legal entity registers foreigners as: active at once, no login of its own. */
export async function openEntityHost(
  ctx: AppContext,
  tx: Tx,
  entity: { name: string; phone: string; language: Language | string; now: Date },
): Promise<number> {
  return repo.insertHost(tx, {
    profile: ctx.profile.code,
    kind: 'legal_entity',
    subject_type: 'legal_entity',
    status: 'active',
    language: entity.language,
    surname: entity.name,
    given_names: '',
    phone: entity.phone,
    activated_at: entity.now,
  });
}

/**
 * A staff member's account, with their own PIN and a single-use link to set their password,
 * stored as hashes; the caller sends both (never a password in a message).
 */
export async function openStaffAccount(
  ctx: AppContext,
  tx: Tx,
  staff: { hostId: number; email: string; fullName: string; role: 'admin' | 'staff' },
  now: Date,
) {
  const staffId = await staffRepo.insertStaff(tx, {
    host_id: staff.hostId,
    email: staff.email,
    full_name: staff.fullName,
    role: staff.role,
  });
  const pin = await storePin(ctx, tx, { kind: 'staff', id: staffId });
  const link = await issuePasswordLink(ctx, tx, staffId, { hours: SET_PASSWORD_HOURS, now });
  return { staffId, pin, link, hours: SET_PASSWORD_HOURS };
}

/** One of this entity's staff (another entity's is none), with the entity's name and language. */
export async function findStaffMember(db: DbOrTx, member: { hostId: number; staffId: number }) {
  const row = await staffRepo.findStaffMember(db, member);
  return (
    row && {
      id: row.id,
      role: row.role,
      disabled: row.disabled_at !== null,
      email: row.email,
      fullName: row.full_name,
      entityName: row.entity_name,
    }
  );
}

/** The entity's staff accounts: invited (no password yet), active or disabled. */
export async function listStaffAccounts(db: DbOrTx, hostId: number) {
  const rows = await staffRepo.staffOf(db, hostId);
  return rows.map((row) => ({
    id: row.id,
    fullName: row.full_name,
    email: row.email,
    role: row.role,
    status: row.disabled_at
      ? ('disabled' as const)
      : row.password_hash
        ? ('active' as const)
        : ('invited' as const),
  }));
}

/**
 * Disables one of this entity's staff: they can no longer sign in, and their sessions end.
 * False when the entity has no such staff member.
 */
export async function disableStaffAccount(tx: Tx, member: { hostId: number; staffId: number }) {
  if (!(await staffRepo.disableStaff(tx, member))) return false;
  await repo.deleteStaffSessions(tx, member.staffId);
  return true;
}
