import { type Kysely } from 'kysely';

/**
 * A file of the documents checklist is a registration document with its checklist item and its
 * place among that item's parts; the operator may mark one not accepted, with why, who and when.
 * The files a host sends later on request have no item: those columns stay empty for them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('registration_documents')
    .addColumn('type', 'text')
    .addColumn('position', 'integer')
    .addColumn('rejected_reason', 'text')
    .addColumn('rejected_by', 'bigint', (c) => c.references('operators.id'))
    .addColumn('rejected_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('registration_documents')
    .dropColumn('rejected_at')
    .dropColumn('rejected_by')
    .dropColumn('rejected_reason')
    .dropColumn('position')
    .dropColumn('type')
    .execute();
}
