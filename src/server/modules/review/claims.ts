import type { Actor } from '../../actor.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError, notFound } from '../../http/errors.js';

/**
 * The operators' claim, the same for registrations and legal entities' applications: one
 * operator at a time holds an application in review, for CLAIM_MINUTES; taking it again extends
 * the claim; a claim left to run out can be taken by anyone; only the holder decides or gives it
 * back.
 */
export const CLAIM_MINUTES = 30;

interface Claimable {
  status: string;
  claimed_by: number | null;
  claim_until: Date | null;
}

/**
 * The applications a claim works on: each kind keeps its own table, SQL and transition table,
 * and lends the claim these few steps.
 */
export interface ClaimTable<A extends Claimable> {
  /** The application, locked for the rest of the transaction; undefined when there is none. */
  lock(tx: Tx, id: number): Promise<A | undefined>;
  /** The message of the 404 for an id that is not there. */
  notFoundKey: string;
  /** Moves it by its transition table's `claim` or `release` (audited there), with the claim's columns. */
  move(
    tx: Tx,
    options: {
      id: number;
      current: A['status'];
      action: 'claim' | 'release';
      actor: Actor;
      changes: { claimed_by: number | null; claim_until: Date | null };
    },
  ): Promise<A['status']>;
  /** Moves on the claim of an application already in review; its status stays. */
  extend(tx: Tx, claim: { id: number; operatorId: number; until: Date }): Promise<unknown>;
}

/** An operator's step on one application, at `now`. */
interface Step {
  operatorId: number;
  id: number;
  now: Date;
}

const claimUntil = (now: Date) => new Date(now.getTime() + CLAIM_MINUTES * 60_000);

const liveClaim = (application: Claimable, now: Date) =>
  application.status === 'in_review' && application.claim_until !== null && application.claim_until > now;

const claimConflict = () =>
  new AppError({ status: 409, code: 'claimed', messageKey: 'errors.review.claimedByOther' });

/** How the queue shows an application to this operator. */
export const claimSeenBy = (application: Claimable, operatorId: number, now: Date) =>
  liveClaim(application, now)
    ? application.claimed_by === operatorId
      ? ('mine' as const)
      : ('other' as const)
    : null;

/**
 * «Take»: an application in the queue moves into review held by the operator; one in review
 * already has its claim moved on, unless another operator holds it now.
 */
export async function claim<A extends Claimable>(
  db: Db,
  table: ClaimTable<A>,
  { operatorId, id, now }: Step,
) {
  const until = claimUntil(now);
  return db.transaction().execute(async (tx) => {
    const application = await table.lock(tx, id);
    if (!application) throw notFound(table.notFoundKey);
    if (application.status !== 'in_review')
      await table.move(tx, {
        id,
        current: application.status,
        action: 'claim',
        actor: { kind: 'operator', operatorId },
        changes: { claimed_by: operatorId, claim_until: until },
      });
    else if (liveClaim(application, now) && application.claimed_by !== operatorId) throw claimConflict();
    else await table.extend(tx, { id, operatorId, until });
    return { id, status: 'in_review' as const, claimUntil: until.toISOString() };
  });
}

/** The application, locked, as long as this operator holds it in review: a decision needs that. */
export async function lockHeld<A extends Claimable>(
  tx: Tx,
  table: ClaimTable<A>,
  { operatorId, id, now }: Step,
) {
  const application = await table.lock(tx, id);
  if (!application) throw notFound(table.notFoundKey);
  if (application.status !== 'in_review')
    throw new AppError({
      status: 409,
      code: 'status_conflict',
      messageKey: 'errors.review.notInReview',
      details: { status: application.status },
    });
  if (application.claimed_by !== operatorId || !liveClaim(application, now)) throw claimConflict();
  return application;
}

/** Gives a taken application back to the queue with the deadline it had. */
export async function release<A extends Claimable>(db: Db, table: ClaimTable<A>, step: Step) {
  return db.transaction().execute(async (tx) => {
    const application = await lockHeld(tx, table, step);
    const status = await table.move(tx, {
      id: step.id,
      current: application.status,
      action: 'release',
      actor: { kind: 'operator', operatorId: step.operatorId },
      changes: { claimed_by: null, claim_until: null },
    });
    return { id: step.id, status };
  });
}
