import type { AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import { checklistOf } from './attachments.service.js';
import * as repo from './registrations.repo.js';
import { coreAnswers, storedAnswers } from './stored-answers.js';

/**
 * One of the host's applications as its page shows it: every answer by the name its form gives it
 * (the core columns and the answers kept beyond them, read back as given; the summary lays them
 * out), its numbers, the operator's decision with its reason, and the files it was sent with.
 */
export async function applicationAnswers(ctx: AppContext, hostId: number, id: number) {
  const row = await repo.findApplicationAnswers(ctx.db, hostId, id);
  if (!row) throw notFound('errors.registration.notFound');
  const checklists = await checklistOf(ctx, [
    { id: row.id, surname: row.surname, givenNames: row.given_names },
  ]);
  return {
    id: row.id,
    applicationNumber: row.application_number,
    registrationNumber: row.registration_number,
    status: row.status,
    formVersion: row.form_version,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    decisionReason: row.decision_reason,
    decisionNote: row.decision_note,
    documents: { passport: row.passport_document_id, photo: row.photo_document_id },
    attachments: checklists.get(row.id) ?? [],
    answers: {
      propertyId: row.property_id,
      ...coreAnswers(ctx, row),
      ...storedAnswers(ctx, row.answers_enc),
    },
  };
}
