import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type { RegistrationMessagesTable } from '../../db/schema.js';
import type { Insertable } from 'kysely';

// «Сообщения» of one application: the operators' requests and the host's answers, in order, with
// the files each answer brought.

export async function insertMessage(
  db: DbOrTx,
  message: Omit<Insertable<RegistrationMessagesTable>, 'id' | 'created_at'>,
): Promise<number> {
  const row = await db
    .insertInto('registration_messages')
    .values(message)
    .returning(sql<number>`id::int`.as('id'))
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The thread, oldest first, each message with the ids of its files. */
export function thread(db: DbOrTx, registrationId: number) {
  return db
    .selectFrom('registration_messages as m')
    .select([
      sql<number>`m.id::int`.as('id'),
      'm.author',
      'm.text_enc',
      'm.created_at',
      sql<number[]>`coalesce(
        (select array_agg(d.document_id::int order by d.added_at, d.document_id)
           from registration_documents d where d.message_id = m.id),
        '{}'::int[])`.as('documents'),
    ])
    .where('m.registration_id', '=', registrationId)
    .orderBy('m.id')
    .execute();
}

/** What the thread's page needs of the application itself, through its owner when one is given. */
export function threadState(db: DbOrTx, id: number, hostId?: number) {
  let query = db.selectFrom('registrations').select(['status', 'answer_due']).where('id', '=', id);
  if (hostId !== undefined) query = query.where('host_id', '=', hostId);
  return query.executeTakeFirst();
}
