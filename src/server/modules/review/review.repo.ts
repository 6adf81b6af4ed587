import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';

export interface QueueFilters {
  status?: 'submitted' | 'in_review';
  propertyId?: number;
  country?: string;
  flag?: string;
}

/** The operators' queue: submitted and claimed applications, the oldest submission (earliest deadline) first. */
export function queue(db: DbOrTx, filters: QueueFilters, limit: number) {
  let query = db
    .selectFrom('registrations')
    .leftJoin('properties', 'properties.id', 'registrations.property_id')
    .select([
      sql<number>`registrations.id::int`.as('id'),
      'registrations.application_number',
      'registrations.status',
      'registrations.submitted_at',
      'registrations.claimed_by',
      'registrations.claim_until',
      'registrations.surname',
      'registrations.given_names',
      'registrations.passport_country',
      'registrations.valid_from',
      'registrations.valid_until',
      'registrations.flags',
      'properties.code as property_code',
    ])
    .where('registrations.status', 'in', filters.status ? [filters.status] : ['submitted', 'in_review']);
  if (filters.propertyId) query = query.where('registrations.property_id', '=', filters.propertyId);
  if (filters.country) query = query.where('registrations.passport_country', '=', filters.country);
  if (filters.flag)
    query = query.where(
      sql<boolean>`registrations.flags @> ${JSON.stringify([{ code: filters.flag }])}::jsonb`,
    );
  return query.orderBy('registrations.submitted_at').orderBy('registrations.id').limit(limit).execute();
}

/** One application for an operator, locked for a decision. */
export function lockForReview(db: DbOrTx, id: number) {
  return db
    .selectFrom('registrations')
    .select([
      sql<number>`id::int`.as('id'),
      'host_id',
      'application_number',
      'status',
      'claimed_by',
      'claim_until',
      'language',
      'email',
      'phone',
      'valid_from',
      'valid_until',
    ])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Takes over (or extends) a claim on an application already under review. */
export async function setClaim(db: DbOrTx, id: number, operatorId: number, until: Date) {
  await db
    .updateTable('registrations')
    .set({ claimed_by: operatorId, claim_until: until, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function registrationNumberTaken(db: DbOrTx, number: string): Promise<boolean> {
  const row = await db
    .selectFrom('registrations')
    .select('id')
    .where('registration_number', '=', number)
    .executeTakeFirst();
  return row !== undefined;
}
