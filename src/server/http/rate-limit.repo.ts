import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';

/**
 * Counts one hit on `key` in a fixed window, atomically, in the table every Konok process shares.
 * Returns the hits in the current window (this one included) and the milliseconds left in it.
 */
export async function countHit(
  db: DbOrTx,
  key: string,
  windowMs: number,
): Promise<{ hits: number; msLeft: number }> {
  const { rows } = await sql<{ hits: number; ms_left: number }>`
    insert into rate_limits as r (key, hits, reset_at)
    values (${key}, 1, now() + ${windowMs} * interval '1 millisecond')
    on conflict (key) do update set
      hits = case when r.reset_at <= now() then 1 else r.hits + 1 end,
      reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
    returning hits, greatest(0, ceil(extract(epoch from reset_at - now()) * 1000))::int as ms_left
  `.execute(db);
  const row = rows[0]!;
  return { hits: row.hits, msLeft: row.ms_left };
}

/** Hits so far in the current window, without counting one. */
export async function readHits(db: DbOrTx, key: string): Promise<{ hits: number; msLeft: number }> {
  const row = await db
    .selectFrom('rate_limits')
    .select([
      'hits',
      sql<number>`greatest(0, ceil(extract(epoch from reset_at - now()) * 1000))::int`.as('ms_left'),
    ])
    .where('key', '=', key)
    .where('reset_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row ? { hits: row.hits, msLeft: row.ms_left } : { hits: 0, msLeft: 0 };
}

export async function deleteExpiredCounters(db: DbOrTx): Promise<number> {
  const result = await db
    .deleteFrom('rate_limits')
    .where('reset_at', '<', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
