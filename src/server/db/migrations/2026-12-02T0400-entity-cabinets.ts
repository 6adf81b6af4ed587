import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

const PERSONAL = [
  'email',
  'password_hash',
  'birth_date',
  'sex',
  'passport_type',
  'passport_country',
  'passport_number_enc',
  'passport_number_hash',
  'passport_issue_date',
  'passport_expiry_date',
  'passport_document_id',
  'photo_document_id',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // A legal entity is a host too: it holds properties and registrations exactly as a person does
  // (one code path). It has no passport and no login of its own: its staff sign in.
  await db.schema
    .alterTable('hosts')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('person')
        .check(sql`kind in ('person', 'legal_entity')`),
    )
    .execute();
  for (const column of PERSONAL)
    await sql`alter table hosts alter column ${sql.ref(column)} drop not null`.execute(db);
  await sql`alter table hosts add constraint hosts_person_complete check (kind = 'legal_entity' or (${sql.join(
    PERSONAL.map((c) => sql`${sql.ref(c)} is not null`),
    sql` and `,
  )}))`.execute(db);

  await db.schema
    .createTable('legal_entities')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('host_id', 'bigint', (c) => c.notNull().unique().references('hosts.id'))
    .addColumn('application_id', 'bigint', (c) =>
      c.notNull().unique().references('legal_entity_applications.id'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tax_number_enc', 'text', (c) => c.notNull())
    .addColumn('tax_number_hash', 'text', (c) => c.notNull())
    .addColumn('legal_address', 'text', (c) => c.notNull())
    .addColumn('actual_address', 'text', (c) => c.notNull())
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('head_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The people who sign in for an entity: its administrator (the trusted person) and the staff
  // the administrator invites; each with a password and a PIN of their own.
  await db.schema
    .createTable('entity_staff')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('host_id', 'bigint', (c) => c.notNull().references('hosts.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'staff')`))
    .addColumn('password_hash', 'text')
    .addColumn('pin_hash', 'text')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('pin_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pin_locked_until', 'timestamptz')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('activated_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index entity_staff_email_key on entity_staff (lower(email))`.execute(db);
  await db.schema
    .createTable('staff_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'bigint', (c) => c.notNull().references('entity_staff.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();

  await db.schema
    .alterTable('sessions')
    .addColumn('staff_id', 'bigint', (c) => c.references('entity_staff.id').onDelete('cascade'))
    .execute();
  // Which staff member made a registration (null: the host in person).
  await db.schema
    .alterTable('registrations')
    .addColumn('staff_id', 'bigint', (c) => c.references('entity_staff.id'))
    .execute();
  await db.schema
    .alterTable('legal_entity_applications')
    .addColumn('host_id', 'bigint', (c) => c.references('hosts.id'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('legal_entity_applications').dropColumn('host_id').execute();
  await db.schema.alterTable('registrations').dropColumn('staff_id').execute();
  await db.schema.alterTable('sessions').dropColumn('staff_id').execute();
  await db.schema.dropTable('staff_tokens').execute();
  await db.schema.dropTable('entity_staff').execute();
  await db.schema.dropTable('legal_entities').execute();
  await sql`alter table hosts drop constraint hosts_person_complete`.execute(db);
  await db.schema.alterTable('hosts').dropColumn('kind').execute();
}
