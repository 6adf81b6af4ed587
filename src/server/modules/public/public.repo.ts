import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';

/** Whether the database answers at all. */
export async function databaseAnswers(db: DbOrTx): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
