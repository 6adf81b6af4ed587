import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // «Сообщения»: what an operator asked and what the host answered about one application, in
  // order. The text is the people's own words about a foreigner, so it is encrypted at rest like
  // the rest of their free text; a message may be files alone.
  await db.schema
    .createTable('registration_messages')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('registration_id', 'bigint', (c) => c.notNull().references('registrations.id'))
    .addColumn('author', 'text', (c) => c.notNull().check(sql`author in ('operator', 'host')`))
    .addColumn('operator_id', 'bigint', (c) => c.references('operators.id'))
    .addColumn('host_id', 'bigint', (c) => c.references('hosts.id'))
    .addColumn('staff_id', 'bigint', (c) => c.references('entity_staff.id'))
    .addColumn('text_enc', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'registration_messages_author_ck',
      sql`(author = 'operator' and operator_id is not null) or (author = 'host' and host_id is not null)`,
    )
    .execute();
  await sql`create index registration_messages_thread_idx on registration_messages (registration_id, id)`.execute(
    db,
  );
  // The files a host sent with an answer belong to that message.
  await db.schema
    .alterTable('registration_documents')
    .addColumn('message_id', 'bigint', (c) => c.references('registration_messages.id'))
    .execute();
  // The last day (service calendar) the host may answer a request for documents; after it the
  // operators' queue shows the application as overdue.
  await db.schema.alterTable('registrations').addColumn('answer_due', 'date').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('registrations').dropColumn('answer_due').execute();
  await db.schema.alterTable('registration_documents').dropColumn('message_id').execute();
  await db.schema.dropTable('registration_messages').execute();
}
