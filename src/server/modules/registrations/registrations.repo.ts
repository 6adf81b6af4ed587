import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';

/** Registrations that still hold a property: not ended, cancelled, rejected or expired. */
const ACTIVE_STATUSES = [
  'draft',
  'awaiting_payment',
  'submitted',
  'in_review',
  'approved',
  'documents_requested',
];

/** Active registrations per property, for the properties given (missing = none). */
export async function countActiveByProperty(db: DbOrTx, propertyIds: number[]): Promise<Map<number, number>> {
  if (propertyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('registrations')
    .select(['property_id', sql<number>`count(*)::int`.as('active')])
    .where('property_id', 'in', propertyIds)
    .where('status', 'in', ACTIVE_STATUSES)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', sql<string>`current_date`)]))
    .groupBy('property_id')
    .execute();
  return new Map(rows.map((r) => [r.property_id!, r.active]));
}

/** Active registrations of this passport (by its keyed hash) whose period overlaps [from, to]. */
export function findOverlapping(
  db: DbOrTx,
  options: { passportNumberHash: string; from: string; to: string },
) {
  return db
    .selectFrom('registrations')
    .select(['id', 'host_id', 'valid_from', 'valid_until'])
    .where('passport_number_hash', '=', options.passportNumberHash)
    .where('status', 'in', ACTIVE_STATUSES)
    .where('valid_from', '<=', options.to)
    .where('valid_until', '>=', options.from)
    .execute();
}

/** How many active registrations at a property overlap [from, to]. */
export async function countAtPropertyOverlapping(
  db: DbOrTx,
  options: { propertyId: number; from: string; to: string },
): Promise<number> {
  const row = await db
    .selectFrom('registrations')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('property_id', '=', options.propertyId)
    .where('status', 'in', ACTIVE_STATUSES)
    .where('valid_from', '<=', options.to)
    .where('valid_until', '>=', options.from)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** A registration by its application or registration number, only with the matching passport. */
export function findByNumberAndPassport(db: DbOrTx, options: { number: string; passportNumberHash: string }) {
  return db
    .selectFrom('registrations')
    .select(['application_number', 'registration_number', 'status', 'valid_from', 'valid_until'])
    .where((eb) =>
      eb.or([eb('application_number', '=', options.number), eb('registration_number', '=', options.number)]),
    )
    .where('passport_number_hash', '=', options.passportNumberHash)
    .executeTakeFirst();
}
