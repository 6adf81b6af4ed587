import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';

export const devMailboxName = 'dev-mailbox';

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

/**
 * Claims due messages with a lease, in one statement that commits at once: the worker then sends
 * outside any transaction, holding no row locks while an SMTP server or gateway is slow.
 * SKIP LOCKED lets several workers (or processes) claim side by side; a message whose worker died
 * is claimed again when its lease runs out.
 */
export function claimDueMessages(db: DbOrTx, limit: number, leaseMs: number) {
  return db
    .updateTable('outbox')
    .set({ lease_until: sql<Date>`now() + ${leaseMs} * interval '1 millisecond'` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<=', sql<Date>`now()`)]))
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'channel', 'recipient', 'subject', 'body', 'attempts'])
    .execute()
    .then((rows) => rows.sort((a, b) => a.id - b.id));
}

export async function markSent(db: DbOrTx, id: number, transport: string, keepBody: boolean): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      status: 'sent',
      transport,
      sent_at: new Date(),
      lease_until: null,
      attempts: sql`attempts + 1`,
      last_error: null,
      // Delivered messages may carry one-time codes and PINs: keep no copy.
      ...(keepBody ? {} : { body: '[delivered]' }),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
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
      lease_until: null,
      last_error: options.error.slice(0, 500),
      ...(options.retryAt ? { next_attempt_at: options.retryAt } : { status: 'failed' as const }),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** What the dev mailbox shows: only messages the demo "sent", never one that went through a real transport. */
export function listMailbox(db: DbOrTx, limit = 200) {
  return db
    .selectFrom('outbox')
    .select(['id', 'channel', 'recipient', 'subject', 'body', 'status', 'transport', 'created_at'])
    .where('transport', '=', devMailboxName)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
