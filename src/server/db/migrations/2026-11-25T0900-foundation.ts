import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('hosts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending_activation', 'active')`))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('surname', 'text', (c) => c.notNull())
    .addColumn('given_names', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'date', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('passport_type', 'text', (c) => c.notNull())
    .addColumn('passport_country', 'text', (c) => c.notNull())
    .addColumn('passport_number_enc', 'text', (c) => c.notNull())
    .addColumn('passport_number_hash', 'text', (c) => c.notNull())
    .addColumn('passport_issue_date', 'date', (c) => c.notNull())
    .addColumn('passport_expiry_date', 'date', (c) => c.notNull())
    .addColumn('personal_number_enc', 'text')
    .addColumn('personal_number_hash', 'text')
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('pin_hash', 'text')
    .addColumn('passport_document_id', 'bigint', (c) => c.notNull().references('documents.id'))
    .addColumn('photo_document_id', 'bigint', (c) => c.notNull().references('documents.id'))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('activated_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index hosts_email_key on hosts (lower(email))`.execute(db);

  await db.schema
    .createTable('consents')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('host_id', 'bigint', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('operators')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('operator', 'supervisor')`))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index operators_email_key on operators (lower(email))`.execute(db);

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('host_id', 'bigint', (c) => c.references('hosts.id').onDelete('cascade'))
    .addColumn('operator_id', 'bigint', (c) => c.references('operators.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('sessions_one_owner', sql`(host_id is null) <> (operator_id is null)`)
    .execute();
  await db.schema.createIndex('sessions_host_idx').on('sessions').column('host_id').execute();

  await db.schema
    .createTable('one_time_codes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('host_id', 'bigint', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose in ('activation', 'phone_change', 'password_reset')`),
    )
    .addColumn('code_hash', 'text', (c) => c.notNull())
    // Identifies the code for a browser that has no session yet (activation).
    .addColumn('handle_hash', 'text')
    .addColumn('target', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('invalidated_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('one_time_codes_host_idx')
    .on('one_time_codes')
    .columns(['host_id', 'purpose'])
    .execute();
  await db.schema
    .createIndex('one_time_codes_handle_idx')
    .on('one_time_codes')
    .column('handle_hash')
    .execute();

  await db.schema
    .createTable('used_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'sms')`))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sent', 'failed')`),
    )
    .addColumn('transport', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index outbox_due_idx on outbox (next_attempt_at) where status = 'pending'`.execute(db);

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The audit log is append-only: nobody edits history.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin raise exception 'audit_log is append-only'; end $$
  `.execute(db);
  await sql`
    create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_append_only()
  `.execute(db);

  // Registrations arrive with the registration work; the public status check
  // already looks them up here, so the table and its lookup keys exist now.
  await db.schema
    .createTable('registrations')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('host_id', 'bigint', (c) => c.notNull().references('hosts.id'))
    .addColumn('application_number', 'text', (c) => c.notNull().unique())
    .addColumn('registration_number', 'text', (c) => c.unique())
    .addColumn('passport_number_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date')
    .addColumn('valid_until', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'registrations',
    'audit_log',
    'outbox',
    'used_tokens',
    'one_time_codes',
    'sessions',
    'operators',
    'consents',
    'hosts',
    'documents',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function if exists audit_log_append_only()`.execute(db);
}
