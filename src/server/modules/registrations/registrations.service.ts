import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/database.js';
import { keyedHash } from '../../security/crypto.js';
import * as repo from './registrations.repo.js';

/** How many active registrations each property has: the properties module asks here, not the table. */
export const activeCountsByProperty = (db: DbOrTx, propertyIds: number[]) =>
  repo.countActiveByProperty(db, propertyIds);

/** The public status check: by application or registration number, with the foreigner's passport number. */
export async function findStatus(ctx: AppContext, input: { number: string; passportNumber: string }) {
  const row = await repo.findByNumberAndPassport(ctx.db, {
    number: input.number.toUpperCase(),
    passportNumberHash: keyedHash(ctx.secrets.fieldHashKey, input.passportNumber),
  });
  return (
    row && {
      applicationNumber: row.application_number,
      registrationNumber: row.registration_number,
      status: row.status,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
    }
  );
}
