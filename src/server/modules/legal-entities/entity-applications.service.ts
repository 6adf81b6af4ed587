import type { AppContext } from '../../context.js';
import { appendAudit } from '../../db/audit.js';
import { consumeToken } from '../../http/captcha.js';
import { badRequest, fieldErrors, notFound } from '../../http/errors.js';
import { captchaTicket, readTicket } from '../../http/signup-ticket.js';
import { constantTimeEqual, encryptField, keyedHash, randomToken } from '../../security/crypto.js';
import type { Language } from '../../../shared/profiles/index.js';
import type { CountryProfile } from '../../../shared/profiles/profile.js';
import {
  MAX_ENTITY_PROPERTIES,
  UPLOAD_MEDIA_TYPES,
  entityDocumentFields,
  entityIdentifierIssues,
  entityPropertyDocumentFields,
  isEntrepreneur,
  legalEntityApplicationSchema,
  type AddressPlace,
} from '../../../shared/schemas/index.js';
import { checkUpload, withStoredFiles, type Upload } from '../documents/documents.service.js';
import { addressKey, checkAddressIndex } from '../properties/properties.service.js';
import { lookUpAll, registryCodes } from './application-data.js';
import * as repo from './legal-entities.repo.js';
import { allows, applyTransition, statusConflict } from './transitions.js';

// The applicant's side: «Юридическим лицам» — the letter and its documents, and the private link
// where the applicant follows the application and answers a request for documents.

/** Files an applicant may send at once when the operator asks for more. */
export const MAX_EXTRA_FILES = 5;

export const startEntityApplication = async (ctx: AppContext, captcha: string) => ({
  ticket: await captchaTicket(ctx, captcha, 'legal_entity'),
});

/** Which uploads the form must have, for `propertyCount` properties, as the profile declares them. */
export const requiredDocumentFields = (profile: CountryProfile, propertyCount: number) => [
  ...entityDocumentFields(profile),
  ...Array.from({ length: propertyCount }, (_, i) => entityPropertyDocumentFields(profile, i)).flat(),
];

/** The private link's page; the token is in the fragment, so it never reaches a server's logs. */
export const applicantLink = (ctx: AppContext, number: string, token: string) =>
  `${ctx.publicUrl()}/legal-entities/application#${number}.${token}`;

/**
 * «Юридическим лицам»: the letter's data and every document, checked all at once; then the
 * application, its files, its audit entry and the telling of it (the applicant gets its number and
 * private link by e-mail and SMS), in one transaction.
 */
export async function submitEntityApplication(
  ctx: AppContext,
  input: {
    fields: Record<string, unknown>;
    files: Record<string, Upload>;
    ticket: unknown;
    language: Language;
  },
) {
  const errors: Record<string, string> = {};
  const ticket = readTicket(ctx.secrets.challengeKey, input.ticket);
  if (!input.ticket) errors.captcha = 'errors.captcha.required';
  else if (!ticket || ticket.subjectType !== 'legal_entity') errors.captcha = 'errors.signup.restart';
  let properties: unknown = input.fields.properties;
  if (typeof properties === 'string') {
    try {
      properties = JSON.parse(properties);
    } catch {
      properties = undefined;
    }
  }
  const parsed = legalEntityApplicationSchema(ctx.profile).safeParse({
    ...input.fields,
    acceptTerms: input.fields.acceptTerms === 'true' || input.fields.acceptTerms === true,
    properties,
  });
  if (!parsed.success) Object.assign(errors, fieldErrors(parsed.error));
  for (const [field, issue] of Object.entries(entityIdentifierIssues(ctx.profile, input.fields)))
    errors[field] ??= issue;
  const propertyCount = parsed.success
    ? parsed.data.properties.length
    : Array.isArray(properties)
      ? properties.length
      : 0;
  const checked = new Map<string, string>();
  for (const field of requiredDocumentFields(ctx.profile, Math.min(propertyCount, MAX_ENTITY_PROPERTIES))) {
    const result = await checkUpload(input.files[field], UPLOAD_MEDIA_TYPES);
    if ('problem' in result) errors[field] = result.problem;
    else checked.set(field, result.mediaType);
  }
  // Each property must be in the registry (the operator sees its registry data beside the documents).
  if (parsed.success)
    for (const [i, record] of (await lookUpAll(ctx, registryCodes(parsed.data))).entries()) {
      if (record === 'unavailable') errors[`properties.${i}.code`] = 'errors.registry.unavailable';
      else if (!record) errors[`properties.${i}.code`] = 'errors.propertyCode.notFound';
    }
  if (Object.keys(errors).length > 0 || !parsed.success || !ticket) throw badRequest(errors);

  // An address's postal index against the reference: a mismatch is put to the applicant, as in tab 2.
  const place = ctx.profile.placeOfStay;
  if (place.kind === 'address') {
    // One address twice would be one place twice in the cabinet the approval opens.
    const keys = parsed.data.properties.map((p) => addressKey(p as AddressPlace));
    const repeated = keys.flatMap((key, i) => (keys.indexOf(key) < i ? [i] : []));
    if (repeated.length > 0)
      throw badRequest(
        Object.fromEntries(repeated.map((i) => [`properties.${i}.street`, 'errors.address.duplicate'])),
      );
    for (const [i, property] of parsed.data.properties.entries())
      checkAddressIndex(place, property as AddressPlace, `properties.${i}.postalIndex`);
  }
  // An entrepreneur has no КПП: one typed anyway is not kept.
  const data = isEntrepreneur(ctx.profile, parsed.data.legalForm)
    ? { ...parsed.data, kpp: undefined }
    : parsed.data;
  const token = randomToken(24);
  const created = await withStoredFiles(ctx, async (tx, store) => {
    const fresh = await consumeToken(tx, {
      key: ctx.secrets.challengeKey,
      kind: 'signup-ticket',
      token: ticket.id,
      expiresAt: new Date(ticket.exp),
    });
    if (!fresh) throw badRequest({ captcha: 'errors.signup.restart' });
    const documents = [];
    for (const [field, mediaType] of checked)
      documents.push({
        field,
        documentId: await store({ body: input.files[field]!.body, mediaType, kind: 'legal-entity-document' }),
      });
    const now = new Date();
    const application = await repo.insertApplication(tx, now.getFullYear(), {
      access_token_hash: keyedHash(ctx.secrets.codeKey, `entity-application:${token}`),
      status: 'submitted',
      language: input.language,
      name: data.name,
      tax_number_hash: keyedHash(ctx.secrets.fieldHashKey, data.taxNumber),
      email: data.email,
      phone: data.phone,
      data_enc: encryptField(
        ctx.secrets.fieldEncryptionKey,
        JSON.stringify({ ...data, consentAt: ticket.consentAt }),
      ),
      submitted_at: now,
    });
    await repo.insertDocuments(tx, application.id, documents);
    await appendAudit(tx, {
      actor: { kind: 'applicant' },
      action: 'legal_entity_application.submit',
      entity: 'legal_entity_application',
      entityId: application.id,
      after: { status: 'submitted', properties: data.properties.length, documents: documents.length },
    });
    const link = applicantLink(ctx, application.number, token);
    await ctx.events.emit(tx, {
      type: 'EntityApplicationSubmitted',
      entityApplicationId: application.id,
      number: application.number,
      language: input.language,
      contacts: { email: data.email, phone: data.phone },
      name: data.name,
      privateLink: link,
    });
    return { ...application, link };
  });
  return { id: created.id, number: created.number, token, link: created.link };
}

/** The application behind a private link, or 404 (the same for a wrong number and a wrong token). */
async function applicationByAccess(ctx: AppContext, access: { number: string; token: string }) {
  const application = await repo.findByNumber(ctx.db, access.number);
  const expected = keyedHash(ctx.secrets.codeKey, `entity-application:${access.token}`);
  if (!application || !constantTimeEqual(application.access_token_hash, expected))
    throw notFound('errors.entity.access');
  return application;
}

/** What the applicant sees through the private link: the status and what the operator asks. */
export async function applicationForApplicant(ctx: AppContext, access: { number: string; token: string }) {
  const application = await applicationByAccess(ctx, access);
  const documents = await repo.documentsOf(ctx.db, application.id);
  return {
    number: application.number,
    name: application.name,
    status: application.status,
    submittedAt: application.submitted_at.toISOString(),
    decisionReason: application.decision_reason,
    decisionNote: application.decision_note,
    documents: documents.map((d) => ({ field: d.field, addedAt: d.added_at.toISOString() })),
  };
}

/** The applicant answers a request for documents: the files are added, the rest stays as it was. */
export async function resubmitEntityApplication(
  ctx: AppContext,
  access: { number: string; token: string },
  uploads: Upload[],
) {
  const application = await applicationByAccess(ctx, access);
  // Checked before the files are: the move itself checks again, in the transaction.
  if (!allows('resubmit', application.status)) throw statusConflict(application.status);
  if (uploads.length === 0) throw badRequest({ files: 'errors.registration.files.required' });
  const types: string[] = [];
  for (const upload of uploads) {
    const result = await checkUpload(upload, UPLOAD_MEDIA_TYPES);
    if ('problem' in result) throw badRequest({ files: result.problem });
    types.push(result.mediaType);
  }
  return withStoredFiles(ctx, async (tx, store) => {
    const current = (await repo.findById(tx, application.id, true))!;
    const existing = await repo.documentsOf(tx, application.id);
    const extra = existing.filter((d) => d.field.startsWith('extra.')).length;
    const documents = [];
    for (const [i, upload] of uploads.entries())
      documents.push({
        field: `extra.${extra + i}`,
        documentId: await store({ body: upload.body, mediaType: types[i]!, kind: 'legal-entity-document' }),
      });
    await repo.insertDocuments(tx, application.id, documents);
    const status = await applyTransition(tx, {
      id: current.id,
      current: current.status,
      action: 'resubmit',
      actor: { kind: 'applicant' },
      changes: { submitted_at: new Date() },
      details: { files: uploads.length },
    });
    return { number: application.number, status };
  });
}
