import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The operators' side of an application: when it entered the queue (its deadline counts from
  // there), who holds it and until when, and what was decided.
  await db.schema
    .alterTable('registrations')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('claimed_by', 'bigint', (c) => c.references('operators.id'))
    .addColumn('claim_until', 'timestamptz')
    .addColumn('decided_by', 'bigint', (c) => c.references('operators.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_reason', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await sql`update registrations set submitted_at = coalesce(updated_at, created_at) where status = 'submitted'`.execute(
    db,
  );
  // Files a host sent when an operator asked for documents.
  await db.schema
    .createTable('registration_documents')
    .addColumn('registration_id', 'bigint', (c) => c.notNull().references('registrations.id'))
    .addColumn('document_id', 'bigint', (c) => c.notNull().references('documents.id'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('registration_documents_pk', ['registration_id', 'document_id'])
    .execute();
  await sql`create index registrations_queue_idx on registrations (submitted_at) where status in ('submitted', 'in_review')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists registrations_queue_idx`.execute(db);
  await db.schema.dropTable('registration_documents').execute();
  for (const column of [
    'decision_note',
    'decision_reason',
    'decided_at',
    'decided_by',
    'claim_until',
    'claimed_by',
    'submitted_at',
  ])
    await db.schema.alterTable('registrations').dropColumn(column).execute();
}
