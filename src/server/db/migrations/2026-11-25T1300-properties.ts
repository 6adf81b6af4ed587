import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('documents')
    .addColumn('owner_host_id', 'bigint', (c) => c.references('hosts.id'))
    .execute();

  // The embedded property registry (the demo's and the tests' stand-in for the state one).
  await db.schema
    .createTable('property_registry')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('locality', 'text', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('house', 'text', (c) => c.notNull())
    .addColumn('building', 'text')
    .addColumn('flat', 'text')
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('area_m2', 'numeric(8, 2)', (c) => c.notNull())
    .addColumn('rooms', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('properties')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('host_id', 'bigint', (c) => c.notNull().references('hosts.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    // The address as the registry gave it when the property was added.
    .addColumn('address', 'jsonb', (c) => c.notNull())
    .addColumn('area_m2', 'numeric(8, 2)', (c) => c.notNull())
    .addColumn('rooms', 'integer', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity between 1 and 500`))
    .addColumn('document_id', 'bigint', (c) => c.notNull().references('documents.id'))
    .addColumn('removed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index properties_host_code_key on properties (host_id, code) where removed_at is null`.execute(
    db,
  );
  await sql`create index properties_code_idx on properties (code) where removed_at is null`.execute(db);

  await db.schema
    .alterTable('registrations')
    .addColumn('property_id', 'bigint', (c) => c.references('properties.id'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('registrations').dropColumn('property_id').execute();
  await db.schema.dropTable('properties').execute();
  await db.schema.dropTable('property_registry').execute();
  await db.schema.alterTable('documents').dropColumn('owner_host_id').execute();
}
