import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { DbOrTx } from '../../db/database.js';
import { MAX_UPLOAD_BYTES } from '../../../shared/schemas/index.js';
import type { Upload } from '../../http/multipart.js';
import type { FileStorage } from './storage.js';
import { findDocument, insertDocument } from './documents.repo.js';

export type { Upload };

export type UploadProblem = 'errors.file.required' | 'errors.file.tooLarge' | 'errors.file.type';

/** Checks an upload by its content (never its name or declared type); returns the problem's message key. */
export async function checkUpload(
  upload: Upload | undefined,
  allowed: readonly string[],
): Promise<{ problem: UploadProblem } | { mediaType: string }> {
  if (!upload || upload.body.length === 0) return { problem: 'errors.file.required' };
  if (upload.truncated || upload.body.length > MAX_UPLOAD_BYTES) return { problem: 'errors.file.tooLarge' };
  const sniffed = await fileTypeFromBuffer(upload.body);
  if (!sniffed || !allowed.includes(sniffed.mime)) return { problem: 'errors.file.type' };
  return { mediaType: sniffed.mime };
}

/** Stores a checked upload; the row is written in the caller's transaction. */
export async function storeDocument(
  db: DbOrTx,
  storage: FileStorage,
  document: { body: Buffer; mediaType: string; kind: string; ownerHostId?: number },
): Promise<number> {
  const sha256 = crypto.createHash('sha256').update(document.body).digest('hex');
  await storage.put(sha256, document.body);
  return insertDocument(db, {
    sha256,
    mediaType: document.mediaType,
    sizeBytes: document.body.length,
    kind: document.kind,
    ownerHostId: document.ownerHostId,
  });
}

/** A stored file for whoever may see it: its owner, or any operator. */
export async function readDocument(
  db: DbOrTx,
  storage: FileStorage,
  id: number,
  reader: { hostId: number } | 'operator' | 'system' = 'system',
) {
  const row = await findDocument(db, id);
  if (!row) return undefined;
  if (typeof reader === 'object' && row.owner_host_id !== reader.hostId) return undefined;
  return { mediaType: row.media_type, body: await storage.get(row.sha256) };
}
