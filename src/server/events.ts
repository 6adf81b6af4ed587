import type { Tx } from './db/database.js';

/**
 * What happened, told inside the transaction that made it happen, to the modules that care: the
 * module that moves a registration does not need to know who else acts on the move (payments
 * refunds a cancelled application's fee; webhooks, later, tell a hotel's system).
 */
export type DomainEvent = {
  type: 'RegistrationCancelled';
  registrationId: number;
  /** The fee was paid before the cancellation: it goes back. */
  feePaid: boolean;
};

/** Work a listener leaves for after the commit, such as a call to an acquirer. */
export type AfterCommit = () => Promise<unknown>;

type Listener<E extends DomainEvent> = (tx: Tx, event: E) => Promise<AfterCommit | void>;

export class DomainEvents {
  private readonly listeners = new Map<DomainEvent['type'], Listener<DomainEvent>[]>();

  on<T extends DomainEvent['type']>(type: T, listener: Listener<Extract<DomainEvent, { type: T }>>): void {
    const list = this.listeners.get(type) ?? [];
    list.push(listener as Listener<DomainEvent>);
    this.listeners.set(type, list);
  }

  /** Tells every listener, in the caller's transaction; returns what they left for after the commit. */
  async emit(tx: Tx, event: DomainEvent): Promise<AfterCommit[]> {
    const after: AfterCommit[] = [];
    for (const listener of this.listeners.get(event.type) ?? []) {
      const left = await listener(tx, event);
      if (left) after.push(left);
    }
    return after;
  }
}

/** Runs, once the transaction has committed, what its listeners left for then. */
export async function afterCommit(work: AfterCommit[]): Promise<void> {
  for (const run of work) await run();
}
