import type { DbOrTx } from '../../db/database.js';

export async function insertDocument(
  db: DbOrTx,
  document: { sha256: string; mediaType: string; sizeBytes: number; kind: string; ownerHostId?: number },
): Promise<number> {
  const row = await db
    .insertInto('documents')
    .values({
      sha256: document.sha256,
      media_type: document.mediaType,
      size_bytes: document.sizeBytes,
      kind: document.kind,
      owner_host_id: document.ownerHostId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findDocument(db: DbOrTx, id: number) {
  return db
    .selectFrom('documents')
    .select(['id', 'sha256', 'media_type', 'size_bytes', 'kind', 'owner_host_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}
