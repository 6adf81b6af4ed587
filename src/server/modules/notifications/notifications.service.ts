import type { DbOrTx } from '../../db/database.js';
import { translate } from '../../http/i18n.js';
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
  | 'submittedForeigner';

export interface Recipient {
  language: Language;
  email?: string;
  /** Digits only, as stored. */
  phone?: string;
}

/**
 * Writes the notification to the outbox in the caller's transaction: it is sent
 * if and only if the change it announces commits.
 */
export async function notify(
  db: DbOrTx,
  to: Recipient,
  template: Template,
  values: Record<string, string> = {},
): Promise<void> {
  const t = (key: string) => translate(to.language, `messages.${template}.${key}`, values);
  const messages: OutgoingMessage[] = [];
  if (to.email)
    messages.push({ channel: 'email', recipient: to.email, subject: t('subject'), body: t('email') });
  if (to.phone) messages.push({ channel: 'sms', recipient: to.phone, body: t('sms') });
  await insertMessages(db, messages);
}
