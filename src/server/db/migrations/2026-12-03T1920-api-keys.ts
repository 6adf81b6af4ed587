import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A legal entity's keys for its property-management system. Only the secret's SHA-256 is kept:
  // the secret is 32 random bytes, so a fast hash is as good as a slow one and costs nothing per call.
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('host_id', 'bigint', (c) => c.notNull().references('hosts.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('live', 'test')`))
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('hint', 'text', (c) => c.notNull())
    .addColumn('scopes', 'jsonb', (c) => c.notNull())
    // null: every place of the entity; else only these.
    .addColumn('place_ids', 'jsonb')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('rotated_to', 'bigint', (c) => c.references('api_keys.id'))
    .addColumn('created_by', 'bigint', (c) => c.references('entity_staff.id'))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('last_used_address', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index api_keys_host_idx on api_keys (host_id, id)`.execute(db);

  // A POST's first answer, replayed to a retry with the same Idempotency-Key; swept after 24 h.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key_id', 'bigint', (c) => c.notNull().references('api_keys.id'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['key_id', 'idempotency_key'])
    .execute();
  await sql`create index idempotency_keys_age_idx on idempotency_keys (created_at)`.execute(db);

  // A batch of guests and its rows, worked through in the background; a row's input is personal
  // data, encrypted like every other copy of it.
  await db.schema
    .createTable('api_batches')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('key_id', 'bigint', (c) => c.notNull().references('api_keys.id'))
    .addColumn('host_id', 'bigint', (c) => c.notNull().references('hosts.id'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('json', 'csv')`))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    // A CSV file's header, so that each row's errors can name their column.
    .addColumn('columns', 'jsonb')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('api_batch_rows')
    .addColumn('batch_id', 'uuid', (c) => c.notNull().references('api_batches.id'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('input_enc', 'text')
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`state in ('pending', 'accepted', 'rejected')`),
    )
    .addColumn('application_number', 'text')
    .addColumn('errors', 'jsonb')
    // A worker's lease on the row: another takes it over once this has passed.
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('processed_at', 'timestamptz')
    .addPrimaryKeyConstraint('api_batch_rows_pk', ['batch_id', 'row_no'])
    .execute();
  await sql`create index api_batch_rows_pending_idx on api_batch_rows (batch_id, row_no) where state = 'pending'`.execute(
    db,
  );

  // The entity's own name for a registration (its booking number), unique per entity.
  await db.schema.alterTable('registrations').addColumn('external_reference', 'text').execute();
  await sql`create unique index registrations_external_reference_key on registrations (host_id, external_reference) where external_reference is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index registrations_external_reference_key`.execute(db);
  await db.schema.alterTable('registrations').dropColumn('external_reference').execute();
  await db.schema.dropTable('api_batch_rows').execute();
  await db.schema.dropTable('api_batches').execute();
  await db.schema.dropTable('idempotency_keys').execute();
  await db.schema.dropTable('api_keys').execute();
}
