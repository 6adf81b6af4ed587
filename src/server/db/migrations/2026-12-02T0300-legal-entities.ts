import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A legal entity's application for a cabinet: what the guide's letter says (encrypted, it names
  // people), its documents, and the operators' side as for registrations.
  await sql`create sequence legal_entity_application_numbers`.execute(db);
  await db.schema
    .createTable('legal_entity_applications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('access_token_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('submitted', 'in_review', 'documents_requested', 'approved', 'rejected')`),
    )
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tax_number_hash', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('data_enc', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('claimed_by', 'bigint', (c) => c.references('operators.id'))
    .addColumn('claim_until', 'timestamptz')
    .addColumn('decided_by', 'bigint', (c) => c.references('operators.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_reason', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index legal_entity_applications_queue_idx on legal_entity_applications (submitted_at) where status in ('submitted', 'in_review')`.execute(
    db,
  );
  await db.schema
    .createTable('legal_entity_application_documents')
    .addColumn('application_id', 'bigint', (c) => c.notNull().references('legal_entity_applications.id'))
    .addColumn('document_id', 'bigint', (c) => c.notNull().references('documents.id'))
    /** Which of the form's uploads: certificate, powerOfAttorney, trustedPassport, propertyDocument.0… */
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('legal_entity_application_documents_pk', ['application_id', 'document_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('legal_entity_application_documents').execute();
  await db.schema.dropTable('legal_entity_applications').execute();
  await sql`drop sequence legal_entity_application_numbers`.execute(db);
}
