/**
 * Who does something in Konok: a host in person, a legal entity's staff member or API key (for its
 * host), an operator, an acquirer's server, someone applying for a legal entity's account (who has
 * none yet), or Konok itself (jobs, the demo).
 */
export type Actor =
  | { kind: 'host'; hostId: number }
  | { kind: 'staff'; hostId: number; staffId: number }
  | { kind: 'apiKey'; hostId: number; keyId: number }
  | { kind: 'operator'; operatorId: number }
  | { kind: 'acquirer'; name: string }
  | { kind: 'applicant' }
  | { kind: 'system' };

/** A host acting: in person, or through one of its staff. */
export type HostActor = Extract<Actor, { kind: 'host' | 'staff' | 'apiKey' }>;

/** A host's own action: in person, or by one of its staff. */
export const hostActor = (hostId: number, staffId?: number): HostActor =>
  staffId === undefined ? { kind: 'host', hostId } : { kind: 'staff', hostId, staffId };

/**
 * How the audit log names an actor: `host:12`, `staff:3`, `operator:5`, `acquirer:sandbox`,
 * `applicant`, `system`.
 */
export function actorName(actor: Actor): string {
  switch (actor.kind) {
    case 'host':
      return `host:${actor.hostId}`;
    case 'staff':
      return `staff:${actor.staffId}`;
    case 'apiKey':
      return `key:${actor.keyId}`;
    case 'operator':
      return `operator:${actor.operatorId}`;
    case 'acquirer':
      return `acquirer:${actor.name}`;
    case 'applicant':
      return 'applicant';
    case 'system':
      return 'system';
  }
}
