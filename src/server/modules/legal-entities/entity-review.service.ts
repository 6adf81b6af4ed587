import type { z } from 'zod';
import type { Actor } from '../../actor.js';
import type { AppContext } from '../../context.js';
import { appendAudit } from '../../db/audit.js';
import type { Tx } from '../../db/database.js';
import { notFound } from '../../http/errors.js';
import type { Language } from '../../../shared/profiles/index.js';
import { reviewDeadline } from '../../../shared/profiles/review-deadline.js';
import type { entityDecisionSchema } from '../../../shared/schemas/legal-entities.js';
import { readDocument } from '../documents/documents.service.js';
import { formatAddress } from '../properties/registry.js';
import { claim, claimSeenBy, lockHeld, release, type ClaimTable } from '../review/claims.js';
import { addressOf } from '../properties/properties.service.js';
import { applicationData, lookUpAll, registryCodes } from './application-data.js';
import * as repo from './legal-entities.repo.js';
import { applyTransition } from './transitions.js';

// The operators' side: the queue of applications for a cabinet, what an operator checks, and
// the claim and the decisions but approval (approval opens the cabinet: entity-onboarding).

/** The claim's steps (review/claims.ts) on applications for a cabinet. */
const ENTITY_APPLICATIONS = {
  lock: (tx, id) => repo.findById(tx, id, true),
  notFoundKey: 'errors.entity.notFound',
  move: applyTransition,
  extend: (tx, { id, operatorId, until }) => repo.setClaim(tx, id, operatorId, until),
} satisfies ClaimTable<Application>;

type Application = NonNullable<Awaited<ReturnType<typeof repo.findById>>>;

export async function entityQueue(ctx: AppContext, operatorId: number, now = new Date()) {
  const rows = await repo.queue(ctx.db);
  return {
    items: rows.map((row) => {
      const deadline = reviewDeadline(ctx.profile.calendar, ctx.profile.clock, row.submitted_at);
      return {
        id: row.id,
        number: row.number,
        name: row.name,
        status: row.status,
        deadline: deadline.toISOString(),
        overdue: deadline < now,
        claim: claimSeenBy(row, operatorId, now),
      };
    }),
  };
}

/** Everything the operator checks: the letter's data, every document, each property's registry record. */
export async function entityApplicationForReview(ctx: AppContext, operatorId: number, id: number) {
  const application = await repo.findById(ctx.db, id);
  if (!application) throw notFound('errors.entity.notFound');
  const data = applicationData(ctx, application);
  const documents = await repo.documentsOf(ctx.db, id);
  const records = await lookUpAll(ctx, registryCodes(data));
  const place = ctx.profile.placeOfStay;
  let looked = 0;
  const properties = data.properties.map((property) => {
    // An address is shown as the applicant typed it; a code beside what the registry has.
    if (!('code' in property)) {
      const addressLine = place.kind === 'address' ? formatAddress(addressOf(place, property)) : '';
      return { code: addressLine, capacity: property.capacity, registry: null, addressLine };
    }
    const record = records[looked++];
    return {
      code: property.code,
      capacity: property.capacity,
      registry:
        record && record !== 'unavailable'
          ? { addressLine: formatAddress(record.address), areaM2: Number(record.areaM2), rooms: record.rooms }
          : null,
    };
  });
  await appendAudit(ctx.db, {
    actor: { kind: 'operator', operatorId },
    action: 'legal_entity_application.view',
    entity: 'legal_entity_application',
    entityId: id,
  });
  return {
    id,
    number: application.number,
    status: application.status,
    submittedAt: application.submitted_at.toISOString(),
    deadline: reviewDeadline(ctx.profile.calendar, ctx.profile.clock, application.submitted_at).toISOString(),
    entity: {
      name: data.name,
      taxNumber: data.taxNumber,
      legalAddress: data.legalAddress,
      actualAddress: data.actualAddress,
      activity: data.activity,
      headName: data.headName,
      ...(data.headPersonalNumber ? { headPersonalNumber: data.headPersonalNumber } : {}),
      ...(data.legalForm ? { legalForm: data.legalForm } : {}),
      ...(data.registrationNumber ? { registrationNumber: data.registrationNumber } : {}),
      ...(data.kpp ? { kpp: data.kpp } : {}),
      headAddress: data.headAddress,
      phone: data.phone,
      email: data.email,
      trustedPosition: data.trustedPosition,
      trustedName: data.trustedName,
      trustedAddress: data.trustedAddress,
    },
    properties,
    documents: documents.map((d) => ({
      id: d.document_id,
      field: d.field,
      addedAt: d.added_at.toISOString(),
    })),
    decisionReason: application.decision_reason,
    decisionNote: application.decision_note,
  };
}

/** One of the application's documents, for an operator (audited by the documents module). */
export async function entityApplicationDocument(
  ctx: AppContext,
  operatorId: number,
  id: number,
  documentId: number,
) {
  const documents = await repo.documentsOf(ctx.db, id);
  if (!documents.some((d) => d.document_id === documentId)) throw notFound('errors.entity.notFound');
  const document = await readDocument(ctx, documentId, { kind: 'operator', operatorId });
  if (!document) throw notFound('errors.entity.notFound');
  return document;
}

/** «Take», with the same rules as registrations: one operator at a time, for 30 minutes. */
export const claimEntityApplication = (ctx: AppContext, operatorId: number, id: number, now = new Date()) =>
  claim(ctx.db, ENTITY_APPLICATIONS, { operatorId, id, now });

/** The application, locked, as long as this operator holds it in review. */
export const heldBy = (tx: Tx, operatorId: number, id: number, now: Date) =>
  lockHeld(tx, ENTITY_APPLICATIONS, { operatorId, id, now });

export const releaseEntityApplication = (ctx: AppContext, operatorId: number, id: number, now = new Date()) =>
  release(ctx.db, ENTITY_APPLICATIONS, { operatorId, id, now });

/**
 * Reject with a reason, or ask for documents with a message; the applicant is told (by e-mail and
 * SMS) in the same transaction, in the application's language.
 */
export async function decideEntityApplication(
  ctx: AppContext,
  operatorId: number,
  id: number,
  decision: Exclude<z.infer<typeof entityDecisionSchema>, { decision: 'approve' }>,
  now = new Date(),
) {
  return ctx.events.transaction(ctx.db, async (tx) => {
    const application = await heldBy(tx, operatorId, id, now);
    const common = { claimed_by: null, claim_until: null, decided_by: operatorId, decided_at: now };
    const actor: Actor = { kind: 'operator', operatorId };
    const move = { id, current: application.status, actor };
    const status =
      decision.decision === 'reject'
        ? await applyTransition(tx, {
            ...move,
            action: 'reject',
            changes: { ...common, decision_reason: decision.reason, decision_note: decision.note || null },
            details: { reason: decision.reason },
          })
        : await applyTransition(tx, {
            ...move,
            action: 'requestDocuments',
            changes: { ...common, decision_reason: null, decision_note: decision.message },
          });
    const facts = entityApplicationFacts(application);
    await ctx.events.emit(
      tx,
      decision.decision === 'reject'
        ? {
            type: 'EntityApplicationRejected',
            ...facts,
            reason: decision.reason,
            note: decision.note || null,
          }
        : { type: 'EntityDocumentsRequested', ...facts, message: decision.message },
    );
    return { id, status };
  });
}

/** What every event about an application for a cabinet says of it (events.ts). */
export const entityApplicationFacts = (application: Application) => ({
  entityApplicationId: application.id,
  number: application.number,
  language: application.language as Language,
  contacts: { email: application.email, phone: application.phone },
});
