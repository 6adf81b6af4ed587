import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';

export async function insertBatch(
  db: DbOrTx,
  batch: {
    id: string;
    keyId: number;
    hostId: number;
    source: 'json' | 'csv';
    language: string;
    columns: string[] | null;
    rows: string[];
  },
) {
  await db
    .insertInto('api_batches')
    .values({
      id: batch.id,
      key_id: batch.keyId,
      host_id: batch.hostId,
      source: batch.source,
      language: batch.language,
      total: batch.rows.length,
      columns: batch.columns ? JSON.stringify(batch.columns) : null,
    })
    .execute();
  // In slices: one statement's parameters are limited (65,535).
  for (let start = 0; start < batch.rows.length; start += 500)
    await db
      .insertInto('api_batch_rows')
      .values(
        batch.rows
          .slice(start, start + 500)
          .map((input, i) => ({ batch_id: batch.id, row_no: start + i + 1, input_enc: input })),
      )
      .execute();
}

/** The entity's batch; another entity's is as good as none. */
export function findBatch(db: DbOrTx, hostId: number, id: string) {
  return db
    .selectFrom('api_batches')
    .select(['id', 'total', 'columns', 'language', 'finished_at'])
    .where('host_id', '=', hostId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function batchRows(db: DbOrTx, batchId: string) {
  return db
    .selectFrom('api_batch_rows')
    .select(['row_no', 'state', 'application_number', 'errors'])
    .where('batch_id', '=', batchId)
    .orderBy('row_no')
    .execute();
}

/**
 * Pending rows for this worker, each leased for `leaseMs`: rows another worker holds are skipped;
 * a lease that ran out (its worker died) is taken over.
 */
export async function claimRows(db: DbOrTx, limit: number, leaseMs: number) {
  const result = await sql<{
    batch_id: string;
    row_no: number;
    input_enc: string | null;
    key_id: number;
    host_id: number;
    language: string;
  }>`
    update api_batch_rows r
       set claimed_until = now() + ${`${leaseMs} milliseconds`}::interval
      from api_batches b
     where b.id = r.batch_id
       and (r.batch_id, r.row_no) in (
         select batch_id, row_no from api_batch_rows
          where state = 'pending' and (claimed_until is null or claimed_until < now())
          order by batch_id, row_no
          limit ${limit}
          for update skip locked)
    returning r.batch_id, r.row_no, r.input_enc, b.key_id, b.host_id, b.language`.execute(db);
  // RETURNING keeps no order: a batch's rows are worked through in their own order.
  return result.rows
    .map((row) => ({ ...row, key_id: Number(row.key_id), host_id: Number(row.host_id) }))
    .sort((a, b) => a.batch_id.localeCompare(b.batch_id) || a.row_no - b.row_no);
}

/** A row's result; false when it was decided already (then nothing is written). */
export async function decideRow(
  db: DbOrTx,
  row: { batchId: string; rowNo: number },
  result: { state: 'accepted'; applicationNumber: string } | { state: 'rejected'; errors: unknown },
): Promise<boolean> {
  const updated = await db
    .updateTable('api_batch_rows')
    .set({
      state: result.state,
      application_number: result.state === 'accepted' ? result.applicationNumber : null,
      errors: result.state === 'rejected' ? JSON.stringify(result.errors) : null,
      // The guest's data is not kept once the row is decided: the application holds it.
      input_enc: null,
      processed_at: new Date(),
    })
    .where('batch_id', '=', row.batchId)
    .where('row_no', '=', row.rowNo)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export async function markFinishedIfDone(db: DbOrTx, batchId: string) {
  await db
    .updateTable('api_batches')
    .set({ finished_at: new Date() })
    .where('id', '=', batchId)
    .where('finished_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('api_batch_rows')
            .select('row_no')
            .where('batch_id', '=', batchId)
            .where('state', '=', 'pending'),
        ),
      ),
    )
    .execute();
}
