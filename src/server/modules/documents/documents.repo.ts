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

/** A document by id; for a host, only one it owns (the owner is part of the lookup, not a check after it). */
export function findDocument(db: DbOrTx, id: number, ownerHostId?: number) {
  let query = db
    .selectFrom('documents')
    .select(['id', 'sha256', 'media_type', 'size_bytes', 'kind', 'owner_host_id'])
    .where('id', '=', id);
  if (ownerHostId !== undefined) query = query.where('owner_host_id', '=', ownerHostId);
  return query.executeTakeFirst();
}

export function findHostDocuments(db: DbOrTx, ids: number[], ownerHostId: number) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('documents')
    .select(['id', 'kind'])
    .where('id', 'in', ids)
    .where('owner_host_id', '=', ownerHostId)
    .execute();
}

export async function setDocumentOwner(db: DbOrTx, ids: number[], ownerHostId: number): Promise<void> {
  await db.updateTable('documents').set({ owner_host_id: ownerHostId }).where('id', 'in', ids).execute();
}

/** Which of these file hashes some row still refers to. */
export async function referencedHashes(db: DbOrTx, sha256s: string[]): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const rows = await db.selectFrom('documents').select('sha256').where('sha256', 'in', sha256s).execute();
  return new Set(rows.map((r) => r.sha256));
}
