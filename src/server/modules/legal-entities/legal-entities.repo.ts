import { sql, type Insertable } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type {
  LegalEntitiesTable,
  LegalEntityApplicationsTable,
  LegalEntityApplicationStatus,
} from '../../db/schema.js';

// This module's tables: the applications, their documents, and the entities they opened. The
// entity's host and its staff's accounts are the accounts module's, reached through its services.

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

export type StatusChanges = Partial<
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
>;

/** Moves an application only if it is still in `from` (no lost update); false otherwise. */
export async function updateStatus(
  db: DbOrTx,
  id: number,
  from: LegalEntityApplicationStatus,
  to: LegalEntityApplicationStatus,
  changes: StatusChanges = {},
): Promise<boolean> {
  const result = await db
    .updateTable('legal_entity_applications')
    .set({ status: to, ...changes })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The operator who holds an application in review takes it again: the claim moves on, the status stays. */
export async function setClaim(db: DbOrTx, id: number, operatorId: number, until: Date): Promise<void> {
  await db
    .updateTable('legal_entity_applications')
    .set({ claimed_by: operatorId, claim_until: until })
    .where('id', '=', id)
    .where('status', '=', 'in_review')
    .execute();
}

// ---------- the cabinet ----------

export async function insertLegalEntity(db: DbOrTx, entity: Insertable<LegalEntitiesTable>): Promise<void> {
  await db.insertInto('legal_entities').values(entity).execute();
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
