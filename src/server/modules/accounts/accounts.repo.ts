import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type { Generated } from 'kysely';
import type { CodePurpose, HostsTable, NewHost } from '../../db/schema.js';

const hostColumns = [
  'id',
  'status',
  'language',
  'email',
  'password_hash',
  'surname',
  'given_names',
  'birth_date',
  'sex',
  'subject_type',
  'passport_type',
  'passport_country',
  'passport_number_enc',
  'passport_expiry_date',
  'phone',
  'pin_hash',
  'failed_logins',
  'locked_until',
  'pin_failures',
  'pin_locked_until',
] as const;

type HostRow = {
  [K in (typeof hostColumns)[number]]: HostsTable[K] extends Generated<infer T> ? T : HostsTable[K];
};
/** A person's row: the columns a legal entity leaves empty are filled (the table's check says so). */
export type PersonHost = {
  [K in keyof HostRow]: K extends NullableForEntities ? NonNullable<HostRow[K]> : HostRow[K];
};
type NullableForEntities =
  | 'email'
  | 'password_hash'
  | 'birth_date'
  | 'sex'
  | 'passport_type'
  | 'passport_country'
  | 'passport_number_enc'
  | 'passport_expiry_date';

/** A person who hosts, by e-mail (a legal entity has none: its staff sign in). */
export async function findHostByEmail(db: DbOrTx, email: string): Promise<PersonHost | undefined> {
  const row = await db
    .selectFrom('hosts')
    .select(hostColumns)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('kind', '=', 'person')
    .executeTakeFirst();
  return row as PersonHost | undefined;
}

/** A person who hosts, by id: the account pages are a person's (an entity's are its staff's). */
export async function findHostById(db: DbOrTx, id: number): Promise<PersonHost | undefined> {
  const row = await db
    .selectFrom('hosts')
    .select(hostColumns)
    .where('id', '=', id)
    .where('kind', '=', 'person')
    .executeTakeFirst();
  return row as PersonHost | undefined;
}

export async function emailTaken(db: DbOrTx, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('hosts')
    .select('id')
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether any account signs in with this e-mail: a person's, an operator's or a staff member's. */
export async function loginEmailTaken(db: DbOrTx, email: string): Promise<boolean> {
  const [staff, host, operator] = await Promise.all(
    (['entity_staff', 'hosts', 'operators'] as const).map((table) =>
      db
        .selectFrom(table)
        .select('id')
        .where(sql`lower(email)`, '=', email.toLowerCase())
        .executeTakeFirst(),
    ),
  );
  return Boolean(staff || host || operator);
}

export async function insertHost(db: DbOrTx, host: NewHost): Promise<number> {
  const row = await db.insertInto('hosts').values(host).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertConsents(
  db: DbOrTx,
  hostId: number,
  consents: { document: string; version: string; acceptedAt: Date }[],
) {
  await db
    .insertInto('consents')
    .values(
      consents.map((c) => ({
        host_id: hostId,
        document: c.document,
        version: c.version,
        accepted_at: c.acceptedAt,
      })),
    )
    .execute();
}

export async function updateHost(
  db: DbOrTx,
  id: number,
  changes: Partial<{
    status: 'active';
    activated_at: Date;
    pin_hash: string;
    phone: string;
    password_hash: string;
    failed_logins: number;
    locked_until: Date | null;
    language: string;
  }>,
) {
  await db.updateTable('hosts').set(changes).where('id', '=', id).execute();
}

export async function insertOperator(
  db: DbOrTx,
  operator: { email: string; passwordHash: string; fullName: string; role: 'operator' | 'supervisor' },
): Promise<number> {
  const row = await db
    .insertInto('operators')
    .values({
      email: operator.email,
      password_hash: operator.passwordHash,
      full_name: operator.fullName,
      role: operator.role,
      locked_until: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A new password, and any lock lifted. */
export async function resetOperatorPassword(db: DbOrTx, id: number, passwordHash: string): Promise<void> {
  await db
    .updateTable('operators')
    .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null })
    .where('id', '=', id)
    .execute();
}

export function findOperatorByEmail(db: DbOrTx, email: string) {
  return db
    .selectFrom('operators')
    .select([
      'id',
      'email',
      'password_hash',
      'full_name',
      'role',
      'failed_logins',
      'locked_until',
      'totp_secret_enc',
      'totp_pending_secret_enc',
      'totp_last_step',
    ])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export function findOperatorById(db: DbOrTx, id: number) {
  return db
    .selectFrom('operators')
    .select(['id', 'email', 'full_name', 'role'])
    .where('id', '=', id)
    .executeTakeFirst();
}

const COUNTERS = {
  login: { failures: 'failed_logins', lockedUntil: 'locked_until' },
  pin: { failures: 'pin_failures', lockedUntil: 'pin_locked_until' },
} as const;

/**
 * Claims one attempt, before the secret is compared: counted as a failure at once, in one
 * statement, so that parallel guesses each take a turn and none is compared past the limit. From
 * the `lockAfter`-th on, a cool-down that doubles with each attempt (1, 2, 4 … 60 minutes) starts
 * with the claim; a right answer clears both (clearFailures). While a cool-down lasts nothing is
 * claimed: `claimed` is false and `lockedUntil` says until when.
 */
export async function claimAttempt(
  db: DbOrTx,
  options: {
    table: 'hosts' | 'operators' | 'entity_staff';
    id: number;
    kind: keyof typeof COUNTERS;
    lockAfter: number;
  },
): Promise<{ claimed: boolean; failures: number; lockedUntil: Date | null }> {
  const { failures, lockedUntil } = COUNTERS[options.kind];
  const f = sql.ref(failures);
  const lock = sql.ref(lockedUntil);
  const table = sql.table(options.table);
  // The row's lock orders parallel claims; each re-reads the lock the previous one set.
  const { rows } = await sql<{ failures: number; locked_until: Date | null }>`
    update ${table} set
      ${f} = ${f} + 1,
      ${lock} = case when ${f} + 1 >= ${options.lockAfter}
        then now() + least(power(2, ${f} + 1 - ${options.lockAfter}), 60) * interval '1 minute'
        else null end
    where id = ${options.id} and (${lock} is null or ${lock} <= now())
    returning ${f} as failures, ${lock} as locked_until
  `.execute(db);
  if (rows[0]) return { claimed: true, failures: rows[0].failures, lockedUntil: rows[0].locked_until };
  const { rows: current } = await sql<{ failures: number; locked_until: Date | null }>`
    select ${f} as failures, ${lock} as locked_until from ${table} where id = ${options.id}`.execute(db);
  return {
    claimed: false,
    failures: current[0]?.failures ?? 0,
    lockedUntil: current[0]?.locked_until ?? null,
  };
}

export async function clearFailures(
  db: DbOrTx,
  options: { table: 'hosts' | 'operators' | 'entity_staff'; id: number; kind: keyof typeof COUNTERS },
): Promise<void> {
  const { failures, lockedUntil } = COUNTERS[options.kind];
  await sql`update ${sql.table(options.table)} set ${sql.ref(failures)} = 0, ${sql.ref(lockedUntil)} = null
    where id = ${options.id} and (${sql.ref(failures)} <> 0 or ${sql.ref(lockedUntil)} is not null)`.execute(
    db,
  );
}

// One-time codes

export async function invalidateCodes(db: DbOrTx, hostId: number, purpose: CodePurpose) {
  await db
    .updateTable('one_time_codes')
    .set({ invalidated_at: new Date() })
    .where('host_id', '=', hostId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('invalidated_at', 'is', null)
    .execute();
}

export async function insertCode(
  db: DbOrTx,
  code: {
    hostId: number;
    purpose: CodePurpose;
    codeHash: string;
    handleHash: string | null;
    target: string | null;
    expiresAt: Date;
  },
) {
  await db
    .insertInto('one_time_codes')
    .values({
      host_id: code.hostId,
      purpose: code.purpose,
      code_hash: code.codeHash,
      handle_hash: code.handleHash,
      target: code.target,
      expires_at: code.expiresAt,
      sent_at: new Date(),
    })
    .execute();
}

const codeColumns = [
  'id',
  'host_id',
  'code_hash',
  'target',
  'attempts',
  'expires_at',
  'sent_at',
  'used_at',
  'invalidated_at',
] as const;

/** The newest code of a purpose, locked for the check that follows. */
export function latestCode(
  db: DbOrTx,
  where: { hostId: number; purpose: CodePurpose } | { handleHash: string },
) {
  let query = db.selectFrom('one_time_codes').select(codeColumns);
  query =
    'handleHash' in where
      ? query.where('handle_hash', '=', where.handleHash).where('purpose', '=', 'activation')
      : query.where('host_id', '=', where.hostId).where('purpose', '=', where.purpose);
  return query.orderBy('id', 'desc').limit(1).forUpdate().executeTakeFirst();
}

export async function updateCode(
  db: DbOrTx,
  id: number,
  changes: Partial<{ attempts: number; used_at: Date; invalidated_at: Date; handle_hash: string }>,
) {
  await db.updateTable('one_time_codes').set(changes).where('id', '=', id).execute();
}

export {
  deleteHostSessions,
  deleteOperatorSessions,
  deleteSession,
  deleteStaffSessions,
} from '../../http/sessions.repo.js';

/** For the operator workspace: names and states only, no document numbers. */
export function listRecentHosts(db: DbOrTx, limit: number) {
  return db
    .selectFrom('hosts')
    .select(['id', 'surname', 'given_names', 'subject_type', 'status', 'created_at'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** No password verifies against this, and the lock never ends: the account can no longer be used. */
const UNUSABLE = { password_hash: '!disabled', locked_until: new Date('9999-12-31T00:00:00Z') };

/** Makes an account unusable; returns its id, or undefined when there is none (or it already was). */
export async function disableAccount(db: DbOrTx, table: 'hosts' | 'operators', email: string) {
  const row = await db
    .updateTable(table)
    .set(UNUSABLE)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('password_hash', '<>', UNUSABLE.password_hash)
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** The secret an operator is about to scan; kept until the first code from it proves the app has it. */
export async function setPendingTotpSecret(db: DbOrTx, operatorId: number, secretEnc: string): Promise<void> {
  await db
    .updateTable('operators')
    .set({ totp_pending_secret_enc: secretEnc })
    .where('id', '=', operatorId)
    .execute();
}

/**
 * Records an accepted step, only if it is later than the last one: two logins racing with one
 * code cannot both pass. Enrolling moves the pending secret in place and replaces the recovery codes.
 */
export async function acceptTotpStep(
  db: DbOrTx,
  operatorId: number,
  step: number,
  enrol?: { secretEnc: string; recoveryCodeHashes: string[] },
): Promise<boolean> {
  const updated = await db
    .updateTable('operators')
    .set({
      totp_last_step: step,
      ...(enrol
        ? { totp_secret_enc: enrol.secretEnc, totp_pending_secret_enc: null, totp_enrolled_at: new Date() }
        : {}),
    })
    .where('id', '=', operatorId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) return false;
  if (enrol) {
    await db.deleteFrom('operator_recovery_codes').where('operator_id', '=', operatorId).execute();
    await db
      .insertInto('operator_recovery_codes')
      .values(enrol.recoveryCodeHashes.map((code_hash) => ({ operator_id: operatorId, code_hash })))
      .execute();
  }
  return true;
}

/** Spends a recovery code; false when it is not one of this operator's, or was spent. */
export async function useRecoveryCode(db: DbOrTx, operatorId: number, codeHash: string): Promise<boolean> {
  const used = await db
    .updateTable('operator_recovery_codes')
    .set({ used_at: new Date() })
    .where('operator_id', '=', operatorId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return used.numUpdatedRows > 0n;
}

/** The demo operator's second factor: set outright, enrolled, with no recovery codes. */
export async function setTotpSecret(db: DbOrTx, operatorId: number, secretEnc: string): Promise<void> {
  await db
    .updateTable('operators')
    .set({
      totp_secret_enc: secretEnc,
      totp_pending_secret_enc: null,
      totp_enrolled_at: new Date(),
      totp_last_step: null,
    })
    .where('id', '=', operatorId)
    .execute();
}

/** A host's kind: a person or a legal entity; undefined when there is no such host. */
export async function findHostKind(db: DbOrTx, hostId: number) {
  return (await db.selectFrom('hosts').select('kind').where('id', '=', hostId).executeTakeFirst())?.kind;
}

/**
 * A host's contacts. A legal entity's host row has no e-mail of its own: it is the one on its
 * legal_entities row. Reading that table here is deliberate: the legal-entities module already
 * opens its hosts and staff through accounts' services, so asking its service from here would make
 * each module depend on the other, and keeping the e-mail on the host row needs a schema change.
 */
export function findHostContacts(db: DbOrTx, hostId: number) {
  return db
    .selectFrom('hosts as h')
    .leftJoin('legal_entities as le', 'le.host_id', 'h.id')
    .select([sql<string | null>`coalesce(h.email, le.email)`.as('email'), 'h.phone', 'h.language'])
    .where('h.id', '=', hostId)
    .executeTakeFirst();
}
