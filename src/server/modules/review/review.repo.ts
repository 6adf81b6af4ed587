import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';

// The operators' view of registrations: a read model over the registrations module's table (and
// the properties, documents and audit it points to), shaped for the queue and the decision page.
// It only reads; every change goes through the registrations module (transitions.ts).

export interface QueueFilters {
  status?: 'submitted' | 'in_review';
  /** The service calendar's today: requests for documents whose last day is before it are overdue. */
  today: string;
  propertyId?: number;
  country?: string;
  flag?: string;
}

/**
 * The operators' queue: submitted and claimed applications, and requests for documents gone
 * unanswered past their day, the oldest submission (earliest deadline) first.
 */
export function queue(db: DbOrTx, filters: QueueFilters, limit: number) {
  let query = db
    .selectFrom('registrations')
    .leftJoin('properties', 'properties.id', 'registrations.property_id')
    .innerJoin('hosts', 'hosts.id', 'registrations.host_id')
    .leftJoin('entity_staff', 'entity_staff.id', 'registrations.staff_id')
    .select([
      sql<number>`registrations.id::int`.as('id'),
      'hosts.kind as host_kind',
      sql<string>`hosts.surname || coalesce(' ' || nullif(hosts.given_names, ''), '')`.as('host_name'),
      'entity_staff.full_name as staff_name',
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
      'registrations.property_id',
      'properties.code as property_code',
      'properties.address as property_address',
    ])
    .select('registrations.answer_due')
    .where((eb) =>
      filters.status
        ? eb('registrations.status', '=', filters.status)
        : eb.or([
            eb('registrations.status', 'in', ['submitted', 'in_review']),
            // A request for documents unanswered past its last day: the operator may reject it.
            eb.and([
              eb('registrations.status', '=', 'documents_requested'),
              eb('registrations.answer_due', '<', filters.today),
            ]),
          ]),
    );
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
      'answer_due',
    ])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function registrationNumberTaken(db: DbOrTx, number: string): Promise<boolean> {
  const row = await db
    .selectFrom('registrations')
    .select('id')
    .where('registration_number', '=', number)
    .executeTakeFirst();
  return row !== undefined;
}

/** Everything an operator sees of one application: the typed data, the uploads, the host and the property. */
export function applicationDetails(db: DbOrTx, id: number) {
  return db
    .selectFrom('registrations')
    .innerJoin('hosts', 'hosts.id', 'registrations.host_id')
    .leftJoin('properties', 'properties.id', 'registrations.property_id')
    .select([
      sql<number>`registrations.id::int`.as('id'),
      'registrations.application_number',
      'registrations.status',
      'registrations.surname',
      'registrations.given_names',
      'registrations.patronymic',
      'registrations.birth_date',
      'registrations.sex',
      'registrations.passport_type',
      'registrations.passport_country',
      'registrations.passport_number_enc',
      'registrations.passport_number_hash',
      'registrations.passport_issue_date',
      'registrations.passport_expiry_date',
      'registrations.entry_date',
      'registrations.phone',
      'registrations.email',
      'registrations.valid_from',
      'registrations.valid_until',
      'registrations.purpose',
      'registrations.with_guardian',
      'registrations.mrz_fields',
      'registrations.mrz_changed_fields',
      'registrations.flags',
      'registrations.passport_document_id',
      'registrations.photo_document_id',
      'registrations.answers_enc',
      'registrations.form_version',
      'registrations.property_id',
      'properties.code as property_code',
      'properties.address as property_address',
      'properties.capacity as property_capacity',
      'hosts.surname as host_surname',
      'hosts.given_names as host_given_names',
      'hosts.email as host_email',
    ])
    .where('registrations.id', '=', id)
    .executeTakeFirst();
}

/** The files a host sent later, when asked for documents. */
export function extraDocuments(db: DbOrTx, registrationId: number) {
  return db
    .selectFrom('registration_documents')
    .select([sql<number>`document_id::int`.as('id'), 'added_at'])
    .where('registration_id', '=', registrationId)
    .where('type', 'is', null)
    .orderBy('added_at')
    .execute();
}

/** Marks one checklist file of an application not accepted; false when it is not one of them. */
export async function rejectChecklistDocument(
  db: DbOrTx,
  options: { registrationId: number; documentId: number; operatorId: number; reason: string },
) {
  const row = await db
    .updateTable('registration_documents')
    .set({ rejected_reason: options.reason, rejected_by: options.operatorId, rejected_at: sql<Date>`now()` })
    .where('registration_id', '=', options.registrationId)
    .where('document_id', '=', options.documentId)
    .where('type', 'is not', null)
    .returning(['type'])
    .executeTakeFirst();
  return row?.type ?? undefined;
}

/** Other applications of the same passport, and at the same property: the person's and the address's history. */
export function history(
  db: DbOrTx,
  options: { id: number; passportNumberHash: string; propertyId: number | null },
) {
  return db
    .selectFrom('registrations')
    .select([
      sql<number>`id::int`.as('id'),
      'application_number',
      'status',
      'valid_from',
      'valid_until',
      sql<boolean>`passport_number_hash = ${options.passportNumberHash}`.as('same_person'),
    ])
    .where('id', '<>', options.id)
    .where((eb) =>
      eb.or([
        eb('passport_number_hash', '=', options.passportNumberHash),
        ...(options.propertyId ? [eb('property_id', '=', options.propertyId)] : []),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
}
