import { sql, type Kysely } from 'kysely';

/**
 * A country's answers beyond the core columns (a receiving party, a visa, a migration card) are
 * kept as one encrypted JSON, with the version of the form they were given on so that they are
 * always read against it. A form with no such answers leaves `answers_enc` null.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table registrations add column answers_enc text, add column form_version integer`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table registrations drop column answers_enc, drop column form_version`.execute(db);
}
