import type { AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import * as repo from './registrations.repo.js';
import { coreAnswers, storedAnswers } from './stored-answers.js';

/**
 * One of the host's applications, every answer by the name its form gives it: the core columns
 * and the answers kept beyond them, read back as given (the summary lays them out).
 */
export async function applicationAnswers(ctx: AppContext, hostId: number, id: number) {
  const row = await repo.findApplicationAnswers(ctx.db, hostId, id);
  if (!row) throw notFound('errors.registration.notFound');
  return {
    id: row.id,
    applicationNumber: row.application_number,
    status: row.status,
    formVersion: row.form_version,
    answers: {
      propertyId: row.property_id,
      ...coreAnswers(ctx, row),
      ...storedAnswers(ctx, row.answers_enc),
    },
  };
}
