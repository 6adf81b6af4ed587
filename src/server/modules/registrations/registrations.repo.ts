import { sql, type Insertable } from 'kysely';
import { preparedQuery, type Db, type DbOrTx, type Tx } from '../../db/database.js';
import type { FlagCounts } from './warnings.js';
import type { RegistrationsTable } from '../../db/schema.js';
import type { PaymentStatus } from '../../../shared/schemas/statuses.js';
import type { PinHolder } from '../accounts/accounts.service.js';

/**
 * Applications that still hold their passport's days and a place at the property: not ended,
 * cancelled, rejected or expired. (A draft is not an application: it lives in its own table.)
 */
const ACTIVE_STATUSES = ['awaiting_payment', 'submitted', 'in_review', 'approved', 'documents_requested'];

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

interface FlagCountOptions {
  hostId: number;
  propertyId: number;
  from: string;
  to: string;
  /** Applications made since then count towards the "busy" flags. */
  recentSince: Date;
}

/** The columns of FlagCounts, for a statement that selects them with other things. */
const flagCountColumns = ({ hostId, propertyId, from, to, recentSince }: FlagCountOptions) => sql`
      (select count(*)::int from registrations r where r.property_id = ${propertyId}
         and r.status in (${sql.join(ACTIVE_STATUSES)}) and r.valid_from <= ${to} and r.valid_until >= ${from}) as registered,
      -- One place however many hosts added it: by its code (the registry's, or the address key).
      (select count(*)::int from registrations r where r.created_at >= ${recentSince}
         and (r.property_id = ${propertyId} or r.property_id in (select same.id from properties same
           where same.removed_at is null
             and same.code = (select p.code from properties p where p.id = ${propertyId})))) as "recentAtProperty",
      (select count(*)::int from registrations r where r.host_id = ${hostId}
         and r.created_at >= ${recentSince}) as "recentByHost"`;

/**
 * The counts behind the capacity and "busy" flags, after taking the place's and the host's turn
 * until the caller's transaction ends: applications made at once are counted one after another,
 * each seeing those before it. Callers lock a passport first (lockPassport), then this: always in
 * that order, so no two confirmations wait for each other in a circle. The property row is held
 * too (shared), so it cannot be removed or shrunk under an application being made (properties
 * takes it for update); undefined when it has been removed meanwhile.
 */
export async function lockFlagCounts(
  tx: Tx,
  options: FlagCountOptions & { propertyCode: string },
): Promise<FlagCounts | undefined> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${'place:' + options.propertyCode}, 0))`.execute(
    tx,
  );
  await sql`select pg_advisory_xact_lock(hashtextextended(${'host:' + options.hostId}, 0))`.execute(tx);
  const held = await tx
    .selectFrom('properties')
    .select('id')
    .where('id', '=', options.propertyId)
    .where('removed_at', 'is', null)
    .forShare()
    .executeTakeFirst();
  if (!held) return undefined;
  const { rows } = await sql<FlagCounts>`select ${flagCountColumns(options)}`.execute(tx);
  return rows[0]!;
}

/**
 * Everything «Проверка данных» and «Confirm» need from the database, in one statement: the host's
 * PIN state and contacts (for the accounts module's PIN check), the host's property,
 * which of the given documents are the host's (and of what kind), whether the passport already
 * has an active registration for overlapping days, and how many are registered at the property
 * then. One round trip instead of four: on every confirmation, under load, that is what counts
 * (bench/registrations.bench.ts).
 */
export async function formFacts(
  db: DbOrTx,
  options: {
    hostId: number;
    propertyId: number;
    documentIds: number[];
    passportNumberHash: string;
    from: string;
    to: string;
    /** Applications made since then count towards the "busy" flags. */
    recentSince: Date;
  },
) {
  const { hostId, propertyId, from, to, recentSince } = options;
  const active = sql`(${sql.join(ACTIVE_STATUSES)})`;
  const { rows } = await sql<
    FlagCounts & {
      property: { id: number; code: string; address: unknown; capacity: number } | null;
      documents: { id: number; kind: string }[];
      overlapping: number;
      host: PinHolder | null;
    }
  >`
    select
      (select json_build_object('pin_hash', h.pin_hash, 'pin_failures', h.pin_failures,
         'pin_locked_until', h.pin_locked_until, 'email', h.email, 'phone', h.phone, 'language', h.language)
         from hosts h where h.id = ${hostId}) as host,
      (select json_build_object('id', p.id, 'code', p.code, 'address', p.address, 'capacity', p.capacity)
         from properties p where p.id = ${propertyId} and p.host_id = ${hostId} and p.removed_at is null) as property,
      (select coalesce(json_agg(json_build_object('id', d.id, 'kind', d.kind)), '[]'::json)
         from documents d where d.id = any(${options.documentIds}::bigint[]) and d.owner_host_id = ${hostId}) as documents,
      (select count(*)::int from registrations r where r.passport_number_hash = ${options.passportNumberHash}
         and r.status in ${active} and r.valid_from <= ${to} and r.valid_until >= ${from}) as overlapping,
      ${flagCountColumns({ hostId, propertyId, from, to, recentSince })}
  `.execute(db);
  const facts = rows[0]!;
  // JSON carries the timestamp as text.
  const host = facts.host && {
    ...facts.host,
    pin_locked_until: facts.host.pin_locked_until ? new Date(facts.host.pin_locked_until) : null,
  };
  return { ...facts, host };
}

/** A registration by its application or registration number, only with the matching passport. */
/**
 * The public status check: a registration by one of its numbers (the application's `2026-000123`
 * or the registration's 14 digits, each a unique index) and the passport's hash. Prepared: it is
 * the busiest public query, and planning it cost more than running it.
 */
export async function findByNumberAndPassport(
  db: Db,
  options: { number: string; passportNumberHash: string },
) {
  const byRegistration = /^\d{14}$/.test(options.number);
  const column = byRegistration ? 'registration_number' : 'application_number';
  const rows = await preparedQuery<{
    application_number: string;
    registration_number: string | null;
    status: string;
    valid_from: string | null;
    valid_until: string | null;
    surname: string | null;
    given_names: string | null;
  }>(
    db,
    `status-check-by-${column}`,
    `select application_number, registration_number, status, valid_from, valid_until, surname, given_names
       from registrations where ${column} = $1 and passport_number_hash = $2`,
    [options.number, options.passportNumberHash],
  );
  return rows[0];
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

/**
 * Makes confirmations of one passport take turns until the caller's transaction ends, so that the
 * overlap rule (countOverlapping) holds however many arrive at once. Two passports whose hashes
 * collide in 64 bits merely wait for each other.
 */
export async function lockPassport(tx: DbOrTx, passportNumberHash: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${'passport:' + passportNumberHash}, 0))`.execute(
    tx,
  );
}

/** Active applications of this passport for any of the days from…to. */
export async function countOverlapping(
  db: DbOrTx,
  options: { passportNumberHash: string; from: string; to: string },
): Promise<number> {
  const row = await db
    .selectFrom('registrations')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('passport_number_hash', '=', options.passportNumberHash)
    .where('status', 'in', ACTIVE_STATUSES)
    .where('valid_from', '<=', options.to)
    .where('valid_until', '>=', options.from)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The next number of the year, taken atomically: concurrent confirmations never share one. */
/** The sequence that numbers a year's applications (made on first use, see ensureYearSequence). */
const yearSequence = (year: number) => `application_number_${year}`;
/** Per database (tests run several in one process). */
const knownYears = new WeakMap<object, Set<number>>();

/**
 * A year's applications are numbered from 1 by a sequence of their own. Sequences do not lock:
 * confirmations never wait for each other's number (a counter row would make them queue). A
 * confirmation that rolls back leaves its number unused; numbers never repeat and always grow.
 */
export async function ensureYearSequence(db: DbOrTx, year: number): Promise<void> {
  const known = knownYears.get(db) ?? new Set<number>();
  knownYears.set(db, known);
  if (known.has(year)) return;
  try {
    await sql`create sequence if not exists ${sql.id(yearSequence(year))}`.execute(db);
  } catch (error) {
    // Two processes creating it at the same moment: the other one won, which is as good.
    if ((error as { code?: string }).code !== '23505') throw error;
  }
  known.add(year);
}

export type NewApplication = Omit<
  Insertable<RegistrationsTable>,
  'registration_number' | 'application_number'
>;

/** The application with the year's next number, e.g. 2026-000123 (ensureYearSequence first). */
export async function insertApplication(db: DbOrTx, year: number, application: NewApplication) {
  return db
    .insertInto('registrations')
    .values({
      ...application,
      application_number: sql<string>`${String(year)} || '-' || lpad(nextval(${yearSequence(year)})::text, 6, '0')`,
    })
    .returning(['id', 'application_number'])
    .executeTakeFirstOrThrow();
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
      'language',
      'email',
      'phone',
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
export type StatusChanges = Partial<
  Pick<
    RegistrationsTable,
    | 'submitted_at'
    | 'claimed_by'
    | 'claim_until'
    | 'decided_by'
    | 'decided_at'
    | 'decision_reason'
    | 'decision_note'
    | 'registration_number'
    | 'revoked_at'
    | 'answer_due'
  >
>;

export async function updateStatus(
  db: DbOrTx,
  id: number,
  from: string,
  to: string,
  changes: StatusChanges = {},
): Promise<boolean> {
  const result = await db
    .updateTable('registrations')
    .set({ ...changes, status: to, updated_at: sql<Date>`now()` })
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
/**
 * Tab 4's page: a read model over the host's applications with what the page shows beside each —
 * its property's code, the staff member who made it, the latest payment's status. It applies no
 * rule of those modules; it only reads.
 */
export async function archivePage(
  db: DbOrTx,
  options: {
    hostId: number;
    name?: string;
    passportNumberHash?: string;
    /** An application number or a registration number, as the host was given it. */
    number?: string;
    status?: string;
    propertyId?: number;
    /** A legal entity's archive, filtered to what one staff member made. */
    staffId?: number;
    sort: keyof typeof SORT_COLUMNS;
    order: 'asc' | 'desc';
    limit: number;
    offset: number;
  },
) {
  let query = db
    .selectFrom('registrations')
    .leftJoin('properties', 'properties.id', 'registrations.property_id')
    .leftJoin('entity_staff', 'entity_staff.id', 'registrations.staff_id')
    .where('registrations.host_id', '=', options.hostId);
  if (options.status) query = query.where('registrations.status', '=', options.status);
  if (options.staffId) query = query.where('registrations.staff_id', '=', options.staffId);
  if (options.propertyId) query = query.where('registrations.property_id', '=', options.propertyId);
  if (options.name || options.passportNumberHash || options.number) {
    const like = `%${(options.name ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        ...(options.name
          ? [eb(sql<string>`registrations.surname || ' ' || registrations.given_names`, 'ilike', like)]
          : []),
        ...(options.passportNumberHash
          ? [eb('registrations.passport_number_hash', '=', options.passportNumberHash)]
          : []),
        ...(options.number
          ? [
              eb('registrations.application_number', '=', options.number),
              eb('registrations.registration_number', '=', options.number),
            ]
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
        'registrations.decision_reason',
        'registrations.decision_note',
        'entity_staff.full_name as staff_name',
        // The latest payment's status, read here (payments_registration_idx) rather than asked
        // of the payments module row by row: a page of the archive is one statement.
        sql<PaymentStatus | null>`(select p.status from payments p where p.registration_id = registrations.id
          order by p.id desc limit 1)`.as('payment_status'),
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

export async function attachDocuments(
  db: DbOrTx,
  registrationId: number,
  documentIds: number[],
  messageId: number | null = null,
) {
  if (documentIds.length === 0) return;
  await db
    .insertInto('registration_documents')
    .values(
      documentIds.map((document_id) => ({
        registration_id: registrationId,
        document_id,
        message_id: messageId,
      })),
    )
    .execute();
}

export async function attachChecklistDocuments(
  db: DbOrTx,
  registrationId: number,
  documents: { documentId: number; type: string; position: number }[],
) {
  if (documents.length === 0) return;
  await db
    .insertInto('registration_documents')
    .values(
      documents.map((d) => ({
        registration_id: registrationId,
        document_id: d.documentId,
        type: d.type,
        position: d.position,
      })),
    )
    .execute();
}

/** The files of the documents checklist, by item and part, with what an operator said of each. */
export function checklistDocuments(db: DbOrTx, registrationIds: number[]) {
  if (registrationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('registration_documents')
    .innerJoin('documents', 'documents.id', 'registration_documents.document_id')
    .select([
      sql<number>`registration_documents.registration_id::int`.as('registration_id'),
      sql<number>`registration_documents.document_id::int`.as('id'),
      sql<string>`registration_documents.type`.as('type'),
      sql<number>`registration_documents.position`.as('position'),
      'documents.media_type',
      'documents.size_bytes',
      'registration_documents.rejected_reason',
      'registration_documents.rejected_at',
    ])
    .where('registration_documents.registration_id', 'in', registrationIds)
    .where('registration_documents.type', 'is not', null)
    .orderBy('registration_documents.registration_id')
    .orderBy('registration_documents.position')
    .execute();
}

/** Takes over (or extends) a claim on an application already under review. */
export async function setClaim(db: DbOrTx, id: number, operatorId: number, until: Date) {
  await db
    .updateTable('registrations')
    .set({ claimed_by: operatorId, claim_until: until, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** One of the host's applications with every answer its form took (the extra ones still sealed). */
export function findApplicationAnswers(db: DbOrTx, hostId: number, id: number) {
  return db
    .selectFrom('registrations')
    .select([
      'id',
      'application_number',
      'status',
      'property_id',
      'surname',
      'given_names',
      'patronymic',
      'birth_date',
      'sex',
      'passport_type',
      'passport_country',
      'passport_number_enc',
      'passport_issue_date',
      'passport_expiry_date',
      'entry_date',
      'phone',
      'email',
      'valid_from',
      'valid_until',
      'purpose',
      'with_guardian',
      'answers_enc',
      'form_version',
      'registration_number',
      'created_at',
      'decided_at',
      'decision_reason',
      'decision_note',
      'passport_document_id',
      'photo_document_id',
    ])
    .where('id', '=', id)
    .where('host_id', '=', hostId)
    .executeTakeFirst();
}

const ENTITY_VIEW = [
  'id',
  'application_number',
  'external_reference',
  'status',
  'registration_number',
  'property_id',
  'surname',
  'given_names',
  'passport_country',
  'valid_from',
  'valid_until',
  'fee_minor',
  'fee_currency',
  'created_at',
] as const;

/** The host's applications seen through an API key: only its places when the key names some. */
function entityApplications(db: DbOrTx, hostId: number, placeIds: number[] | null) {
  const query = db.selectFrom('registrations').select(ENTITY_VIEW).where('host_id', '=', hostId);
  return placeIds ? query.where('property_id', 'in', placeIds.length ? placeIds : [0]) : query;
}

export function findEntityApplication(
  db: DbOrTx,
  scope: { hostId: number; placeIds: number[] | null },
  by: { applicationNumber: string } | { externalReference: string },
) {
  const query = entityApplications(db, scope.hostId, scope.placeIds);
  return (
    'applicationNumber' in by
      ? query.where('application_number', '=', by.applicationNumber)
      : query.where('external_reference', '=', by.externalReference)
  ).executeTakeFirst();
}

/** Made in [since, until), in the order they were made, after the cursor's id. */
export function listEntityApplications(
  db: DbOrTx,
  scope: { hostId: number; placeIds: number[] | null },
  page: { since: Date; until: Date; afterId: number; limit: number },
) {
  return entityApplications(db, scope.hostId, scope.placeIds)
    .where('created_at', '>=', page.since)
    .where('created_at', '<', page.until)
    .where('id', '>', page.afterId)
    .orderBy('id')
    .limit(page.limit)
    .execute();
}
