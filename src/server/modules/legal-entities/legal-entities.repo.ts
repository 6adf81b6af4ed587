import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type {
  EntityStaffTable,
  LegalEntitiesTable,
  LegalEntityApplicationsTable,
  LegalEntityApplicationStatus,
  NewHost,
  StaffTokensTable,
} from '../../db/schema.js';
import type { Insertable } from 'kysely';

/** `LE-2026-000001`: a sequence shared by all years (gaps allowed), prefixed with the year. */
export async function insertApplication(
  db: DbOrTx,
  year: number,
  row: Omit<
    LegalEntityApplicationsTable,
    | 'id'
    | 'number'
    | 'created_at'
    | 'claimed_by'
    | 'claim_until'
    | 'decided_by'
    | 'decided_at'
    | 'decision_reason'
    | 'decision_note'
    | 'host_id'
  >,
): Promise<{ id: number; number: string }> {
  return db
    .insertInto('legal_entity_applications')
    .values({
      ...row,
      number: sql<string>`${`LE-${year}-`} || lpad(nextval('legal_entity_application_numbers')::text, 6, '0')`,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
}

export async function insertDocuments(
  db: DbOrTx,
  applicationId: number,
  documents: { documentId: number; field: string }[],
): Promise<void> {
  if (documents.length === 0) return;
  await db
    .insertInto('legal_entity_application_documents')
    .values(
      documents.map((d) => ({ application_id: applicationId, document_id: d.documentId, field: d.field })),
    )
    .execute();
}

export function findByNumber(db: DbOrTx, number: string) {
  return db
    .selectFrom('legal_entity_applications')
    .selectAll()
    .where('number', '=', number)
    .executeTakeFirst();
}

export function findById(db: DbOrTx, id: number, lock = false) {
  const query = db.selectFrom('legal_entity_applications').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export function documentsOf(db: DbOrTx, applicationId: number) {
  return db
    .selectFrom('legal_entity_application_documents')
    .select(['document_id', 'field', 'added_at'])
    .where('application_id', '=', applicationId)
    .orderBy('added_at')
    .orderBy('document_id')
    .execute();
}

/** The operators' queue: waiting or under review, oldest submission first. */
export function queue(db: DbOrTx) {
  return db
    .selectFrom('legal_entity_applications')
    .select(['id', 'number', 'name', 'status', 'submitted_at', 'claimed_by', 'claim_until'])
    .where('status', 'in', ['submitted', 'in_review'])
    .orderBy('submitted_at')
    .limit(200)
    .execute();
}

/** Moves an application only if it is still in `from` (no lost update); false otherwise. */
export async function updateStatus(
  db: DbOrTx,
  id: number,
  from: LegalEntityApplicationStatus,
  to: LegalEntityApplicationStatus,
  changes: Partial<
    Pick<
      LegalEntityApplicationsTable,
      | 'claimed_by'
      | 'claim_until'
      | 'decided_by'
      | 'decided_at'
      | 'decision_reason'
      | 'decision_note'
      | 'submitted_at'
      | 'host_id'
    >
  > = {},
): Promise<boolean> {
  const result = await db
    .updateTable('legal_entity_applications')
    .set({ status: to, ...changes })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// ---------- the cabinet ----------

export async function insertEntityHost(db: DbOrTx, host: NewHost): Promise<number> {
  return (await db.insertInto('hosts').values(host).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertLegalEntity(db: DbOrTx, entity: Insertable<LegalEntitiesTable>): Promise<void> {
  await db.insertInto('legal_entities').values(entity).execute();
}

export async function insertStaff(db: DbOrTx, staff: Insertable<EntityStaffTable>): Promise<number> {
  return (await db.insertInto('entity_staff').values(staff).returning('id').executeTakeFirstOrThrow()).id;
}

export async function setStaffPin(db: DbOrTx, staffId: number, pinHash: string): Promise<void> {
  await db.updateTable('entity_staff').set({ pin_hash: pinHash }).where('id', '=', staffId).execute();
}

export async function staffEmailTaken(db: DbOrTx, email: string): Promise<boolean> {
  const [staff, host, operator] = await Promise.all([
    db
      .selectFrom('entity_staff')
      .select('id')
      .where(sql`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst(),
    db
      .selectFrom('hosts')
      .select('id')
      .where(sql`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst(),
    db
      .selectFrom('operators')
      .select('id')
      .where(sql`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst(),
  ]);
  return Boolean(staff || host || operator);
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
    .select(['id', 'email'])
    .where('id', '=', token.staff_id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return staff && { staff_id: staff.id, email: staff.email };
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

export function findStaff(db: DbOrTx, staffId: number) {
  return db
    .selectFrom('entity_staff as s')
    .innerJoin('hosts as h', 'h.id', 's.host_id')
    .select([
      's.id',
      's.host_id',
      's.role',
      's.disabled_at',
      's.email',
      's.full_name',
      's.password_hash',
      'h.surname as entity_name',
      'h.language',
    ])
    .where('s.id', '=', staffId)
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

export async function disableStaff(db: DbOrTx, staffId: number): Promise<void> {
  await db
    .updateTable('entity_staff')
    .set({ disabled_at: sql<Date>`now()` })
    .where('id', '=', staffId)
    .execute();
}

export function findEntity(db: DbOrTx, hostId: number) {
  return db.selectFrom('legal_entities').selectAll().where('host_id', '=', hostId).executeTakeFirst();
}

/** Opened cabinets for the operators' list, newest first, optionally by a part of the name. */
export function listEntities(db: DbOrTx, nameContains?: string) {
  let query = db
    .selectFrom('legal_entities')
    .select([
      'legal_entities.host_id',
      'legal_entities.name',
      'legal_entities.tax_number_enc',
      'legal_entities.email',
      'legal_entities.created_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('properties')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('properties.host_id', '=', 'legal_entities.host_id')
        .where('properties.removed_at', 'is', null)
        .as('properties'),
    )
    .orderBy('legal_entities.created_at', 'desc')
    .limit(100);
  if (nameContains)
    query = query.where(
      'legal_entities.name',
      'ilike',
      `%${nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    );
  return query.execute();
}

/** An active staff member by login e-mail (any case), for a forgotten password. */
export function findActiveStaffByEmail(db: DbOrTx, email: string) {
  return db
    .selectFrom('entity_staff as s')
    .innerJoin('hosts as h', 'h.id', 's.host_id')
    .select(['s.id', 's.email', 'h.language'])
    .where(sql`lower(s.email)`, '=', email.toLowerCase())
    .where('s.disabled_at', 'is', null)
    .where('s.password_hash', 'is not', null)
    .executeTakeFirst();
}

/** Any staff account by login e-mail (any case), disabled or not: for the demo's own accounts. */
export function findStaffByEmail(db: DbOrTx, email: string) {
  return db
    .selectFrom('entity_staff')
    .select(['id', 'host_id'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function enableStaff(db: DbOrTx, staffId: number): Promise<void> {
  await db.updateTable('entity_staff').set({ disabled_at: null }).where('id', '=', staffId).execute();
}
