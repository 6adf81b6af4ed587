import { sql, type Insertable } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type { RegistrationsTable } from '../../db/schema.js';

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

// ---------- drafts ----------

export async function insertDraft(db: DbOrTx, hostId: number, dataEnc: string): Promise<number> {
  const row = await db
    .insertInto('registration_drafts')
    .values({ host_id: hostId, data_enc: dataEnc })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates a draft of this host; false when it has none with this id. */
export async function updateDraft(db: DbOrTx, hostId: number, id: number, dataEnc: string): Promise<boolean> {
  const result = await db
    .updateTable('registration_drafts')
    .set({ data_enc: dataEnc, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('host_id', '=', hostId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function findDraft(db: DbOrTx, hostId: number, id: number) {
  return db
    .selectFrom('registration_drafts')
    .select(['id', 'data_enc', 'created_at', 'updated_at'])
    .where('id', '=', id)
    .where('host_id', '=', hostId)
    .executeTakeFirst();
}

export function listDrafts(db: DbOrTx, hostId: number, limit = 100) {
  return db
    .selectFrom('registration_drafts')
    .select(['id', 'data_enc', 'created_at', 'updated_at'])
    .where('host_id', '=', hostId)
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
}

export async function deleteDraft(db: DbOrTx, hostId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('registration_drafts')
    .where('id', '=', id)
    .where('host_id', '=', hostId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// ---------- applications ----------

/** The next number of the year, taken atomically: concurrent confirmations never share one. */
export async function nextApplicationNumber(db: DbOrTx, year: number): Promise<number> {
  const { rows } = await sql<{ last: number }>`
    insert into application_numbers as a (year, last) values (${year}, 1)
    on conflict (year) do update set last = a.last + 1
    returning last
  `.execute(db);
  return rows[0]!.last;
}

export type NewApplication = Omit<Insertable<RegistrationsTable>, 'registration_number'>;

export async function insertApplication(db: DbOrTx, application: NewApplication): Promise<number> {
  const row = await db
    .insertInto('registrations')
    .values(application)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findApplication(db: DbOrTx, hostId: number, id: number) {
  return db
    .selectFrom('registrations')
    .select([
      'id',
      'host_id',
      'application_number',
      'status',
      'valid_from',
      'valid_until',
      'fee_minor',
      'fee_currency',
    ])
    .where('id', '=', id)
    .where('host_id', '=', hostId)
    .forUpdate()
    .executeTakeFirst();
}

/** An application by id alone, locked: for the acquirer's side, which knows no host. */
export function lockApplication(db: DbOrTx, id: number) {
  return db
    .selectFrom('registrations')
    .select(['id', 'host_id', 'application_number', 'status', 'language', 'email', 'phone'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Moves an application from one status to another only if it is still in `from` (no lost update). */
export async function updateStatus(db: DbOrTx, id: number, from: string, to: string): Promise<boolean> {
  const result = await db
    .updateTable('registrations')
    .set({ status: to, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------- the archive ----------

const SORT_COLUMNS = {
  created: 'registrations.id',
  applicationNumber: 'registrations.application_number',
  surname: 'registrations.surname',
  periodFrom: 'registrations.valid_from',
} as const;

/** One page of a host's applications and how many match in all; the host is in every WHERE. */
export async function archivePage(
  db: DbOrTx,
  options: {
    hostId: number;
    name?: string;
    passportNumberHash?: string;
    status?: string;
    propertyId?: number;
    sort: keyof typeof SORT_COLUMNS;
    order: 'asc' | 'desc';
    limit: number;
    offset: number;
  },
) {
  let query = db
    .selectFrom('registrations')
    .leftJoin('properties', 'properties.id', 'registrations.property_id')
    .where('registrations.host_id', '=', options.hostId);
  if (options.status) query = query.where('registrations.status', '=', options.status);
  if (options.propertyId) query = query.where('registrations.property_id', '=', options.propertyId);
  if (options.name || options.passportNumberHash) {
    const like = `%${(options.name ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        ...(options.name
          ? [eb(sql<string>`registrations.surname || ' ' || registrations.given_names`, 'ilike', like)]
          : []),
        ...(options.passportNumberHash
          ? [eb('registrations.passport_number_hash', '=', options.passportNumberHash)]
          : []),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .select([
        'registrations.id',
        'registrations.application_number',
        'registrations.created_at',
        'registrations.registration_number',
        'registrations.surname',
        'registrations.given_names',
        'registrations.birth_date',
        'registrations.passport_country',
        'registrations.passport_number_enc',
        'registrations.property_id',
        'properties.code as property_code',
        'registrations.valid_from',
        'registrations.valid_until',
        'registrations.status',
      ])
      .orderBy(sql.ref(SORT_COLUMNS[options.sort]), options.order)
      .orderBy('registrations.id', options.order)
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}
