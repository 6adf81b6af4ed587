import type { AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import { decryptField } from '../../security/crypto.js';
import * as repo from './registrations.repo.js';
import { storedAnswers } from './stored-answers.js';

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
      surname: row.surname,
      givenNames: row.given_names,
      patronymic: row.patronymic,
      birthDate: row.birth_date,
      sex: row.sex,
      passportType: row.passport_type,
      passportCountry: row.passport_country,
      passportNumber: row.passport_number_enc
        ? decryptField(ctx.secrets.fieldEncryptionKey, row.passport_number_enc)
        : null,
      passportIssueDate: row.passport_issue_date,
      passportExpiryDate: row.passport_expiry_date,
      entryDate: row.entry_date,
      phone: row.phone,
      email: row.email,
      periodFrom: row.valid_from,
      periodTo: row.valid_until,
      purpose: row.purpose,
      withGuardian: row.with_guardian,
      ...storedAnswers(ctx, row.answers_enc),
    },
  };
}
