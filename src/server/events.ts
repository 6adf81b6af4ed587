import type { Db, Tx } from './db/database.js';
import type { Language } from '../shared/profiles/index.js';

/**
 * What happened, told inside the transaction that made it happen, to the modules that care: the
 * module that moves a registration does not need to know who else acts on the move (payments
 * refunds a cancelled application's fee; notifications tells the host and the foreigner;
 * webhooks, later, tell a hotel's system). An event carries ids and facts, never text made for
 * one of its listeners: each listener words what it does itself.
 */
export type DomainEvent =
  | RegistrationCancelled
  | RegistrationSubmitted
  | RegistrationApproved
  | RegistrationRejected
  | RegistrationDocumentsRequested
  | RegistrationInReview
  | RegistrationResubmitted
  | EntityApplicationSubmitted
  | EntityApplicationApproved
  | EntityApplicationRejected
  | EntityDocumentsRequested
  | StaffInvited;

/** How someone is reached, as Konok holds it; either may be missing. */
export interface Contacts {
  email: string | null;
  phone: string | null;
}

/** What every event about a foreigner's registration (an application) says. */
interface RegistrationFacts {
  registrationId: number;
  applicationNumber: string;
  hostId: number;
  /** The application's language: what is said about it is said in it. */
  language: Language;
  /** Where the host is reached: a person's own contacts, or a legal entity's. */
  hostContacts: Contacts;
  /** The foreigner's, as the host gave them. */
  foreignerContacts: Contacts;
}

/** The host cancelled the application, or ended a valid registration early (the card is revoked). */
export interface RegistrationCancelled extends RegistrationFacts {
  type: 'RegistrationCancelled';
  /** The fee was paid before the cancellation: it goes back. */
  feePaid: boolean;
}

/** An operator took the application from the queue and is checking it. */
export interface RegistrationInReview extends RegistrationFacts {
  type: 'RegistrationInReview';
}

/** The host answered a request for documents: the application is back in the queue. */
export interface RegistrationResubmitted extends RegistrationFacts {
  type: 'RegistrationResubmitted';
}

/** The fee is settled (or none is due): the application is in the operators' queue. */
export interface RegistrationSubmitted extends RegistrationFacts {
  type: 'RegistrationSubmitted';
}

/** An operator approved the application: the registration is valid under its number. */
export interface RegistrationApproved extends RegistrationFacts {
  type: 'RegistrationApproved';
  registrationNumber: string;
  /** The day of the approval ('YYYY-MM-DD', service calendar). */
  approvedOn: string;
}

export interface RegistrationRejected extends RegistrationFacts {
  type: 'RegistrationRejected';
  /** A reason from the profile's list. */
  reason: string;
  /** The operator's own words, if any. */
  note: string | null;
}

/** An operator asked the host for documents; the application waits for them. */
export interface RegistrationDocumentsRequested extends RegistrationFacts {
  type: 'RegistrationDocumentsRequested';
  /** Which documents, in the operator's words. */
  message: string;
  /** The last day to answer ('YYYY-MM-DD', service calendar). */
  answerDue: string;
}

/** What every event about an application for a legal entity's cabinet says. */
interface EntityApplicationFacts {
  entityApplicationId: number;
  number: string;
  /** The applicant's language. */
  language: Language;
  /** The applicant's, from the application. */
  contacts: Contacts;
}

export interface EntityApplicationSubmitted extends EntityApplicationFacts {
  type: 'EntityApplicationSubmitted';
  /** The entity's name. */
  name: string;
  /**
   * The applicant's private link to follow the application: it holds the only copy of the access
   * token, so it is for the applicant alone (never for a log or another system).
   */
  privateLink: string;
}

/** Approved: the entity's cabinet is open, with its administrator's account. */
export interface EntityApplicationApproved extends EntityApplicationFacts {
  type: 'EntityApplicationApproved';
  /** The entity's host id: whose cabinet it is. */
  hostId: number;
  name: string;
  /** The administrator's first credentials, for them alone (see `StaffCredentials`). */
  administrator: StaffCredentials;
}

export interface EntityApplicationRejected extends EntityApplicationFacts {
  type: 'EntityApplicationRejected';
  reason: string;
  note: string | null;
}

export interface EntityDocumentsRequested extends EntityApplicationFacts {
  type: 'EntityDocumentsRequested';
  message: string;
}

/** An entity's administrator gave someone a staff account. */
export interface StaffInvited {
  type: 'StaffInvited';
  hostId: number;
  /** The entity's name. */
  entityName: string;
  /** The invited person's language: the administrator's at the time of the invitation. */
  language: Language;
  invited: StaffCredentials & { email: string };
}

/**
 * A new staff account's way in: a single-use link to set a password (working `hours`) and the
 * PIN. Nowhere else in clear: the message to the person is their only copy, so these go to them
 * and to no other listener's system or log.
 */
export interface StaffCredentials {
  staffId: number;
  setPasswordLink: string;
  pin: string;
  hours: number;
}

/** Work a listener leaves for after the commit, such as a call to an acquirer. */
export type AfterCommit = () => Promise<unknown>;

type Listener<E extends DomainEvent> = (tx: Tx, event: E) => Promise<AfterCommit | void>;

export class DomainEvents {
  private readonly listeners = new Map<DomainEvent['type'], Listener<DomainEvent>[]>();
  /** What listeners left for after the commit, per transaction opened by `transaction`. */
  private readonly afterCommit = new WeakMap<Tx, AfterCommit[]>();

  on<T extends DomainEvent['type']>(type: T, listener: Listener<Extract<DomainEvent, { type: T }>>): void {
    const list = this.listeners.get(type) ?? [];
    list.push(listener as Listener<DomainEvent>);
    this.listeners.set(type, list);
  }

  /**
   * Tells every listener, in the caller's transaction: what they write commits or rolls back with
   * the change itself. Work they leave for after the commit runs once the transaction, opened by
   * `transaction`, has committed.
   */
  async emit(tx: Tx, event: DomainEvent): Promise<void> {
    for (const listener of this.listeners.get(event.type) ?? []) {
      const left = await listener(tx, event);
      if (!left) continue;
      const after = this.afterCommit.get(tx);
      // Work left where nobody would run it is a wiring mistake: said at once, not lost.
      if (!after) throw new Error(`${event.type} was told in a transaction not opened by events.transaction`);
      after.push(left);
    }
  }

  /**
   * One transaction in which events may be told; once it has committed, what their listeners left
   * for then runs (a failed commit runs none of it).
   */
  async transaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
    const after: AfterCommit[] = [];
    const result = await db.transaction().execute((tx) => {
      this.afterCommit.set(tx, after);
      return work(tx);
    });
    for (const run of after) await run();
    return result;
  }
}
