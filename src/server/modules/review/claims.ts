import { AppError } from '../../http/errors.js';

/**
 * The operators' claim rules, the same for registrations and legal entities' applications: one
 * operator at a time holds an application in review, for CLAIM_MINUTES; taking it again extends
 * the claim; a claim left to run out can be taken by anyone; only the holder decides.
 */
export const CLAIM_MINUTES = 30;

interface Claimable {
  status: string;
  claimed_by: number | null;
  claim_until: Date | null;
}

export const claimUntil = (now: Date) => new Date(now.getTime() + CLAIM_MINUTES * 60_000);

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
 * «Take»: 'extend' when it is in review already (the caller moves the claim on), 'take' when it
 * still has to move into review; refused while another operator holds it.
 */
export function takeClaim(application: Claimable, operatorId: number, now: Date): 'extend' | 'take' {
  if (application.status !== 'in_review') return 'take';
  if (liveClaim(application, now) && application.claimed_by !== operatorId) throw claimConflict();
  return 'extend';
}

/** A decision or a release: only by the operator who holds the application now. */
export function requireHeld(application: Claimable, operatorId: number, now: Date) {
  if (application.status !== 'in_review')
    throw new AppError({
      status: 409,
      code: 'status_conflict',
      messageKey: 'errors.review.notInReview',
      details: { status: application.status },
    });
  if (application.claimed_by !== operatorId || !liveClaim(application, now)) throw claimConflict();
}
