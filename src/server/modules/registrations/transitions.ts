import type { Actor } from '../../actor.js';
import { appendAudit, type AuditEntry } from '../../db/audit.js';
import type { DbOrTx } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import type { ApplicationStatus } from '../../../shared/schemas/statuses.js';
import { setClaim, updateStatus, type StatusChanges } from './registrations.repo.js';

/**
 * The one table of transitions: action → from which statuses → to which. Paying, reviewing and
 * cancelling each add their actions here; nothing changes a status any other way.
 */
export const TRANSITIONS = {
  pay: { from: ['awaiting_payment'], to: 'submitted' },
  cancel: { from: ['awaiting_payment', 'submitted'], to: 'cancelled' },
  // The operators' side (review module): an operator takes an application from the queue, and
  // decides, or gives it back; a host answers a request for documents.
  claim: { from: ['submitted'], to: 'in_review' },
  release: { from: ['in_review'], to: 'submitted' },
  approve: { from: ['in_review'], to: 'approved' },
  reject: { from: ['in_review'], to: 'rejected' },
  requestDocuments: { from: ['in_review'], to: 'documents_requested' },
  resubmit: { from: ['documents_requested'], to: 'submitted' },
  // A request for documents left unanswered past its day: rejected from the queue, unclaimed.
  rejectUnanswered: { from: ['documents_requested'], to: 'rejected' },
  // The foreigner left before the registration ran out: the card goes on the revocation list.
  revoke: { from: ['approved'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly ApplicationStatus[]; to: ApplicationStatus }>;
export type Action = keyof typeof TRANSITIONS;

interface TransitionOptions {
  id: number;
  current: string;
  action: Action;
  actor: Actor;
  details?: Record<string, unknown>;
  /** Columns that change with the status, in the same statement (who holds it, the decision…). */
  changes?: StatusChanges;
}

/** The audit entry of a transition: who moved which application from what to what. */
export function transitionAudit(options: TransitionOptions): AuditEntry {
  return {
    actor: options.actor,
    action: `registration.${options.action}`,
    entity: 'registration',
    entityId: options.id,
    before: { status: options.current },
    after: { status: TRANSITIONS[options.action].to, ...options.details },
  };
}

/**
 * Moves an application by `action`, in the caller's transaction, and audits it. A status that
 * does not allow the action is a 409 the user can read.
 */
export async function applyTransition(db: DbOrTx, options: TransitionOptions): Promise<ApplicationStatus> {
  const rule = TRANSITIONS[options.action];
  if (
    !(rule.from as readonly string[]).includes(options.current) ||
    !(await updateStatus(db, options.id, options.current, rule.to, {
      // Entering the queue starts its deadline (a claim given back keeps the one it had).
      ...(options.action === 'pay' || options.action === 'resubmit' ? { submitted_at: new Date() } : {}),
      ...options.changes,
    }))
  )
    throw new AppError({
      status: 409,
      code: 'status_conflict',
      messageKey: `errors.registration.status.${options.action}`,
      details: { status: options.current },
    });
  await appendAudit(db, transitionAudit(options));
  return rule.to;
}

/** An operator takes over (or extends) the claim on an application already under review. */
export const extendClaim = (db: DbOrTx, options: { id: number; operatorId: number; until: Date }) =>
  setClaim(db, options.id, options.operatorId, options.until);
