import type { DbOrTx } from '../../db/database.js';
import type { ApiScope } from '../../../shared/schemas/api-keys.js';

// This module's table: the keys. The entity and its places are reached through their services.

const COLUMNS = [
  'id',
  'host_id',
  'name',
  'mode',
  'hint',
  'scopes',
  'place_ids',
  'expires_at',
  'revoked_at',
  'last_used_at',
  'last_used_address',
  'created_at',
] as const;

export async function insertKey(
  db: DbOrTx,
  row: {
    hostId: number;
    name: string;
    mode: 'live' | 'test';
    secretHash: string;
    hint: string;
    scopes: ApiScope[];
    placeIds: number[] | null;
    expiresAt: Date | null;
    createdBy: number;
  },
) {
  return db
    .insertInto('api_keys')
    .values({
      host_id: row.hostId,
      name: row.name,
      mode: row.mode,
      secret_hash: row.secretHash,
      hint: row.hint,
      scopes: JSON.stringify(row.scopes),
      place_ids: row.placeIds ? JSON.stringify(row.placeIds) : null,
      expires_at: row.expiresAt,
      created_by: row.createdBy,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export type KeyRow = Awaited<ReturnType<typeof insertKey>>;

export function listKeys(db: DbOrTx, hostId: number) {
  return db
    .selectFrom('api_keys')
    .select(COLUMNS)
    .where('host_id', '=', hostId)
    .orderBy('id', 'desc')
    .execute();
}

/** One of the entity's keys, locked for a change; another entity's key is as good as none. */
export function lockKey(db: DbOrTx, hostId: number, id: number) {
  return db
    .selectFrom('api_keys')
    .select([...COLUMNS, 'created_by'])
    .where('host_id', '=', hostId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function findBySecretHash(db: DbOrTx, secretHash: string) {
  return db
    .selectFrom('api_keys')
    .select([...COLUMNS, 'secret_hash'])
    .where('secret_hash', '=', secretHash)
    .executeTakeFirst();
}

export async function setExpiry(db: DbOrTx, id: number, expiresAt: Date, rotatedTo: number) {
  await db
    .updateTable('api_keys')
    .set({ expires_at: expiresAt, rotated_to: rotatedTo })
    .where('id', '=', id)
    .execute();
}

export async function markRevoked(db: DbOrTx, id: number, at: Date) {
  await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function markUsed(db: DbOrTx, id: number, at: Date, address: string) {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: at, last_used_address: address })
    .where('id', '=', id)
    .execute();
}

export function findKey(db: DbOrTx, id: number) {
  return db.selectFrom('api_keys').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}
