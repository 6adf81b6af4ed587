import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';

export function findLiveSession(db: DbOrTx, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .select(['host_id', 'operator_id', 'staff_id'])
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

export async function insertSession(
  db: DbOrTx,
  session: {
    tokenHash: string;
    hostId: number | null;
    operatorId: number | null;
    staffId?: number | null;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      host_id: session.hostId,
      operator_id: session.operatorId,
      staff_id: session.staffId ?? null,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function deleteSession(db: DbOrTx, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends a host's sessions, except the one given (the one that made the change). */
export async function deleteHostSessions(db: DbOrTx, hostId: number, exceptTokenHash?: string | null) {
  let query = db.deleteFrom('sessions').where('host_id', '=', hostId);
  if (exceptTokenHash) query = query.where('token_hash', '<>', exceptTokenHash);
  await query.execute();
}

export async function deleteOperatorSessions(db: DbOrTx, operatorId: number) {
  await db.deleteFrom('sessions').where('operator_id', '=', operatorId).execute();
}

/** A staff member disabled (or their password changed): their sessions end, but for the one given. */
export async function deleteStaffSessions(db: DbOrTx, staffId: number, exceptTokenHash?: string | null) {
  let query = db.deleteFrom('sessions').where('staff_id', '=', staffId);
  if (exceptTokenHash) query = query.where('token_hash', '<>', exceptTokenHash);
  await query.execute();
}
