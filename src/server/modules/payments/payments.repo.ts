import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type { PaymentCallbacksTable } from '../../db/schema.js';
import type { PaymentStatus } from '../../../shared/schemas/statuses.js';

export async function insertPayment(
  db: DbOrTx,
  payment: {
    registrationId: number;
    acquirer: string;
    orderId: string;
    amountMinor: number;
    currency: string;
    expiresAt: Date;
  },
): Promise<number> {
  const row = await db
    .insertInto('payments')
    .values({
      registration_id: payment.registrationId,
      acquirer: payment.acquirer,
      order_id: payment.orderId,
      amount_minor: payment.amountMinor,
      currency: payment.currency,
      status: 'pending',
      expires_at: payment.expiresAt,
    })
    .returning(sql<number>`id::int`.as('id'))
    .executeTakeFirstOrThrow();
  return row.id;
}

export const countPayments = (db: DbOrTx, registrationId: number) =>
  db
    .selectFrom('payments')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('registration_id', '=', registrationId)
    .executeTakeFirstOrThrow()
    .then((r) => r.n);

/**
 * The attempt still live for an application: pending, not about to expire, and either with
 * somewhere to pay or still being made with the acquirer (younger than `makingMs`; an older one
 * without a page was cut off by a crash and is left to the status job).
 */
export const findLivePayment = (db: DbOrTx, registrationId: number, makingMs: number) =>
  db
    .selectFrom('payments')
    .select([sql<number>`id::int`.as('id'), 'order_id', 'redirect_url'])
    .where('registration_id', '=', registrationId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', sql<Date>`now() + interval '1 minute'`)
    .where((eb) =>
      eb.or([
        eb('redirect_url', 'is not', null),
        eb('created_at', '>', sql<Date>`now() - make_interval(secs => ${makingMs / 1000})`),
      ]),
    )
    .orderBy('id', 'desc')
    .executeTakeFirst();

export const findPaymentPage = (db: DbOrTx, id: number) =>
  db.selectFrom('payments').select(['status', 'redirect_url']).where('id', '=', id).executeTakeFirst();

export async function setAcquirerRef(db: DbOrTx, id: number, paymentRef: string, redirectUrl: string) {
  await db
    .updateTable('payments')
    .set({ payment_ref: paymentRef, redirect_url: redirectUrl, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export const lockByRef = (db: DbOrTx, acquirer: string, paymentRef: string) =>
  db
    .selectFrom('payments')
    .selectAll()
    .where('acquirer', '=', acquirer)
    .where('payment_ref', '=', paymentRef)
    .forUpdate()
    .executeTakeFirst();

export const findById = (db: DbOrTx, id: number) =>
  db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();

/** The attempts of an application whose fee is to go back. */
export const refundsPending = async (db: DbOrTx, registrationId: number): Promise<number[]> =>
  (
    await db
      .selectFrom('payments')
      .select(sql<number>`id::int`.as('id'))
      .where('registration_id', '=', registrationId)
      .where('status', '=', 'refund_pending')
      .execute()
  ).map((row) => row.id);

export const lockById = (db: DbOrTx, id: number) =>
  db.selectFrom('payments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** A host's payment by its order id: the host is in the lookup, so another host's is not found. */
export const findHostPayment = (db: DbOrTx, hostId: number, orderId: string) =>
  db
    .selectFrom('payments')
    .innerJoin('registrations', 'registrations.id', 'payments.registration_id')
    .select([
      sql<number>`payments.id::int`.as('id'),
      'payments.status',
      'payments.order_id',
      'payments.amount_minor',
      'payments.currency',
      'payments.failure_reason',
      sql<number>`registrations.id::int`.as('registration_id'),
      'registrations.application_number',
      'registrations.status as application_status',
    ])
    .where('payments.order_id', '=', orderId)
    .where('registrations.host_id', '=', hostId)
    .executeTakeFirst();

export async function setStatus(
  db: DbOrTx,
  id: number,
  status: PaymentStatus,
  extra: { failureReason?: string; paidAt?: Date } = {},
) {
  await db
    .updateTable('payments')
    .set({
      status,
      updated_at: sql<Date>`now()`,
      ...(extra.failureReason !== undefined ? { failure_reason: extra.failureReason } : {}),
      ...(extra.paidAt ? { paid_at: extra.paidAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** The paid attempt of an application, marked to go back to the payer. */
export async function markRefundPending(db: DbOrTx, registrationId: number): Promise<boolean> {
  const result = await db
    .updateTable('payments')
    .set({ status: 'refund_pending', updated_at: sql<Date>`now()` })
    .where('registration_id', '=', registrationId)
    .where('status', '=', 'paid')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Callbacks are written here before anything is done with them. A genuine one is applied once per
 * (acquirer, payment, event): undefined means one was already applied (a repeated delivery). One
 * refused for its content gives its place up (setCallbackOutcome) in the same transaction.
 */
export async function recordCallback(
  db: DbOrTx,
  callback: Omit<PaymentCallbacksTable, 'id' | 'received_at'>,
): Promise<number | undefined> {
  const query = db.insertInto('payment_callbacks').values(callback);
  const row = await (
    callback.signature_valid
      ? query.onConflict((c) =>
          c
            .columns(['acquirer', 'payment_ref', 'event'])
            .where('signature_valid', '=', true)
            .where('outcome', '=', 'accepted')
            .doNothing(),
        )
      : query
  )
    .returning(sql<number>`id::int`.as('id'))
    .executeTakeFirst();
  return row?.id;
}

export async function setCallbackOutcome(
  db: DbOrTx,
  id: number,
  outcome: 'accepted' | 'rejected',
  reason?: string,
) {
  await db
    .updateTable('payment_callbacks')
    .set({ outcome, reason: reason ?? null })
    .where('id', '=', id)
    .execute();
}

/** What the applied callback of a payment's event said, to tell a repeat from a different message. */
export const appliedCallback = (db: DbOrTx, acquirer: string, paymentRef: string, event: string) =>
  db
    .selectFrom('payment_callbacks')
    .select(['order_id', 'amount_minor', 'currency'])
    .where('acquirer', '=', acquirer)
    .where('payment_ref', '=', paymentRef)
    .where('event', '=', event)
    .where('signature_valid', '=', true)
    .where('outcome', '=', 'accepted')
    .executeTakeFirst();

/**
 * Payments to ask the acquirer about: pending ones that heard nothing for `quietMs` (a callback
 * may be lost), and paid ones waiting for their refund. Each is touched so that the next run
 * (here or in another process) leaves it alone for a while.
 */
export async function claimForCheck(
  db: DbOrTx,
  options: { quietMs: number; limit: number; acquirer: string },
) {
  const result = await sql<{ id: number }>`
    update payments set checked_at = now()
    where id in (
      select id from payments
      where acquirer = ${options.acquirer} and status in ('pending', 'refund_pending')
        and coalesce(checked_at, created_at) < now() - make_interval(secs => ${options.quietMs / 1000})
      order by coalesce(checked_at, created_at) limit ${options.limit} for update skip locked)
    returning id::int as id`.execute(db);
  return result.rows.map((r) => r.id);
}

export async function countRefundAttempt(db: DbOrTx, id: number) {
  await db
    .updateTable('payments')
    .set((eb) => ({ refund_attempts: eb('refund_attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}
