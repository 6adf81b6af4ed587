import crypto from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { z } from 'zod';
import { AppError, notFound } from '../../http/errors.js';
import { addDayCount } from '../../../shared/profiles/calendar.js';
import { endOfDay, todayIso } from '../../../shared/dates.js';
import { addMessage, answerOverdue } from '../registrations/messages.service.js';
import { appendAudit } from '../../db/audit.js';
import { coreAnswers, storedAnswers } from '../registrations/stored-answers.js';
import { formatAddress, type Address } from '../properties/registry.js';
import type { registrationDecisionSchema } from '../../../shared/schemas/review.js';
import { randomRegistrationNumber } from '../../../shared/registration-number.js';
import { reviewDeadline } from '../../../shared/profiles/review-deadline.js';
import type { Language } from '../../../shared/profiles/index.js';
import { checklistOf } from '../registrations/attachments.service.js';
import {
  registrationFacts,
  warningMessage,
  type RegistrationWarning,
} from '../registrations/registrations.service.js';
import { applyTransition, extendClaim, type Action } from '../registrations/transitions.js';
import { claim, claimSeenBy, lockHeld, release, type ClaimTable } from './claims.js';
import * as repo from './review.repo.js';

/**
 * The claim's steps (claims.ts) on registrations. Taking an application from the queue is a
 * change of its status the host is told of.
 */
const registrations = (ctx: AppContext) =>
  ({
    lock: repo.lockForReview,
    notFoundKey: 'errors.registration.notFound',
    move: async (tx, options) => {
      const status = await applyTransition(tx, options);
      if (options.action === 'claim') {
        const application = await repo.lockForReview(tx, options.id);
        await ctx.events.emit(tx, {
          type: 'RegistrationInReview',
          ...(await registrationFacts(tx, application!)),
        });
      }
      return status;
    },
    extend: extendClaim,
  }) satisfies ClaimTable<NonNullable<Awaited<ReturnType<typeof repo.lockForReview>>>>;

/** The queue, each application with its deadline (one working day), time left and who holds it. */
export async function reviewQueue(
  ctx: AppContext,
  operatorId: number,
  filters: Omit<repo.QueueFilters, 'today'>,
  now = new Date(),
) {
  const rows = await repo.queue(ctx.db, { ...filters, today: todayIso(now, ctx.profile.clock) }, 200);
  return rows.map((row) => {
    // A request for documents waits for the host's answer, until the end of its last day.
    const deadline = row.answer_due
      ? endOfDay(row.answer_due, ctx.profile.clock)
      : reviewDeadline(ctx.profile.calendar, ctx.profile.clock, row.submitted_at ?? now);
    return {
      id: row.id,
      applicationNumber: row.application_number,
      status: row.status,
      /** The last day the host had to answer a request for documents, when the queue shows one. */
      answerDue: row.answer_due,
      submittedAt: (row.submitted_at ?? now).toISOString(),
      deadline: deadline.toISOString(),
      msLeft: deadline.getTime() - now.getTime(),
      overdue: deadline <= now,
      claim: claimSeenBy(row, operatorId, now),
      fullName: [row.surname, row.given_names].filter(Boolean).join(' '),
      passportCountry: row.passport_country,
      propertyId: row.property_id,
      propertyCode: row.property_code,
      propertyAddress: row.property_address ? formatAddress(row.property_address as Address) : null,
      periodFrom: row.valid_from,
      periodTo: row.valid_until,
      flags: ((row.flags as { code: string }[] | null) ?? []).map((flag) => flag.code),
      /** The receiving party: a person, or a legal entity and which of its staff made it. */
      host: { kind: row.host_kind, name: row.host_name, staffName: row.staff_name },
    };
  });
}

/** «Take»: the application is the operator's for a while, so two operators never decide the same one. */
export const claimApplication = (ctx: AppContext, operatorId: number, id: number, now = new Date()) =>
  claim(ctx.db, registrations(ctx), { operatorId, id, now });

/** Gives a taken application back to the queue with the deadline it had. */
export const releaseApplication = (ctx: AppContext, operatorId: number, id: number, now = new Date()) =>
  release(ctx.db, registrations(ctx), { operatorId, id, now });

export type Decision = z.output<ReturnType<typeof registrationDecisionSchema>>;

/**
 * Approve (a registration number), reject (a reason from the profile's list), or ask for
 * documents (a message that opens «Сообщения», with the day the host must answer by): the
 * transition, its audit entry, the message and the telling of it (the host and the foreigner are
 * notified) in one transaction. A request left unanswered past its day may be rejected from the
 * queue without taking it; until then, and until an operator decides, the host may answer.
 */
export async function decide(
  ctx: AppContext,
  operatorId: number,
  id: number,
  decision: Decision,
  now = new Date(),
) {
  return ctx.events.transaction(ctx.db, async (tx) => {
    const waiting = await repo.lockForReview(tx, id);
    const unanswered = waiting?.status === 'documents_requested';
    if (
      unanswered &&
      (decision.decision !== 'reject' || !answerOverdue(ctx.profile.clock, waiting.answer_due, now))
    )
      throw new AppError({
        status: 409,
        code: 'status_conflict',
        messageKey: 'errors.review.awaitingAnswer',
        details: { status: waiting.status },
      });
    const application = unanswered
      ? waiting
      : await lockHeld(tx, registrations(ctx), { operatorId, id, now });
    const registrationNumber = decision.decision === 'approve' ? await uniqueRegistrationNumber(tx) : null;
    const answerDue =
      decision.decision === 'requestDocuments'
        ? addDayCount(ctx.profile.calendar, todayIso(now, ctx.profile.clock), ctx.profile.review.answerWithin)
        : null;
    const note =
      decision.decision === 'reject'
        ? (decision.note?.trim() ?? null)
        : decision.decision === 'requestDocuments'
          ? decision.message.trim()
          : null;
    const status = await applyTransition(tx, {
      id,
      current: application.status,
      action: unanswered ? 'rejectUnanswered' : (decision.decision satisfies Action),
      actor: { kind: 'operator', operatorId },
      details: {
        ...(registrationNumber ? { registrationNumber } : {}),
        ...(decision.decision === 'reject' ? { reason: decision.reason } : {}),
        ...(answerDue ? { answerDue } : {}),
      },
      changes: {
        claimed_by: null,
        claim_until: null,
        decided_by: operatorId,
        decided_at: now,
        decision_reason: decision.decision === 'reject' ? decision.reason : null,
        decision_note: note || null,
        answer_due: answerDue,
        ...(registrationNumber ? { registration_number: registrationNumber } : {}),
      },
    });
    if (decision.decision === 'requestDocuments')
      await addMessage(ctx, tx, {
        registrationId: id,
        author: { kind: 'operator', operatorId },
        text: decision.message.trim(),
      });
    const facts = await registrationFacts(tx, application);
    await ctx.events.emit(
      tx,
      decision.decision === 'approve'
        ? {
            type: 'RegistrationApproved',
            ...facts,
            registrationNumber: registrationNumber!,
            approvedOn: todayIso(now, ctx.profile.clock),
          }
        : decision.decision === 'reject'
          ? { type: 'RegistrationRejected', ...facts, reason: decision.reason, note: note || null }
          : {
              type: 'RegistrationDocumentsRequested',
              ...facts,
              message: decision.message.trim(),
              answerDue: answerDue!,
            },
    );
    return { id, status, registrationNumber };
  });
}

/**
 * «Не принимать»: one checklist file marked not accepted, with the reason the host is shown, by
 * the operator who holds the application, in one transaction with its audit entry. The status
 * stays as it is: the operator then asks for documents or rejects, as for any application.
 */
export async function rejectAttachment(
  ctx: AppContext,
  operatorId: number,
  input: { registrationId: number; documentId: number; reason: string },
  now = new Date(),
) {
  return ctx.events.transaction(ctx.db, async (tx) => {
    await lockHeld(tx, registrations(ctx), { operatorId, id: input.registrationId, now });
    const type = await repo.rejectChecklistDocument(tx, { ...input, operatorId });
    if (!type) throw notFound();
    await appendAudit(tx, {
      actor: { kind: 'operator', operatorId },
      action: 'registration.attachment.reject',
      entity: 'registration',
      entityId: input.registrationId,
      after: { documentId: input.documentId, type },
    });
    return { id: input.documentId, type, rejectedReason: input.reason };
  });
}

/** 14 random digits with a check digit, not used before (a clash is all but impossible; checked anyway). */
async function uniqueRegistrationNumber(tx: Tx): Promise<string> {
  for (;;) {
    const number = randomRegistrationNumber((n) => crypto.randomInt(n));
    if (!(await repo.registrationNumberTaken(tx, number))) return number;
  }
}

/**
 * One application for an operator: the typed data beside the passport scan and the photo, the
 * fields the host typed over what the MRZ read, the host, the property, and the history of this
 * person and this address. Opening it is audited, as is every document the operator then views.
 */
export async function applicationForReview(
  ctx: AppContext,
  operatorId: number,
  id: number,
  language: Language,
) {
  const row = await repo.applicationDetails(ctx.db, id);
  if (!row) throw notFound('errors.registration.notFound');
  const [extra, checklist, past] = await Promise.all([
    repo.extraDocuments(ctx.db, id),
    checklistOf(ctx, [{ id, surname: row.surname, givenNames: row.given_names }]),
    repo.history(ctx.db, { id, passportNumberHash: row.passport_number_hash, propertyId: row.property_id }),
  ]);
  await appendAudit(ctx.db, {
    actor: { kind: 'operator', operatorId },
    action: 'registration.view',
    entity: 'registration',
    entityId: id,
  });
  return {
    id: row.id,
    applicationNumber: row.application_number,
    status: row.status,
    fields: coreAnswers(ctx, row),
    answers: storedAnswers(ctx, row.answers_enc),
    formVersion: row.form_version,
    mrzFields: (row.mrz_fields as string[] | null) ?? [],
    mrzChangedFields: (row.mrz_changed_fields as string[] | null) ?? [],
    flags: ((row.flags as { code: string }[] | null) ?? []).map((flag) => flag.code),
    /** Each flag with its reason, as the host was told it before paying. */
    flagReasons: ((row.flags as RegistrationWarning[] | null) ?? []).map((flag) => ({
      code: flag.code,
      message: warningMessage(ctx.translate, language, flag),
    })),
    documents: {
      passport: row.passport_document_id,
      photo: row.photo_document_id,
      extra: extra.map((d) => d.id),
    },
    attachments: checklist.get(id) ?? [],
    host: { name: [row.host_surname, row.host_given_names].join(' '), email: row.host_email },
    property: row.property_code
      ? {
          code: row.property_code,
          addressLine: formatAddress(row.property_address as Address),
          capacity: row.property_capacity ?? 0,
        }
      : null,
    history: past.map((h) => ({
      applicationNumber: h.application_number,
      status: h.status,
      periodFrom: h.valid_from,
      periodTo: h.valid_until,
      samePerson: h.same_person,
    })),
  };
}
