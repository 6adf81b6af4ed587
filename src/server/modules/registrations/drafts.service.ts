import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { badRequest, notFound } from '../../http/errors.js';
import { decryptField, encryptField } from '../../security/crypto.js';
import { attachmentsSchema } from '../../../shared/forms/documents.js';
import type { FormDeclaration } from '../../../shared/forms/form.js';
import * as repo from './registrations.repo.js';

/** Beside the form's own answers, a draft keeps which of them the passport's MRZ filled. */
const READ_FROM_DOCUMENT = ['mrzFields', 'mrzChangedFields'];

/**
 * What a draft may hold: the profile's form's fields as typed, nothing else, each a short string or
 * flag; and, where the form has a checklist, the documents attached so far (checked as on submission).
 */
function draftData(form: FormDeclaration) {
  const names = new Set([...form.fields.map((field) => field.name), ...READ_FROM_DOCUMENT]);
  const answers = z
    .record(
      z.string().max(40),
      z.union([z.string().max(200), z.number(), z.boolean(), z.null(), z.array(z.string().max(40)).max(20)]),
    )
    .refine((data) => Object.keys(data).every((name) => names.has(name)));
  if (!form.documents?.length) return answers;
  const attachments = attachmentsSchema(form.documents);
  return z.custom<Record<string, unknown>>((input) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return false;
    const { attachments: attached, ...rest } = input as Record<string, unknown>;
    return answers.safeParse(rest).success && attachments.safeParse(attached).success;
  });
}
let cachedDraftData: { form: FormDeclaration; schema: ReturnType<typeof draftData> } | undefined;

const sealDraft = (ctx: AppContext, data: Record<string, unknown>) =>
  encryptField(ctx.secrets.fieldEncryptionKey, JSON.stringify(data));
const openDraft = (ctx: AppContext, sealed: string) =>
  JSON.parse(decryptField(ctx.secrets.fieldEncryptionKey, sealed)) as Record<string, unknown>;

function parseDraft(ctx: AppContext, input: unknown): Record<string, unknown> {
  const form = ctx.profile.registrationForm;
  if (cachedDraftData?.form !== form) cachedDraftData = { form, schema: draftData(form) };
  // Every problem is answered as one: errors.registration.draft.invalid.
  const parsed = cachedDraftData.schema.safeParse(input);
  if (!parsed.success) throw badRequest({ _: 'errors.registration.draft.invalid' });
  return parsed.data;
}

/** Saves what the host typed so far (new draft, or over their own draft `id`). */
export async function saveDraft(ctx: AppContext, hostId: number, input: unknown, id?: number) {
  const data = parseDraft(ctx, input);
  if (id === undefined) return { id: await repo.insertDraft(ctx.db, hostId, sealDraft(ctx, data)) };
  if (!(await repo.updateDraft(ctx.db, hostId, id, sealDraft(ctx, data))))
    throw notFound('errors.registration.draft.notFound');
  return { id };
}

export async function getDraft(ctx: AppContext, hostId: number, id: number) {
  const row = await repo.findDraft(ctx.db, hostId, id);
  if (!row) throw notFound('errors.registration.draft.notFound');
  return { id: row.id, data: openDraft(ctx, row.data_enc), updatedAt: row.updated_at.toISOString() };
}

/** The host's drafts, newest first, with the name typed so far to tell them apart. */
export async function listDrafts(ctx: AppContext, hostId: number) {
  const rows = await repo.listDrafts(ctx.db, hostId);
  return rows.map((row) => {
    const data = openDraft(ctx, row.data_enc);
    const name = [data.surname, data.givenNames].filter((v) => typeof v === 'string' && v).join(' ');
    return { id: row.id, name, updatedAt: row.updated_at.toISOString() };
  });
}

export async function deleteDraft(ctx: AppContext, hostId: number, id: number) {
  if (!(await repo.deleteDraft(ctx.db, hostId, id))) throw notFound('errors.registration.draft.notFound');
}
