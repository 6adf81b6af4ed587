import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';
import type { SandboxAcquirerPaymentsTable } from '../db/schema.js';

type NewPayment = Omit<SandboxAcquirerPaymentsTable, 'created_at' | 'refunded_minor' | 'card_last4'>;

/** A new payment, or the one already made with this idempotency key. */
export async function insertPayment(db: DbOrTx, payment: NewPayment) {
  await db
    .insertInto('sandbox_acquirer_payments')
    .values(payment)
    .onConflict((c) => c.column('idempotency_key').doNothing())
    .execute();
  return db
    .selectFrom('sandbox_acquirer_payments')
    .selectAll()
    .where('idempotency_key', '=', payment.idempotency_key)
    .executeTakeFirstOrThrow();
}

export const findPayment = (db: DbOrTx, ref: string) =>
  db.selectFrom('sandbox_acquirer_payments').selectAll().where('ref', '=', ref).executeTakeFirst();

/** Settles a payment that is still new and unexpired; false when something else settled it first. */
export async function settlePayment(
  db: DbOrTx,
  ref: string,
  status: 'paid' | 'declined' | 'insufficient_funds',
  cardLast4: string,
): Promise<boolean> {
  const result = await db
    .updateTable('sandbox_acquirer_payments')
    .set({ status, card_last4: cardLast4 })
    .where('ref', '=', ref)
    .where('status', '=', 'new')
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markRefunded(db: DbOrTx, ref: string, amountMinor: number): Promise<boolean> {
  const result = await db
    .updateTable('sandbox_acquirer_payments')
    .set({ status: 'refunded', refunded_minor: amountMinor })
    .where('ref', '=', ref)
    .where('status', '=', 'paid')
    .where('amount_minor', '>=', amountMinor)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function queueCallback(
  db: DbOrTx,
  callback: { ref: string; url: string; body: string; dueAt: Date; dropFirst: number; repeat: boolean },
) {
  await db
    .insertInto('sandbox_acquirer_callbacks')
    .values({
      ref: callback.ref,
      url: callback.url,
      body: callback.body,
      next_attempt_at: callback.dueAt,
      drop_first: callback.dropFirst,
      repeat: callback.repeat,
    })
    .execute();
}

/** Due callbacks, leased so that two processes never deliver the same attempt. */
export function claimDueCallbacks(db: DbOrTx, limit: number, leaseMs: number) {
  return sql<{
    id: number;
    url: string;
    body: string;
    attempts: number;
    drop_first: number;
    repeat: boolean;
  }>`
    update sandbox_acquirer_callbacks set attempts = attempts + 1,
      lease_until = now() + make_interval(secs => ${leaseMs / 1000})
    where id in (
      select id from sandbox_acquirer_callbacks
      where delivered_at is null and next_attempt_at <= now() and (lease_until is null or lease_until < now())
      order by next_attempt_at limit ${limit} for update skip locked)
    returning id::int as id, url, body, attempts, drop_first, repeat`
    .execute(db)
    .then((r) => r.rows);
}

export async function markDelivered(db: DbOrTx, id: number) {
  await db
    .updateTable('sandbox_acquirer_callbacks')
    .set({ delivered_at: new Date(), lease_until: null })
    .where('id', '=', id)
    .execute();
}

/** Acknowledged, but delivered once more shortly, as acquirers sometimes do. */
export async function scheduleRepeat(db: DbOrTx, id: number, at: Date) {
  await db
    .updateTable('sandbox_acquirer_callbacks')
    .set({ repeat: false, next_attempt_at: at, lease_until: null })
    .where('id', '=', id)
    .execute();
}

export async function scheduleRetry(db: DbOrTx, id: number, at: Date | 'never') {
  await db
    .updateTable('sandbox_acquirer_callbacks')
    .set({ next_attempt_at: at === 'never' ? sql<Date>`'infinity'` : at, lease_until: null })
    .where('id', '=', id)
    .execute();
}
