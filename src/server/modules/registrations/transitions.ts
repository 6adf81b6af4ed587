import { appendAudit } from '../../db/audit.js';
import type { DbOrTx } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import type { ApplicationStatus } from '../../../shared/schemas/statuses.js';
import { updateStatus } from './registrations.repo.js';

/**
 * The one table of transitions: action → from which statuses → to which. The payment and review
 * issues add their actions here; nothing changes a status any other way.
 */
export const TRANSITIONS = {
  pay: { from: ['awaiting_payment'], to: 'submitted' },
  cancel: { from: ['awaiting_payment', 'submitted'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly ApplicationStatus[]; to: ApplicationStatus }>;
export type Action = keyof typeof TRANSITIONS;

/**
 * Moves an application by `action`, in the caller's transaction, and audits it. A status that
 * does not allow the action is a 409 the user can read.
 */
export async function applyTransition(
  db: DbOrTx,
  options: { id: number; current: string; action: Action; actor: string; details?: Record<string, unknown> },
): Promise<ApplicationStatus> {
  const rule = TRANSITIONS[options.action];
  if (
    !(rule.from as readonly string[]).includes(options.current) ||
    !(await updateStatus(db, options.id, options.current, rule.to))
  )
    throw new AppError(
      409,
      'status_conflict',
      `errors.registration.status.${options.action}`,
      {},
      { status: options.current },
    );
  await appendAudit(db, {
    actor: options.actor,
    action: `registration.${options.action}`,
    entity: 'registration',
    entityId: options.id,
    before: { status: options.current },
    after: { status: rule.to, ...options.details },
  });
  return rule.to;
}
