import type { DbOrTx } from '../../db/database.js';

/** True when this request is the first with its key: it does the work, the others wait for it. */
export async function claimKey(
  db: DbOrTx,
  row: { keyId: number; idempotencyKey: string; requestHash: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ key_id: row.keyId, idempotency_key: row.idempotencyKey, request_hash: row.requestHash })
    .onConflict((c) => c.columns(['key_id', 'idempotency_key']).doNothing())
    .returning('key_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function findKey(db: DbOrTx, keyId: number, idempotencyKey: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response_body', 'created_at'])
    .where('key_id', '=', keyId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export async function saveAnswer(
  db: DbOrTx,
  row: { keyId: number; idempotencyKey: string; statusCode: number; body: string },
) {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: row.statusCode, response_body: row.body })
    .where('key_id', '=', row.keyId)
    .where('idempotency_key', '=', row.idempotencyKey)
    .execute();
}

/** Forget an unanswered claim (the work failed, or was abandoned before `olderThan`). */
export async function releaseKey(db: DbOrTx, keyId: number, idempotencyKey: string, olderThan?: Date) {
  let query = db
    .deleteFrom('idempotency_keys')
    .where('key_id', '=', keyId)
    .where('idempotency_key', '=', idempotencyKey)
    .where('status_code', 'is', null);
  if (olderThan) query = query.where('created_at', '<', olderThan);
  await query.execute();
}

export async function deleteOlderThan(db: DbOrTx, before: Date): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
