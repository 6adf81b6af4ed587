import type { AppContext } from '../../context.js';
import type { RegistrationsTable } from '../../db/schema.js';
import { decryptField } from '../../security/crypto.js';

/** The answers beyond the core columns, decrypted; none when the form asked nothing more. */
export function storedAnswers(
  ctx: Pick<AppContext, 'secrets'>,
  sealed: string | null,
): Record<string, string | number | boolean> {
  if (!sealed) return {};
  return JSON.parse(decryptField(ctx.secrets.fieldEncryptionKey, sealed)) as Record<
    string,
    string | number | boolean
  >;
}

/** A registration's core columns, as the form names its answers. */
type CoreColumns = Pick<
  RegistrationsTable,
  | 'surname'
  | 'given_names'
  | 'patronymic'
  | 'birth_date'
  | 'sex'
  | 'passport_type'
  | 'passport_country'
  | 'passport_number_enc'
  | 'passport_issue_date'
  | 'passport_expiry_date'
  | 'entry_date'
  | 'phone'
  | 'email'
  | 'valid_from'
  | 'valid_until'
  | 'purpose'
  | 'with_guardian'
>;

/** The core answers of a stored registration, by the names its form gives them (the passport number decrypted). */
export function coreAnswers(ctx: Pick<AppContext, 'secrets'>, row: CoreColumns) {
  return {
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
  };
}
