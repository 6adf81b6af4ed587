import type { DbOrTx } from '../../db/database.js';
import type { Translate } from '../../http/i18n.js';
import type { Language } from '../../../shared/profiles/index.js';
import { insertMessages, type OutgoingMessage } from './notifications.repo.js';

export type Template =
  | 'activation'
  | 'pin'
  | 'phoneChange'
  | 'phoneChanged'
  | 'passwordChanged'
  | 'passwordReset'
  | 'pinRecovered'
  | 'submitted'
  | 'submittedForeigner'
  | 'approved'
  | 'approvedForeigner'
  | 'rejected'
  | 'rejectedForeigner'
  | 'documentsRequested'
  | 'inReview'
  | 'resubmitted'
  | 'cancelled'
  | 'cancelledForeigner'
  | 'entityApplied'
  | 'entityApproved'
  | 'staffInvited'
  | 'staffPasswordReset'
  | 'entityRejected'
  | 'entityDocumentsRequested';

export interface Recipient {
  language: Language;
  email?: string;
  /** Digits only, as stored. */
  phone?: string;
}

export interface Notification {
  to: Recipient;
  template: Template;
  values?: Record<string, string>;
}

/**
 * Writes the notifications to the outbox in the caller's transaction (one statement for all):
 * they are sent if and only if the change they announce commits. They are worded with
 * `translate`: the deployment's texts (its profile's words over the neutral dictionaries).
 *
 * Changes of applications reach here as domain events (domain-messages.ts). The accounts module
 * calls this directly for what answers a person's own request about their account — an
 * activation code, a PIN, a reset code or link, «your password (phone) was changed»: the message
 * is the answer itself, not news that another module or a hotel's system would act on.
 */
export async function notifyAll(
  db: DbOrTx,
  notifications: Notification[],
  translate: Translate,
): Promise<void> {
  const messages: OutgoingMessage[] = [];
  for (const { to, template, values = {} } of notifications) {
    const t = (key: string) => translate(to.language, `messages.${template}.${key}`, values);
    if (to.email)
      messages.push({ channel: 'email', recipient: to.email, subject: t('subject'), body: t('email') });
    if (to.phone) messages.push({ channel: 'sms', recipient: to.phone, body: t('sms') });
  }
  await insertMessages(db, messages);
}

/** One notification, in the deployment's words (`ctx.translate`): an account's messages are the profile's too. */
export const notify = (
  translate: Translate,
  db: DbOrTx,
  to: Recipient,
  template: Template,
  values: Record<string, string> = {},
) => notifyAll(db, [{ to, template, values }], translate);
