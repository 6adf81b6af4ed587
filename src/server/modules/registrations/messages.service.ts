import type { HostActor } from '../../actor.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/database.js';
import { notFound } from '../../http/errors.js';
import { decryptField, encryptField } from '../../security/crypto.js';
import { type ServiceClock, todayIso } from '../../../shared/dates.js';
import * as repo from './messages.repo.js';

/** Who wrote a message: the operator who asked, or the host (in person or through its staff). */
export type MessageAuthor = { kind: 'operator'; operatorId: number } | HostActor;

/**
 * Adds a message to an application's thread, in the caller's transaction (the message is part of
 * the change it comes with: a request for documents, or the answer that sends the application
 * back to the queue). Empty text is stored as none: a message may be files alone.
 */
export function addMessage(
  ctx: Pick<AppContext, 'secrets'>,
  db: DbOrTx,
  options: { registrationId: number; author: MessageAuthor; text: string | null },
): Promise<number> {
  const { author } = options;
  return repo.insertMessage(db, {
    registration_id: options.registrationId,
    author: author.kind === 'operator' ? 'operator' : 'host',
    operator_id: author.kind === 'operator' ? author.operatorId : null,
    host_id: author.kind === 'operator' ? null : author.hostId,
    staff_id: author.kind === 'staff' ? author.staffId : null,
    text_enc: options.text ? encryptField(ctx.secrets.fieldEncryptionKey, options.text) : null,
  });
}

/** An answer is overdue once its last day has ended on the service's calendar. */
export const answerOverdue = (clock: ServiceClock, answerDue: string | null, now = new Date()) =>
  answerDue !== null && answerDue < todayIso(now, clock);

/**
 * «Сообщения» of one application, oldest first: to its host (looked up through the host, so
 * another host's id is a 404), or to an operator (`hostId` undefined).
 */
export async function messageThread(ctx: AppContext, id: number, hostId?: number, now = new Date()) {
  const state = await repo.threadState(ctx.db, id, hostId);
  if (!state) throw notFound('errors.registration.notFound');
  const rows = await repo.thread(ctx.db, id);
  const waiting = state.status === 'documents_requested';
  return {
    items: rows.map((row) => ({
      id: row.id,
      author: row.author,
      text: row.text_enc ? decryptField(ctx.secrets.fieldEncryptionKey, row.text_enc) : null,
      createdAt: row.created_at.toISOString(),
      documents: row.documents,
    })),
    answerDue: waiting ? state.answer_due : null,
    overdue: waiting && answerOverdue(ctx.profile.clock, state.answer_due, now),
    canAnswer: waiting,
  };
}
