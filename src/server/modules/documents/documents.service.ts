import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { Actor } from '../../actor.js';
import type { AppContext } from '../../context.js';
import { appendAudit } from '../../db/audit.js';
import type { DbOrTx, Tx } from '../../db/database.js';
import type { Upload } from '../../http/multipart.js';
import { enforceLimit } from '../../http/rate-limit.js';
import { MIN_SCAN_DPI, scanDpi } from '../../../shared/forms/documents.js';
import type { PageSize } from '../../../shared/forms/form.js';
import { MAX_IMAGE_PIXELS, MAX_UPLOAD_BYTES, UPLOAD_MEDIA_TYPES } from '../../../shared/schemas/index.js';
import type { FileStorage } from './storage.js';
import {
  findDocument,
  findHostDocuments,
  insertDocument,
  referencedHashes,
  setDocumentOwner,
} from './documents.repo.js';

export type { Upload };
export { setDocumentOwner };

export type UploadProblem =
  | 'errors.file.required'
  | 'errors.file.tooLarge'
  | 'errors.file.type'
  | 'errors.file.tooManyPixels'
  | 'errors.file.damaged';

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);

/** Checks an upload by its content (never its name or declared type); returns the problem's message key. */
export async function checkUpload(
  upload: Upload | undefined,
  allowed: readonly string[],
): Promise<{ problem: UploadProblem } | { mediaType: string }> {
  if (!upload || upload.body.length === 0) return { problem: 'errors.file.required' };
  if (upload.truncated || upload.body.length > MAX_UPLOAD_BYTES) return { problem: 'errors.file.tooLarge' };
  const sniffed = await fileTypeFromBuffer(upload.body);
  if (!sniffed || !allowed.includes(sniffed.mime)) return { problem: 'errors.file.type' };
  if (IMAGE_TYPES.has(sniffed.mime)) {
    // The header alone says how big the image is; nothing is decoded yet.
    const size = await sharp(upload.body, { limitInputPixels: false })
      .metadata()
      .catch(() => undefined);
    if (!size?.width || !size.height) return { problem: 'errors.file.damaged' };
    if (size.width * size.height > MAX_IMAGE_PIXELS) return { problem: 'errors.file.tooManyPixels' };
  }
  return { mediaType: sniffed.mime };
}

/** Office formats people scan into by habit, by what their content is: named in the refusal. */
const OFFICE_FORMATS: Record<string, string> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/x-cfb': 'DOC',
  'application/msword': 'DOC',
};

export interface ChecklistProblem {
  problem: string;
  params?: Record<string, string | number>;
}

const megabytes = (bytes: number) => (Math.ceil((bytes / 1024 / 1024) * 100) / 100).toString();

/**
 * A file of the documents checklist (seed 003): PDF, JPEG or PNG by content, at most 5 MB, an
 * image in RGB at no less than 300 dpi for the page it shows (a PDF may be CMYK: print shops make
 * them so). Each refusal names what was found and what is allowed. `size` is the whole file's
 * length when the body was cut at the limit while it was received.
 */
export async function checkChecklistUpload(
  upload: Upload | undefined,
  options: { page: PageSize; size?: number },
): Promise<ChecklistProblem | { mediaType: string; width?: number; height?: number }> {
  if (!upload || upload.body.length === 0) return { problem: 'errors.file.required' };
  if (upload.truncated || upload.body.length > MAX_UPLOAD_BYTES) {
    const size = Math.max(options.size ?? 0, upload.body.length + (upload.truncated ? 1 : 0));
    return {
      problem: 'errors.file.tooLargeSized',
      params: { size: megabytes(size), limit: MAX_UPLOAD_BYTES / 1024 / 1024 },
    };
  }
  const sniffed = await fileTypeFromBuffer(upload.body);
  const office = sniffed && OFFICE_FORMATS[sniffed.mime];
  if (office) return { problem: 'errors.file.format', params: { format: office } };
  const checked = await checkUpload(upload, UPLOAD_MEDIA_TYPES);
  if ('problem' in checked) return checked;
  if (!IMAGE_TYPES.has(checked.mediaType)) return checked;
  const image = await sharp(upload.body, { limitInputPixels: false }).metadata();
  if (image.space === 'cmyk') return { problem: 'errors.file.cmyk' };
  // Turned by its EXIF orientation or not, the longer side stays the longer side.
  const dpi = scanDpi({ width: image.width, height: image.height }, options.page);
  if (dpi < MIN_SCAN_DPI) return { problem: 'errors.file.lowDpi', params: { dpi, min: MIN_SCAN_DPI } };
  return { mediaType: checked.mediaType, width: image.width, height: image.height };
}

/**
 * What is kept of an image: turned upright by its EXIF orientation, then re-encoded with no
 * metadata at all (EXIF carries GPS positions, device serials, dates). PDFs are kept as sent.
 */
async function withoutMetadata(body: Buffer, mediaType: string): Promise<Buffer> {
  if (!IMAGE_TYPES.has(mediaType)) return body;
  const image = sharp(body, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).rotate();
  return mediaType === 'image/png' ? image.png().toBuffer() : image.jpeg({ quality: 92 }).toBuffer();
}

export interface NewDocument {
  body: Buffer;
  mediaType: string;
  kind: string;
  ownerHostId?: number;
}

/** Stores a checked upload; the row is written in the caller's transaction. Prefer `withStoredFiles`. */
export async function storeDocument(
  db: DbOrTx,
  storage: FileStorage,
  document: NewDocument,
  written?: string[],
): Promise<number> {
  const body = await withoutMetadata(document.body, document.mediaType);
  const sha256 = crypto.createHash('sha256').update(body).digest('hex');
  written?.push(sha256);
  await storage.put(sha256, body);
  return insertDocument(db, {
    sha256,
    mediaType: document.mediaType,
    sizeBytes: body.length,
    kind: document.kind,
    ownerHostId: document.ownerHostId,
  });
}

/**
 * One transaction that stores files (and may tell what happened, see events.ts): a file is
 * written before its row can commit, so when the transaction rolls back, the files it wrote that
 * no row refers to are removed again.
 */
export async function withStoredFiles<T>(
  ctx: Pick<AppContext, 'db' | 'storage' | 'events'>,
  work: (tx: Tx, store: (document: NewDocument) => Promise<number>) => Promise<T>,
): Promise<T> {
  const written: string[] = [];
  try {
    return await ctx.events.transaction(ctx.db, (tx) =>
      work(tx, (document) => storeDocument(tx, ctx.storage, document, written)),
    );
  } catch (error) {
    await removeUnreferenced(ctx, written);
    throw error;
  }
}

async function removeUnreferenced(ctx: Pick<AppContext, 'db' | 'storage'>, sha256s: string[]) {
  const kept = await referencedHashes(ctx.db, sha256s);
  for (const sha256 of sha256s) if (!kept.has(sha256)) await ctx.storage.remove(sha256);
}

/**
 * Removes stored files that no row refers to and that are older than `olderThanMs` (a crash
 * between writing a file and committing its row). Younger files may belong to a transaction
 * that is still open.
 */
export async function sweepOrphanFiles(
  ctx: Pick<AppContext, 'db' | 'storage'>,
  olderThanMs = 3600_000,
): Promise<number> {
  const cutoff = Date.now() - olderThanMs;
  const old: string[] = [];
  for await (const file of ctx.storage.list()) if (file.writtenAt.getTime() < cutoff) old.push(file.sha256);
  let removed = 0;
  for (let i = 0; i < old.length; i += 500) {
    const batch = old.slice(i, i + 500);
    const kept = await referencedHashes(ctx.db, batch);
    for (const sha256 of batch) {
      if (kept.has(sha256)) continue;
      await ctx.storage.remove(sha256);
      removed += 1;
    }
  }
  return removed;
}

/** The kinds of those of `ids` that are the host's own (a form may only point at those). */
export async function hostDocumentKinds(
  db: DbOrTx,
  ids: number[],
  hostId: number,
): Promise<Map<number, string>> {
  const rows = await findHostDocuments(db, ids, hostId);
  return new Map(rows.map((row) => [Number(row.id), row.kind]));
}

/** Who reads a stored file: a host (a legal entity's staff read as their entity), an operator, Konok. */
export type DocumentReader = Extract<Actor, { kind: 'host' | 'operator' | 'system' }>;

/**
 * A stored file for whoever may see it: a host only its own (the owner is in the lookup), an
 * operator any, and every time an operator opens someone's document it is written to the audit log.
 */
export async function readDocument(
  ctx: Pick<AppContext, 'db' | 'storage'>,
  id: number,
  reader: DocumentReader,
) {
  const row = await findDocument(ctx.db, id, reader.kind === 'host' ? reader.hostId : undefined);
  if (!row) return undefined;
  if (reader.kind === 'operator') {
    await appendAudit(ctx.db, {
      actor: reader,
      action: 'document.view',
      entity: 'document',
      entityId: id,
      after: { kind: row.kind, ownerHostId: row.owner_host_id },
    });
  }
  return { mediaType: row.media_type, body: await ctx.storage.get(row.sha256) };
}

/** Passport reads a signup ticket (one proof-of-work, 2 hours) or a session may make, and one address. */
export const MRZ_READS = { perTicket: 10, perSessionHour: 60, perAddressHour: 60 };

export async function limitMrzReads(
  ctx: Pick<AppContext, 'db' | 'rateLimitFactor'>,
  options: { who: string; ip: string },
): Promise<void> {
  const hour = 3600_000;
  const perTicket = options.who.startsWith('ticket:');
  await enforceLimit(ctx.db, {
    key: `mrz:${options.who}`,
    max: perTicket ? MRZ_READS.perTicket : MRZ_READS.perSessionHour,
    windowMs: perTicket ? 2 * hour : hour,
    messageKey: 'errors.mrz.tooManyReads',
  });
  await enforceLimit(ctx.db, {
    key: `mrz:ip:${options.ip}`,
    max: MRZ_READS.perAddressHour * ctx.rateLimitFactor,
    windowMs: hour,
    messageKey: 'errors.mrz.tooManyReads',
  });
}
