import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';

/** What a card shows, for one approved registration of one host. */
export function findCardFacts(
  db: DbOrTx,
  where: { hostId: number; id: number } | { registrationNumber: string },
) {
  let query = db
    .selectFrom('registrations as r')
    .innerJoin('hosts as h', 'h.id', 'r.host_id')
    .leftJoin('properties as p', 'p.id', 'r.property_id')
    .leftJoin('legal_entities as le', 'le.host_id', 'h.id')
    .select([
      'r.id',
      'r.status',
      'r.registration_number',
      'r.application_number',
      'r.surname',
      'r.given_names',
      'r.patronymic',
      'r.birth_date',
      'r.sex',
      'r.passport_type',
      'r.passport_country',
      'r.passport_number_enc',
      'r.passport_issue_date',
      'r.passport_expiry_date',
      'r.entry_date',
      'r.purpose',
      'r.with_guardian',
      'r.phone',
      'r.email',
      'r.answers_enc',
      'r.property_id',
      'r.valid_from',
      'r.valid_until',
      'r.decided_at',
      'r.revoked_at',
      'r.photo_document_id',
      'p.code as property_code',
      'p.address as property_address',
      'h.surname as host_surname',
      'h.given_names as host_given_names',
      'h.passport_type as host_passport_type',
      'h.passport_country as host_passport_country',
      'h.passport_number_enc as host_passport_number_enc',
      'le.tax_number_enc as host_tax_number_enc',
      'le.name as entity_name',
    ]);
  query =
    'registrationNumber' in where
      ? query.where('r.registration_number', '=', where.registrationNumber)
      : query.where('r.id', '=', where.id).where('r.host_id', '=', where.hostId);
  return query.executeTakeFirst();
}
export type CardFacts = NonNullable<Awaited<ReturnType<typeof findCardFacts>>>;

/** Cards whose registration ended before its time and would still look valid: the revocation list. */
export async function revokedCards(db: DbOrTx, today: string) {
  return db
    .selectFrom('registrations')
    .select(['registration_number', 'revoked_at'])
    .where('revoked_at', 'is not', null)
    .where('registration_number', 'is not', null)
    .where('valid_until', '>=', sql<string>`${today}::date - 30`)
    .orderBy('revoked_at')
    .execute();
}
