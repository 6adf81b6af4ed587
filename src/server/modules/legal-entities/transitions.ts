import type { Actor } from '../../actor.js';
import { appendAudit, type AuditEntry } from '../../db/audit.js';
import type { DbOrTx } from '../../db/database.js';
import type { LegalEntityApplicationStatus } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { updateStatus, type StatusChanges } from './legal-entities.repo.js';

/**
 * The one table of a legal entity's application's transitions, as registrations have theirs:
 * action → from which statuses → to which. Nothing changes an application's status any other way.
 */
export const TRANSITIONS = {
  // The operators take an application from the queue, and decide, or give it back.
  claim: { from: ['submitted'], to: 'in_review' },
  release: { from: ['in_review'], to: 'submitted' },
  reject: { from: ['in_review'], to: 'rejected' },
  requestDocuments: { from: ['in_review'], to: 'documents_requested' },
  // Approval opens the cabinet (entity-onboarding.service).
  approve: { from: ['in_review'], to: 'approved' },
  // The applicant answers a request for documents through the private link.
  resubmit: { from: ['documents_requested'], to: 'submitted' },
} as const satisfies Record<
  string,
  { from: readonly LegalEntityApplicationStatus[]; to: LegalEntityApplicationStatus }
>;
export type Action = keyof typeof TRANSITIONS;

interface TransitionOptions {
  id: number;
  current: LegalEntityApplicationStatus;
  action: Action;
  actor: Actor;
  details?: Record<string, unknown>;
  /** Columns that change with the status, in the same statement (who holds it, the decision…). */
  changes?: StatusChanges;
}

/** Whether `action` may move an application in `status`: for a check before slow work. */
export const allows = (action: Action, status: LegalEntityApplicationStatus) =>
  (TRANSITIONS[action].from as readonly string[]).includes(status);

/** The 409 for an action the application's status does not allow, with that status. */
export const statusConflict = (status: string) =>
  new AppError({
    status: 409,
    code: 'status_conflict',
    messageKey: 'errors.entity.status',
    details: { status },
  });

/** The audit entry of a transition: who moved which application from what to what. */
export function transitionAudit(options: TransitionOptions): AuditEntry {
  return {
    actor: options.actor,
    action: `legal_entity_application.${options.action}`,
    entity: 'legal_entity_application',
    entityId: options.id,
    before: { status: options.current },
    after: { status: TRANSITIONS[options.action].to, ...options.details },
  };
}

/**
 * Moves an application by `action`, in the caller's transaction, only if it is still in the
 * status the caller read (no lost update), and audits it. Anything else is a 409 the user can read.
 */
export async function applyTransition(
  db: DbOrTx,
  options: TransitionOptions,
): Promise<LegalEntityApplicationStatus> {
  const rule = TRANSITIONS[options.action];
  if (
    !allows(options.action, options.current) ||
    !(await updateStatus(db, options.id, options.current, rule.to, options.changes))
  )
    throw statusConflict(options.current);
  await appendAudit(db, transitionAudit(options));
  return rule.to;
}
