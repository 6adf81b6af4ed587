import crypto from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { z } from 'zod';
import { AppError, notFound } from '../../http/errors.js';
import type { decisionSchema } from '../../../shared/schemas/review.js';
import { randomRegistrationNumber } from '../../../shared/registration-number.js';
import { reviewDeadline } from '../../../shared/profiles/review-deadline.js';
import type { Language } from '../../../shared/profiles/index.js';
import { hostRecipient } from '../accounts/accounts.service.js';
import { notifyAll, type Notification, type Template } from '../notifications/notifications.service.js';
import { applyTransition, type Action } from '../registrations/transitions.js';
import * as repo from './review.repo.js';

/** How long an operator holds an application they took; left longer, anyone may take it. */
export const CLAIM_MINUTES = 30;

/** The queue, each application with its deadline (one working day), time left and who holds it. */
export async function reviewQueue(
  ctx: AppContext,
  operatorId: number,
  filters: repo.QueueFilters,
  now = new Date(),
) {
  const rows = await repo.queue(ctx.db, filters, 200);
  return rows.map((row) => {
    const deadline = reviewDeadline(ctx.profile.calendar, row.submitted_at ?? now);
    const claimed = row.status === 'in_review' && row.claim_until !== null && row.claim_until > now;
    return {
      id: row.id,
      applicationNumber: row.application_number,
      status: row.status,
      submittedAt: (row.submitted_at ?? now).toISOString(),
      deadline: deadline.toISOString(),
      msLeft: deadline.getTime() - now.getTime(),
      overdue: deadline <= now,
      claim: claimed ? (row.claimed_by === operatorId ? ('mine' as const) : ('other' as const)) : null,
      fullName: [row.surname, row.given_names].filter(Boolean).join(' '),
      passportCountry: row.passport_country,
      propertyCode: row.property_code,
      periodFrom: row.valid_from,
      periodTo: row.valid_until,
      flags: ((row.flags as { code: string }[] | null) ?? []).map((flag) => flag.code),
    };
  });
}

const claimConflict = () => new AppError(409, 'claimed', 'errors.review.claimedByOther');

/**
 * «Take»: the application is the operator's for CLAIM_MINUTES, so two operators never decide the
 * same one. Taking it again extends the claim; a claim left to run out can be taken by anyone.
 */
export async function claimApplication(ctx: AppContext, operatorId: number, id: number, now = new Date()) {
  const until = new Date(now.getTime() + CLAIM_MINUTES * 60_000);
  return ctx.db.transaction().execute(async (tx) => {
    const application = await repo.lockForReview(tx, id);
    if (!application) throw notFound('errors.registration.notFound');
    if (application.status === 'in_review') {
      const held = application.claim_until !== null && application.claim_until > now;
      if (held && application.claimed_by !== operatorId) throw claimConflict();
      await repo.setClaim(tx, id, operatorId, until);
    } else {
      await applyTransition(tx, {
        id,
        current: application.status,
        action: 'claim',
        actor: `operator:${operatorId}`,
        changes: { claimed_by: operatorId, claim_until: until },
      });
    }
    return { id, status: 'in_review' as const, claimUntil: until.toISOString() };
  });
}

/** Gives a taken application back to the queue with the deadline it had. */
export async function releaseApplication(ctx: AppContext, operatorId: number, id: number, now = new Date()) {
  return ctx.db.transaction().execute(async (tx) => {
    await heldBy(tx, operatorId, id, now);
    const status = await applyTransition(tx, {
      id,
      current: 'in_review',
      action: 'release',
      actor: `operator:${operatorId}`,
      changes: { claimed_by: null, claim_until: null },
    });
    return { id, status };
  });
}

/** The application, if this operator holds it now; a decision needs that. */
async function heldBy(tx: Tx, operatorId: number, id: number, now: Date) {
  const application = await repo.lockForReview(tx, id);
  if (!application) throw notFound('errors.registration.notFound');
  if (application.status !== 'in_review')
    throw new AppError(
      409,
      'status_conflict',
      'errors.review.notInReview',
      {},
      { status: application.status },
    );
  if (application.claimed_by !== operatorId || !application.claim_until || application.claim_until <= now)
    throw claimConflict();
  return application;
}

export type Decision = z.output<typeof decisionSchema>;

const DECISION_TEMPLATES: Record<Decision['decision'], { host: Template; foreigner?: Template }> = {
  approve: { host: 'approved', foreigner: 'approvedForeigner' },
  reject: { host: 'rejected', foreigner: 'rejectedForeigner' },
  requestDocuments: { host: 'documentsRequested' },
};

/**
 * Approve (a registration number), reject (a reason), or ask for documents (a message): the
 * transition, its audit entry and the notifications in one transaction.
 */
export async function decide(
  ctx: AppContext,
  operatorId: number,
  id: number,
  decision: Decision,
  now = new Date(),
) {
  return ctx.db.transaction().execute(async (tx) => {
    const application = await heldBy(tx, operatorId, id, now);
    const registrationNumber = decision.decision === 'approve' ? await uniqueRegistrationNumber(tx) : null;
    const note =
      decision.decision === 'reject'
        ? (decision.note?.trim() ?? null)
        : decision.decision === 'requestDocuments'
          ? decision.message.trim()
          : null;
    const status = await applyTransition(tx, {
      id,
      current: application.status,
      action: decision.decision satisfies Action,
      actor: `operator:${operatorId}`,
      details: {
        ...(registrationNumber ? { registrationNumber } : {}),
        ...(decision.decision === 'reject' ? { reason: decision.reason } : {}),
      },
      changes: {
        claimed_by: null,
        claim_until: null,
        decided_by: operatorId,
        decided_at: now,
        decision_reason: decision.decision === 'reject' ? decision.reason : null,
        decision_note: note || null,
        ...(registrationNumber ? { registration_number: registrationNumber } : {}),
      },
    });
    const language = (application.language ?? 'ru') as Language;
    const values: Record<string, string> = {
      number: application.application_number,
      registrationNumber: registrationNumber ?? '',
      note: note ?? '',
    };
    const templates = DECISION_TEMPLATES[decision.decision];
    const messages: Notification[] = [
      { to: await hostRecipient(tx, application.host_id, language), template: templates.host, values },
    ];
    if (templates.foreigner && (application.email || application.phone))
      messages.push({
        to: {
          language,
          email: application.email ?? undefined,
          phone: application.phone?.replace(/\D/g, '') || undefined,
        },
        template: templates.foreigner,
        values,
      });
    await notifyAll(tx, messages);
    return { id, status, registrationNumber };
  });
}

/** 14 random digits with a check digit, not used before (a clash is all but impossible; checked anyway). */
async function uniqueRegistrationNumber(tx: Tx): Promise<string> {
  for (;;) {
    const number = randomRegistrationNumber((n) => crypto.randomInt(n));
    if (!(await repo.registrationNumberTaken(tx, number))) return number;
  }
}
