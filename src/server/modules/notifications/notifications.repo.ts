import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';

export interface OutgoingMessage {
  channel: 'email' | 'sms';
  recipient: string;
  subject?: string;
  body: string;
}

export async function insertMessages(db: DbOrTx, messages: OutgoingMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await db
    .insertInto('outbox')
    .values(
      messages.map((m) => ({
        channel: m.channel,
        recipient: m.recipient,
        subject: m.subject ?? null,
        body: m.body,
      })),
    )
    .execute();
}

/** Claims due messages; SKIP LOCKED lets several workers (or processes) share the queue. */
export function claimDueMessages(db: DbOrTx, limit: number) {
  return db
    .selectFrom('outbox')
    .select(['id', 'channel', 'recipient', 'subject', 'body', 'attempts'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', sql<Date>`now()`)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markSent(db: DbOrTx, id: number, transport: string, keepBody: boolean): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      status: 'sent',
      transport,
      sent_at: new Date(),
      attempts: sql`attempts + 1`,
      last_error: null,
      // Delivered messages may carry one-time codes and PINs: keep no copy.
      ...(keepBody ? {} : { body: '[delivered]' }),
    })
    .where('id', '=', id)
    .execute();
}

export async function markFailedAttempt(
  db: DbOrTx,
  id: number,
  options: { error: string; retryAt: Date | null },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      attempts: sql`attempts + 1`,
      last_error: options.error.slice(0, 500),
      ...(options.retryAt ? { next_attempt_at: options.retryAt } : { status: 'failed' as const }),
    })
    .where('id', '=', id)
    .execute();
}

export function listMailbox(db: DbOrTx, limit = 200) {
  return db
    .selectFrom('outbox')
    .select(['id', 'channel', 'recipient', 'subject', 'body', 'status', 'transport', 'created_at'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
