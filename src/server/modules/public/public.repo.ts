import type { DbOrTx } from '../../db/database.js';

/** A registration by its application or registration number, only with the matching passport. */
export function findRegistrationStatus(db: DbOrTx, options: { number: string; passportNumberHash: string }) {
  return db
    .selectFrom('registrations')
    .select(['application_number', 'registration_number', 'status', 'valid_from', 'valid_until'])
    .where((eb) =>
      eb.or([eb('application_number', '=', options.number), eb('registration_number', '=', options.number)]),
    )
    .where('passport_number_hash', '=', options.passportNumberHash)
    .executeTakeFirst();
}
