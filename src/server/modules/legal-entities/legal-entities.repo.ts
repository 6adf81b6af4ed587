import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type { LegalEntityApplicationsTable, LegalEntityApplicationStatus } from '../../db/schema.js';

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
