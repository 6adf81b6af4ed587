import type { AppContext } from '../../context.js';
import type { Contacts, DomainEvent, DomainEvents } from '../../events.js';
import type { Translate } from '../../http/i18n.js';
import { formatDate } from '../../../shared/dates.js';
import type { Language } from '../../../shared/profiles/index.js';
import { notifyAll, type Notification, type Recipient } from './notifications.service.js';

// Every change of an application or of a legal entity's application is announced by SMS and
// e-mail: the module that makes the change tells what happened (events.ts), and the messages are
// written here, in the change's own transaction — a change that rolls back sends nothing, one that
// commits loses none. Messages that answer a person's own request about their account (activation
// code, PIN, password reset, phone change) are not announcements of a change: the accounts module
// sends those itself. Every message is worded in the deployment's texts: the profile's words for
// its statuses, its reasons and its documents, never another country's.

/** The changes that are announced. */
const ANNOUNCED = [
  'RegistrationSubmitted',
  'RegistrationInReview',
  'RegistrationResubmitted',
  'RegistrationCancelled',
  'RegistrationApproved',
  'RegistrationRejected',
  'RegistrationDocumentsRequested',
  'EntityApplicationSubmitted',
  'EntityApplicationApproved',
  'EntityApplicationRejected',
  'EntityDocumentsRequested',
  'StaffInvited',
] as const satisfies readonly DomainEvent['type'][];

type Announced = Extract<DomainEvent, { type: (typeof ANNOUNCED)[number] }>;

/** What the messages are worded with: the deployment's texts, and where its cabinet is. */
export type MessageContext = Pick<AppContext, 'translate' | 'publicUrl'>;

/** Subscribes the notifications module to the changes it announces. */
export function notifyOnEvents(events: DomainEvents, ctx: MessageContext): void {
  for (const type of ANNOUNCED)
    events.on(type, (tx, event) => notifyAll(tx, messagesFor(ctx, event), ctx.translate));
}

/**
 * Who is told what about a change: in the language of the application it concerns, with its
 * dates written as that language writes them and its reason in the profile's words.
 */
export function messagesFor(ctx: MessageContext, event: Announced): Notification[] {
  switch (event.type) {
    case 'RegistrationSubmitted':
      return toHostAndForeigner(event, { host: 'submitted', foreigner: 'submittedForeigner' }, {});
    case 'RegistrationInReview':
      return toHostAndForeigner(event, { host: 'inReview' }, {});
    case 'RegistrationResubmitted':
      return toHostAndForeigner(event, { host: 'resubmitted' }, {});
    case 'RegistrationCancelled':
      return toHostAndForeigner(event, { host: 'cancelled', foreigner: 'cancelledForeigner' }, {});
    case 'RegistrationApproved':
      return toHostAndForeigner(
        event,
        { host: 'approved', foreigner: 'approvedForeigner' },
        {
          registrationNumber: event.registrationNumber,
          date: formatDate(event.approvedOn, event.language),
          link: cabinetLink(ctx, event.applicationNumber),
        },
      );
    case 'RegistrationRejected':
      return toHostAndForeigner(
        event,
        { host: 'rejected', foreigner: 'rejectedForeigner' },
        {
          reason: reasonIn(ctx.translate, event.language, event.reason),
          note: event.note ?? '',
        },
      );
    case 'RegistrationDocumentsRequested':
      // The foreigner has nothing to send: the host does.
      return toHostAndForeigner(
        event,
        { host: 'documentsRequested' },
        { note: event.message, date: formatDate(event.answerDue, event.language) },
      );
    case 'EntityApplicationSubmitted':
      return toApplicant(event, 'entityApplied', { name: event.name, link: event.privateLink });
    case 'EntityApplicationApproved':
      return toApplicant(event, 'entityApproved', { name: event.name, ...credentials(event.administrator) });
    case 'EntityApplicationRejected':
      return toApplicant(event, 'entityRejected', { note: event.note ?? '' });
    case 'EntityDocumentsRequested':
      return toApplicant(event, 'entityDocumentsRequested', { note: event.message });
    case 'StaffInvited':
      return [
        {
          to: { language: event.language, email: event.invited.email },
          template: 'staffInvited',
          values: { name: event.entityName, ...credentials(event.invited) },
        },
      ];
  }
}

type RegistrationEvent = Extract<Announced, { registrationId: number }>;

/** To the host, and to the foreigner when a template is theirs and the host gave their contacts. */
function toHostAndForeigner(
  event: RegistrationEvent,
  templates: { host: Notification['template']; foreigner?: Notification['template'] },
  values: Record<string, string>,
): Notification[] {
  const all = { number: event.applicationNumber, ...values };
  const messages: Notification[] = [
    { to: recipient(event.language, event.hostContacts), template: templates.host, values: all },
  ];
  if (templates.foreigner)
    messages.push({
      to: foreignerRecipient(event.language, event.foreignerContacts),
      template: templates.foreigner,
      values: all,
    });
  return messages;
}

type EntityApplicationEvent = Extract<Announced, { entityApplicationId: number }>;

/** To the applicant for a legal entity's cabinet, at the application's e-mail and phone. */
const toApplicant = (
  event: EntityApplicationEvent,
  template: Notification['template'],
  values: Record<string, string>,
): Notification[] => [
  { to: recipient(event.language, event.contacts), template, values: { number: event.number, ...values } },
];

/**
 * The host's archive opened on the application, where its confirmation is downloaded: it works
 * once the host has signed in, and carries nothing secret (the application number only).
 */
function cabinetLink(ctx: MessageContext, applicationNumber: string): string {
  const path = `/cabinet/archive?query=${encodeURIComponent(applicationNumber)}`;
  // A Konok reached only in-process (a test's inject) has neither PUBLIC_URL nor an address: its
  // message names the path. Production refuses to start without PUBLIC_URL.
  let base = '';
  try {
    base = ctx.publicUrl();
  } catch {
    base = '';
  }
  return base + path;
}

const reasonIn = (translate: Translate, language: Language, reason: string) =>
  translate(language, `operator.queue.reasons.${reason}`);

const credentials = (account: { setPasswordLink: string; pin: string; hours: number }) => ({
  link: account.setPasswordLink,
  pin: account.pin,
  hours: String(account.hours),
});

const recipient = (language: Language, contacts: Contacts): Recipient => ({
  language,
  email: contacts.email ?? undefined,
  phone: contacts.phone ?? undefined,
});

/** The foreigner's phone as the host typed it, as the SMS gateway takes it: digits only. */
const foreignerRecipient = (language: Language, contacts: Contacts): Recipient =>
  recipient(language, { email: contacts.email, phone: contacts.phone?.replace(/\D/g, '') || null });
