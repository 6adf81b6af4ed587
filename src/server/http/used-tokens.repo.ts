import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';

/** Records a token hash once; false if it was recorded before. Expired ones are cleared first. */
export async function recordTokenOnce(
  db: DbOrTx,
  token: { hash: string; kind: string; expiresAt: Date },
): Promise<boolean> {
  await db
    .deleteFrom('used_tokens')
    .where('expires_at', '<', sql<Date>`now()`)
    .execute();
  const inserted = await db
    .insertInto('used_tokens')
    .values({ token_hash: token.hash, kind: token.kind, expires_at: token.expiresAt })
    .onConflict((oc) => oc.doNothing())
    .returning('token_hash')
    .executeTakeFirst();
  return inserted !== undefined;
}
