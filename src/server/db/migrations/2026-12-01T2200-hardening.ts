import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A claimed message is leased: sent outside any transaction, taken again only when the lease runs out.
  await db.schema.alterTable('outbox').addColumn('lease_until', 'timestamptz').execute();

  // Rate-limit counters every Konok process sees; UNLOGGED: losing them in a crash only resets limits.
  await sql`create unlogged table rate_limits (
    key text primary key,
    hits integer not null,
    reset_at timestamptz not null
  )`.execute(db);
  await sql`create index rate_limits_reset_idx on rate_limits (reset_at)`.execute(db);

  // The confirmation PIN's attempt limit.
  await db.schema
    .alterTable('hosts')
    .addColumn('pin_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pin_locked_until', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('hosts').dropColumn('pin_failures').dropColumn('pin_locked_until').execute();
  await db.schema.dropTable('rate_limits').execute();
  await db.schema.alterTable('outbox').dropColumn('lease_until').execute();
}
