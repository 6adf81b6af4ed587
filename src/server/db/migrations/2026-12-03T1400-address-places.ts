import { sql, type Kysely } from 'kysely';

/**
 * A place of stay the host describes by its address (where the country keeps no registry of
 * dwellings to look a code up in) has no area or room count on record: the host states its
 * capacity instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table properties alter column area_m2 drop not null, alter column rooms drop not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from properties where area_m2 is null or rooms is null`.execute(db);
  await sql`alter table properties alter column area_m2 set not null, alter column rooms set not null`.execute(
    db,
  );
}
