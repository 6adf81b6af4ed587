import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Operators sign in with a password and a TOTP code. The secret waits as «pending» until the
  // operator proves the app has it; the last accepted time step stops a code being used twice.
  await db.schema
    .alterTable('operators')
    .addColumn('totp_secret_enc', 'text')
    .addColumn('totp_pending_secret_enc', 'text')
    .addColumn('totp_enrolled_at', 'timestamptz')
    .addColumn('totp_last_step', 'bigint')
    .execute();
  await db.schema
    .createTable('operator_recovery_codes')
    .addColumn('operator_id', 'bigint', (c) => c.notNull().references('operators.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addPrimaryKeyConstraint('operator_recovery_codes_pk', ['operator_id', 'code_hash'])
    .execute();
  // The revocation list: cards whose registration ended before its time.
  await db.schema.alterTable('registrations').addColumn('revoked_at', 'timestamptz').execute();
  await sql`create index registrations_revoked_idx on registrations (revoked_at) where revoked_at is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('registrations').dropColumn('revoked_at').execute();
  await db.schema.dropTable('operator_recovery_codes').execute();
  await db.schema
    .alterTable('operators')
    .dropColumn('totp_secret_enc')
    .dropColumn('totp_pending_secret_enc')
    .dropColumn('totp_enrolled_at')
    .dropColumn('totp_last_step')
    .execute();
}
