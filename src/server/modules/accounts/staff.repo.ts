import { sql, type Insertable } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type { EntityStaffTable, StaffTokensTable } from '../../db/schema.js';

// A legal entity's staff sign in with accounts of their own: these are accounts' tables
// (entity_staff, staff_tokens), as hosts and operators are. The legal-entities module decides
// who gets one; it reaches them through the accounts services only.

/** Any staff account by login e-mail (any case), disabled or not. */
export function findStaffByEmail(db: DbOrTx, email: string) {
  return db
    .selectFrom('entity_staff')
    .select(['id', 'host_id', 'email', 'password_hash', 'disabled_at', 'locked_until'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

/** An active staff member by login e-mail (any case), for a forgotten password. */
export function findActiveStaffByEmail(db: DbOrTx, email: string) {
  return db
    .selectFrom('entity_staff as s')
    .innerJoin('hosts as h', 'h.id', 's.host_id')
    .select(['s.id', 's.host_id', 's.email', 'h.language'])
    .where(sql`lower(s.email)`, '=', email.toLowerCase())
    .where('s.disabled_at', 'is', null)
    .where('s.password_hash', 'is not', null)
    .executeTakeFirst();
}

/** A staff member's PIN state and where their messages go (their e-mail, the entity's phone). */
export function findStaffPinHolder(db: DbOrTx, staffId: number) {
  return db
    .selectFrom('entity_staff as s')
    .innerJoin('hosts as h', 'h.id', 's.host_id')
    .select(['s.pin_hash', 's.pin_failures', 's.pin_locked_until', 's.email', 'h.phone', 'h.language'])
    .where('s.id', '=', staffId)
    .where('s.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** One of this entity's staff (the entity in the WHERE: another's is none), with the entity's name. */
export function findStaffMember(db: DbOrTx, member: { hostId: number; staffId: number }) {
  return db
    .selectFrom('entity_staff as s')
    .innerJoin('hosts as h', 'h.id', 's.host_id')
    .select([
      's.id',
      's.role',
      's.disabled_at',
      's.email',
      's.full_name',
      's.password_hash',
      'h.surname as entity_name',
      'h.language',
    ])
    .where('s.id', '=', member.staffId)
    .where('s.host_id', '=', member.hostId)
    .executeTakeFirst();
}

export function staffOf(db: DbOrTx, hostId: number) {
  return db
    .selectFrom('entity_staff')
    .select(['id', 'full_name', 'email', 'role', 'password_hash', 'disabled_at'])
    .where('host_id', '=', hostId)
    .orderBy('id')
    .execute();
}

export async function insertStaff(db: DbOrTx, staff: Insertable<EntityStaffTable>): Promise<number> {
  return (await db.insertInto('entity_staff').values(staff).returning('id').executeTakeFirstOrThrow()).id;
}

export async function setStaffPin(db: DbOrTx, staffId: number, pinHash: string): Promise<void> {
  await db.updateTable('entity_staff').set({ pin_hash: pinHash }).where('id', '=', staffId).execute();
}

export async function setStaffPassword(db: DbOrTx, staffId: number, passwordHash: string): Promise<void> {
  await db
    .updateTable('entity_staff')
    .set({
      password_hash: passwordHash,
      activated_at: sql<Date>`coalesce(activated_at, now())`,
      failed_logins: 0,
      locked_until: null,
    })
    .where('id', '=', staffId)
    .execute();
}

/** Disables one of this entity's staff; false when the entity has no such staff member. */
export async function disableStaff(
  db: DbOrTx,
  member: { hostId: number; staffId: number },
): Promise<boolean> {
  const result = await db
    .updateTable('entity_staff')
    .set({ disabled_at: sql<Date>`now()` })
    .where('id', '=', member.staffId)
    .where('host_id', '=', member.hostId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function enableStaff(db: DbOrTx, staffId: number): Promise<void> {
  await db.updateTable('entity_staff').set({ disabled_at: null }).where('id', '=', staffId).execute();
}

export async function insertStaffToken(db: DbOrTx, token: Insertable<StaffTokensTable>): Promise<void> {
  await db.insertInto('staff_tokens').values(token).execute();
}

/** Spends a live token: the staff member it was for, or undefined (unknown, used, expired). */
export async function takeStaffToken(db: DbOrTx, tokenHash: string) {
  const token = await db
    .updateTable('staff_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('staff_id')
    .executeTakeFirst();
  if (!token) return undefined;
  const staff = await db
    .selectFrom('entity_staff')
    .select(['id', 'host_id', 'email'])
    .where('id', '=', token.staff_id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return staff && { staff_id: staff.id, host_id: staff.host_id, email: staff.email };
}
