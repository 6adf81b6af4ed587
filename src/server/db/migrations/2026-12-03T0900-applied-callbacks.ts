import { sql, type Kysely } from 'kysely';

/**
 * A genuine callback is kept once per (acquirer, payment, event), but only one that was applied
 * holds that place: a correctly signed callback refused for its content (a wrong amount, another
 * order) must not make the genuine one that follows look like a repeat.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index payment_callbacks_event_idx`.execute(db);
  await sql`create unique index payment_callbacks_applied_idx on payment_callbacks (acquirer, payment_ref, event)
    where signature_valid and outcome = 'accepted'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index payment_callbacks_applied_idx`.execute(db);
  // Refused repeats may now share a place with the applied one: only the earliest of each keeps it.
  await sql`update payment_callbacks c set signature_valid = false
    where signature_valid and exists (select 1 from payment_callbacks o where o.signature_valid
      and o.acquirer = c.acquirer and o.payment_ref = c.payment_ref and o.event = c.event and o.id < c.id)`.execute(
    db,
  );
  await sql`create unique index payment_callbacks_event_idx on payment_callbacks (acquirer, payment_ref, event) where signature_valid`.execute(
    db,
  );
}
