import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // What the host has typed so far, saved as they go: it may be incomplete or wrong, so it is kept
  // as the form had it, sealed (it holds passport data), until the PIN turns it into an application.
  await db.schema
    .createTable('registration_drafts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('host_id', 'bigint', (c) => c.notNull().references('hosts.id'))
    .addColumn('data_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index registration_drafts_host_idx on registration_drafts (host_id, updated_at desc)`.execute(
    db,
  );

  // An application as confirmed: nullable only because rows made before this migration lack them.
  await db.schema
    .alterTable('registrations')
    .addColumn('surname', 'text')
    .addColumn('given_names', 'text')
    .addColumn('patronymic', 'text')
    .addColumn('birth_date', 'date')
    .addColumn('sex', 'text')
    .addColumn('passport_type', 'text')
    .addColumn('passport_country', 'text')
    .addColumn('passport_number_enc', 'text')
    .addColumn('passport_issue_date', 'date')
    .addColumn('passport_expiry_date', 'date')
    .addColumn('entry_date', 'date')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('purpose', 'text')
    .addColumn('with_guardian', 'boolean')
    .addColumn('fee_minor', 'integer')
    .addColumn('fee_currency', 'text')
    .addColumn('language', 'text')
    .addColumn('mrz_fields', 'jsonb')
    .addColumn('mrz_changed_fields', 'jsonb')
    .addColumn('flags', 'jsonb')
    .addColumn('updated_at', 'timestamptz')
    .execute();
  await sql`create index registrations_host_idx on registrations (host_id, id desc)`.execute(db);
  await sql`create index registrations_passport_idx on registrations (passport_number_hash)`.execute(db);

  // Application numbers run from 1 each year: 2026-000001, 2026-000002, …
  await db.schema
    .createTable('application_numbers')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('application_numbers').execute();
  await sql`drop index if exists registrations_passport_idx`.execute(db);
  await sql`drop index if exists registrations_host_idx`.execute(db);
  for (const column of [
    'surname',
    'given_names',
    'patronymic',
    'birth_date',
    'sex',
    'passport_type',
    'passport_country',
    'passport_number_enc',
    'passport_issue_date',
    'passport_expiry_date',
    'entry_date',
    'phone',
    'email',
    'purpose',
    'with_guardian',
    'fee_minor',
    'fee_currency',
    'language',
    'mrz_fields',
    'mrz_changed_fields',
    'flags',
    'updated_at',
  ])
    await db.schema.alterTable('registrations').dropColumn(column).execute();
  await db.schema.dropTable('registration_drafts').execute();
}
