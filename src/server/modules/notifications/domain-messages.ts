import type { Contacts, DomainEvent, DomainEvents } from '../../events.js';
import type { Language } from '../../../shared/profiles/index.js';
import { notifyAll, type Notification, type Recipient } from './notifications.service.js';

// Every change of an application or of a legal entity's application is announced by SMS and
// e-mail: the module that makes the change tells what happened (events.ts), and the messages are
// written here, in the change's own transaction — a change that rolls back sends nothing, one that
// commits loses none. Messages that answer a person's own request about their account (activation
// code, PIN, password reset, phone change) are not announcements of a change: the accounts module
// sends those itself.

/** The changes that are announced. */
const ANNOUNCED = [
  'RegistrationSubmitted',
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

/** Subscribes the notifications module to the changes it announces. */
export function notifyOnEvents(events: DomainEvents): void {
  for (const type of ANNOUNCED) events.on(type, (tx, event) => notifyAll(tx, messagesFor(event)));
}

/** Who is told what about a change: in the language of the application it concerns. */
function messagesFor(event: Announced): Notification[] {
  switch (event.type) {
    case 'RegistrationSubmitted':
      return toHostAndForeigner(event, { host: 'submitted', foreigner: 'submittedForeigner' }, {});
    case 'RegistrationApproved':
      return toHostAndForeigner(
        event,
        { host: 'approved', foreigner: 'approvedForeigner' },
        { registrationNumber: event.registrationNumber },
      );
    case 'RegistrationRejected':
      return toHostAndForeigner(
        event,
        { host: 'rejected', foreigner: 'rejectedForeigner' },
        { note: event.note ?? '' },
      );
    case 'RegistrationDocumentsRequested':
      // The foreigner has nothing to send: the host does.
      return toHostAndForeigner(event, { host: 'documentsRequested' }, { note: event.message });
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
