import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { AppError, badRequest } from '../../http/errors.js';
import { attachmentFileName, type Attachment } from '../../../shared/forms/documents.js';
import type { FormDeclaration } from '../../../shared/forms/form.js';
import { REGISTRATION_DOCUMENT_KINDS } from '../../../shared/schemas/index.js';
import {
  checkChecklistUpload,
  hostDocumentKinds,
  withStoredFiles,
  type Upload,
} from '../documents/documents.service.js';
import * as repo from './registrations.repo.js';

/**
 * A file for one item of the profile's documents checklist, checked by the seed's rules for the
 * page that item is printed on, and kept as the host's own upload: the form then carries its id.
 */
export async function storeAttachment(
  ctx: AppContext,
  hostId: number,
  input: { type: string | undefined; upload: Upload | undefined; declaredSize?: number },
) {
  const item = ctx.profile.registrationForm.documents?.find((d) => d.type === input.type);
  if (!item) throw badRequest({ type: 'errors.attachment.type' });
  const checked = await checkChecklistUpload(input.upload, { page: item.page, size: input.declaredSize });
  if ('problem' in checked)
    throw new AppError({
      status: checked.problem === 'errors.file.tooLargeSized' ? 413 : 400,
      code: 'validation',
      messageKey: checked.problem,
      fields: { file: checked.problem },
      details: checked.params,
    });
  const body = input.upload!.body;
  const id = await withStoredFiles(ctx, (_tx, store) =>
    store({
      body,
      mediaType: checked.mediaType,
      kind: REGISTRATION_DOCUMENT_KINDS.attachment,
      ownerHostId: hostId,
    }),
  );
  return { id, type: item.type, mediaType: checked.mediaType, sizeBytes: body.length };
}

/** Which attachments are not this host's own checklist uploads: each is reported on its item. */
export async function foreignAttachments(
  ctx: Pick<AppContext, 'db'>,
  hostId: number,
  attachments: readonly Attachment[],
): Promise<Record<string, string>> {
  const kinds = await hostDocumentKinds(
    ctx.db,
    attachments.map((a) => a.documentId),
    hostId,
  );
  const errors: Record<string, string> = {};
  for (const a of attachments)
    if (kinds.get(a.documentId) !== REGISTRATION_DOCUMENT_KINDS.attachment)
      errors[`attachments.${a.type}`] = 'errors.attachment.file';
  return errors;
}

/** The checklist files of a new application, each with its item and its place among the item's parts. */
export async function attachChecklist(tx: Tx, registrationId: number, attachments: readonly Attachment[]) {
  const parts = new Map<string, number>();
  await repo.attachChecklistDocuments(
    tx,
    registrationId,
    attachments.map((a) => {
      const position = (parts.get(a.type) ?? 0) + 1;
      parts.set(a.type, position);
      return { documentId: a.documentId, type: a.type, position };
    }),
  );
}

type ChecklistRow = Awaited<ReturnType<typeof repo.checklistDocuments>>[number];

/**
 * An application's checklist files as the host and the operator read them: in the form's order of
 * items, each part with the name Konok gives it and, once an operator has said so, why it was not
 * accepted.
 */
function describeChecklist(
  form: FormDeclaration,
  rows: ChecklistRow[],
  person: { surname: string | null; givenNames: string | null },
) {
  const order = (type: string) => {
    const index = (form.documents ?? []).findIndex((d) => d.type === type);
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  const parts = new Map<string, number>();
  for (const row of rows) parts.set(row.type, (parts.get(row.type) ?? 0) + 1);
  return [...rows]
    .sort((a, b) => order(a.type) - order(b.type) || a.position - b.position)
    .map((row) => ({
      id: row.id,
      type: row.type,
      label: form.documents?.find((d) => d.type === row.type)?.label ?? null,
      part: row.position,
      fileName: attachmentFileName({
        surname: person.surname,
        givenNames: person.givenNames,
        type: row.type,
        part: row.position,
        parts: parts.get(row.type),
        mediaType: row.media_type,
      }),
      mediaType: row.media_type,
      sizeBytes: row.size_bytes,
      rejectedReason: row.rejected_reason,
      rejectedAt: row.rejected_at?.toISOString() ?? null,
    }));
}

/** The checklist files of these applications, by application, as `describeChecklist` tells them. */
export async function checklistOf(
  ctx: Pick<AppContext, 'db' | 'profile'>,
  applications: { id: number; surname: string | null; givenNames: string | null }[],
) {
  const rows = await repo.checklistDocuments(
    ctx.db,
    applications.map((a) => a.id),
  );
  return new Map(
    applications.map((a) => [
      a.id,
      describeChecklist(
        ctx.profile.registrationForm,
        rows.filter((row) => row.registration_id === a.id),
        a,
      ),
    ]),
  );
}
