import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { appendAudit } from '../../db/audit.js';
import type { DbOrTx, Tx } from '../../db/database.js';
import type { LegalEntityApplicationStatus } from '../../db/schema.js';
import { consumeToken } from '../../http/captcha.js';
import { deleteStaffSessions } from '../../http/sessions.repo.js';
import { AppError, badRequest, fieldErrors, notFound, unauthorized } from '../../http/errors.js';
import { captchaTicket, readTicket } from '../../http/signup-ticket.js';
import {
  constantTimeEqual,
  decryptField,
  encryptField,
  keyedHash,
  randomDigits,
  randomToken,
} from '../../security/crypto.js';
import type { Language } from '../../../shared/profiles/index.js';
import { reviewDeadline } from '../../../shared/profiles/review-deadline.js';
import {
  ENTITY_DOCUMENT_FIELDS,
  MAX_ENTITY_PROPERTIES,
  UPLOAD_MEDIA_TYPES,
  entityPropertyDocumentFields,
  legalEntityApplicationSchema,
  type LegalEntityApplication,
} from '../../../shared/schemas/index.js';
import type { entityDecisionSchema } from '../../../shared/schemas/legal-entities.js';
import { requirePassword } from '../accounts/accounts.service.js';
import { staffPinHash } from '../accounts/codes.js';
import { hashPassword, isWeakPassword } from '../accounts/passwords.js';
import {
  checkUpload,
  readDocument,
  setDocumentOwner,
  withStoredFiles,
  type Upload,
} from '../documents/documents.service.js';
import { insertProperty } from '../properties/properties.repo.js';
import { notifyAll } from '../notifications/notifications.service.js';
import { formatAddress, type RegistryRecord } from '../properties/registry.js';
import { claimSeenBy, claimUntil, requireHeld, takeClaim } from '../review/claims.js';
import * as repo from './legal-entities.repo.js';

/** Files an applicant may send at once when the operator asks for more. */
export const MAX_EXTRA_FILES = 5;

/**
 * The table of an entity application's moves, as registrations have theirs: action → from → to.
 */
const MOVES = {
  claim: { from: ['submitted'], to: 'in_review' },
  release: { from: ['in_review'], to: 'submitted' },
  reject: { from: ['in_review'], to: 'rejected' },
  requestDocuments: { from: ['in_review'], to: 'documents_requested' },
  resubmit: { from: ['documents_requested'], to: 'submitted' },
  approve: { from: ['in_review'], to: 'approved' },
} as const satisfies Record<
  string,
  { from: readonly LegalEntityApplicationStatus[]; to: LegalEntityApplicationStatus }
>;
type Move = keyof typeof MOVES;

async function move(
  tx: Tx,
  application: { id: number; status: LegalEntityApplicationStatus },
  action: Move,
  actor: string,
  changes: Parameters<typeof repo.updateStatus>[4] = {},
  details: Record<string, unknown> = {},
) {
  const rule = MOVES[action];
  if (
    !(rule.from as readonly string[]).includes(application.status) ||
    !(await repo.updateStatus(tx, application.id, application.status, rule.to, changes))
  )
    throw new AppError(409, 'status_conflict', 'errors.entity.status', {}, { status: application.status });
  await appendAudit(tx, {
    actor,
    action: `legal_entity_application.${action}`,
    entity: 'legal_entity_application',
    entityId: application.id,
    before: { status: application.status },
    after: { status: rule.to, ...details },
  });
  return rule.to;
}

/**
 * Each property code's registry record, asked all at once (the registry may be remote): a record,
 * undefined (the registry has no such property) or 'unavailable'.
 */
const lookUpAll = (ctx: AppContext, codes: string[]) =>
  Promise.all(codes.map((code) => ctx.registry.lookup(code).catch(() => 'unavailable' as const)));

/** The letter's data as the applicant sent it (kept encrypted). */
const applicationData = (ctx: AppContext, application: { data_enc: string }) =>
  JSON.parse(decryptField(ctx.secrets.fieldEncryptionKey, application.data_enc)) as LegalEntityApplication;

// ---------- the applicant ----------

export const startApplication = async (ctx: AppContext, captcha: string) => ({
  ticket: await captchaTicket(ctx, captcha, 'legal_entity'),
});

/** Which uploads the form must have, for `propertyCount` properties. */
export const requiredDocumentFields = (propertyCount: number) => [
  ...ENTITY_DOCUMENT_FIELDS,
  ...Array.from({ length: propertyCount }, (_, i) => entityPropertyDocumentFields(i)).flat(),
];

/** The private link's page; the token is in the fragment, so it never reaches a server's logs. */
export const applicantLink = (ctx: AppContext, number: string, token: string) =>
  `${ctx.publicUrl()}/legal-entities/application#${number}.${token}`;

/**
 * «Юридическим лицам»: the letter's data and every document, checked all at once; then the
 * application, its files, its audit entry and the e-mail and SMS with its number and private link,
 * in one transaction.
 */
export async function submitApplication(
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
  const propertyCount = parsed.success
    ? parsed.data.properties.length
    : Array.isArray(properties)
      ? properties.length
      : 0;
  const checked = new Map<string, string>();
  for (const field of requiredDocumentFields(Math.min(propertyCount, MAX_ENTITY_PROPERTIES))) {
    const result = await checkUpload(input.files[field], UPLOAD_MEDIA_TYPES);
    if ('problem' in result) errors[field] = result.problem;
    else checked.set(field, result.mediaType);
  }
  // Each property must be in the registry (the operator sees its registry data beside the documents).
  if (parsed.success)
    for (const [i, record] of (
      await lookUpAll(
        ctx,
        parsed.data.properties.map((p) => p.code),
      )
    ).entries()) {
      if (record === 'unavailable') errors[`properties.${i}.code`] = 'errors.registry.unavailable';
      else if (!record) errors[`properties.${i}.code`] = 'errors.propertyCode.notFound';
    }
  if (Object.keys(errors).length > 0 || !parsed.success || !ticket) throw badRequest(errors);

  const data = parsed.data;
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
      actor: 'applicant',
      action: 'legal_entity_application.submit',
      entity: 'legal_entity_application',
      entityId: application.id,
      after: { status: 'submitted', properties: data.properties.length, documents: documents.length },
    });
    const link = applicantLink(ctx, application.number, token);
    await notifyAll(tx, [
      {
        to: { language: input.language, email: data.email, phone: data.phone },
        template: 'entityApplied',
        values: { number: application.number, name: data.name, link },
      },
    ]);
    return { ...application, link };
  });
  return { number: created.number, token, link: created.link };
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
export async function resubmitApplication(
  ctx: AppContext,
  access: { number: string; token: string },
  uploads: Upload[],
) {
  const application = await applicationByAccess(ctx, access);
  if (application.status !== 'documents_requested')
    throw new AppError(409, 'status_conflict', 'errors.entity.status', {}, { status: application.status });
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
    const status = await move(
      tx,
      current,
      'resubmit',
      'applicant',
      { submitted_at: new Date() },
      { files: uploads.length },
    );
    return { number: application.number, status };
  });
}

// ---------- the operators ----------

export async function entityQueue(ctx: AppContext, operatorId: number, now = new Date()) {
  const rows = await repo.queue(ctx.db);
  return {
    items: rows.map((row) => {
      const deadline = reviewDeadline(ctx.profile.calendar, row.submitted_at);
      return {
        id: row.id,
        number: row.number,
        name: row.name,
        status: row.status,
        deadline: deadline.toISOString(),
        overdue: deadline < now,
        claim: claimSeenBy(row, operatorId, now),
      };
    }),
  };
}

/** Everything the operator checks: the letter's data, every document, each property's registry record. */
export async function entityApplicationForReview(ctx: AppContext, operatorId: number, id: number) {
  const application = await repo.findById(ctx.db, id);
  if (!application) throw notFound('errors.entity.notFound');
  const data = applicationData(ctx, application);
  const documents = await repo.documentsOf(ctx.db, id);
  const records = await lookUpAll(
    ctx,
    data.properties.map((p) => p.code),
  );
  const properties = data.properties.map((property, i) => {
    const record = records[i];
    return {
      code: property.code,
      capacity: property.capacity,
      registry:
        record && record !== 'unavailable'
          ? { addressLine: formatAddress(record.address), areaM2: Number(record.areaM2), rooms: record.rooms }
          : null,
    };
  });
  await appendAudit(ctx.db, {
    actor: `operator:${operatorId}`,
    action: 'legal_entity_application.view',
    entity: 'legal_entity_application',
    entityId: id,
  });
  return {
    id,
    number: application.number,
    status: application.status,
    submittedAt: application.submitted_at.toISOString(),
    deadline: reviewDeadline(ctx.profile.calendar, application.submitted_at).toISOString(),
    entity: {
      name: data.name,
      taxNumber: data.taxNumber,
      legalAddress: data.legalAddress,
      actualAddress: data.actualAddress,
      activity: data.activity,
      headName: data.headName,
      headPersonalNumber: data.headPersonalNumber,
      headAddress: data.headAddress,
      phone: data.phone,
      email: data.email,
      trustedPosition: data.trustedPosition,
      trustedName: data.trustedName,
      trustedAddress: data.trustedAddress,
    },
    properties,
    documents: documents.map((d) => ({
      id: d.document_id,
      field: d.field,
      addedAt: d.added_at.toISOString(),
    })),
    decisionReason: application.decision_reason,
    decisionNote: application.decision_note,
  };
}

/** One of the application's documents, for an operator (audited by the documents module). */
export async function entityApplicationDocument(
  ctx: AppContext,
  operatorId: number,
  id: number,
  documentId: number,
) {
  const documents = await repo.documentsOf(ctx.db, id);
  if (!documents.some((d) => d.document_id === documentId)) throw notFound('errors.entity.notFound');
  const document = await readDocument(ctx, documentId, { operatorId });
  if (!document) throw notFound('errors.entity.notFound');
  return document;
}

/** «Take», with the same rules as registrations: one operator at a time, for 30 minutes. */
export async function claimEntityApplication(
  ctx: AppContext,
  operatorId: number,
  id: number,
  now = new Date(),
) {
  const until = claimUntil(now);
  return ctx.db.transaction().execute(async (tx) => {
    const application = await repo.findById(tx, id, true);
    if (!application) throw notFound('errors.entity.notFound');
    if (takeClaim(application, operatorId, now) === 'extend') {
      await repo.updateStatus(tx, id, 'in_review', 'in_review', {
        claimed_by: operatorId,
        claim_until: until,
      });
    } else
      await move(tx, application, 'claim', `operator:${operatorId}`, {
        claimed_by: operatorId,
        claim_until: until,
      });
    return { id, status: 'in_review' as const, claimUntil: until.toISOString() };
  });
}

async function heldBy(tx: Tx, operatorId: number, id: number, now: Date) {
  const application = await repo.findById(tx, id, true);
  if (!application) throw notFound('errors.entity.notFound');
  requireHeld(application, operatorId, now);
  return application;
}

export async function releaseEntityApplication(
  ctx: AppContext,
  operatorId: number,
  id: number,
  now = new Date(),
) {
  return ctx.db.transaction().execute(async (tx) => {
    const application = await heldBy(tx, operatorId, id, now);
    const status = await move(tx, application, 'release', `operator:${operatorId}`, {
      claimed_by: null,
      claim_until: null,
    });
    return { id, status };
  });
}

/**
 * Reject with a reason, or ask for documents with a message; the applicant is told by e-mail and
 * SMS in the same transaction, in the application's language.
 */
export async function decideEntityApplication(
  ctx: AppContext,
  operatorId: number,
  id: number,
  decision: Exclude<z.infer<typeof entityDecisionSchema>, { decision: 'approve' }>,
  now = new Date(),
) {
  return ctx.db.transaction().execute(async (tx) => {
    const application = await heldBy(tx, operatorId, id, now);
    const common = { claimed_by: null, claim_until: null, decided_by: operatorId, decided_at: now };
    const status =
      decision.decision === 'reject'
        ? await move(
            tx,
            application,
            'reject',
            `operator:${operatorId}`,
            {
              ...common,
              decision_reason: decision.reason,
              decision_note: decision.note || null,
            },
            { reason: decision.reason },
          )
        : await move(tx, application, 'requestDocuments', `operator:${operatorId}`, {
            ...common,
            decision_reason: null,
            decision_note: decision.message,
          });
    await notifyAll(tx, [
      {
        to: {
          language: application.language as Language,
          email: application.email,
          phone: application.phone,
        },
        template: decision.decision === 'reject' ? 'entityRejected' : 'entityDocumentsRequested',
        values: {
          number: application.number,
          reason: decision.decision === 'reject' ? `reasons.${decision.reason}` : '',
          note: decision.decision === 'reject' ? (decision.note ?? '') : decision.message,
        },
      },
    ]);
    return { id, status };
  });
}

// ---------- approval opens the cabinet ----------

export const SET_PASSWORD_HOURS = 72;

/** A link to set a password, stored as a hash; the caller sends it. */
async function issueStaffToken(
  ctx: AppContext,
  tx: Tx,
  staffId: number,
  token: string,
  hours: number,
  now: Date,
) {
  await repo.insertStaffToken(tx, {
    token_hash: keyedHash(ctx.secrets.codeKey, `staff-token:${token}`),
    staff_id: staffId,
    expires_at: new Date(now.getTime() + hours * 3600_000),
  });
}

/** A new staff member's PIN and password link, stored as hashes; the caller sends them. */
async function issueStaffCredentials(
  ctx: AppContext,
  tx: Tx,
  staffId: number,
  credentials: { pin: string; token: string },
  now: Date,
) {
  await repo.setStaffPin(tx, staffId, staffPinHash(ctx.secrets.codeKey, staffId, credentials.pin));
  await issueStaffToken(ctx, tx, staffId, credentials.token, SET_PASSWORD_HOURS, now);
}

/** The e-mailed link where the administrator sets a password; the token in the fragment, as above. */
export const setPasswordLink = (ctx: AppContext, token: string) =>
  `${ctx.publicUrl()}/legal-entities/set-password#${token}`;

/**
 * Approval opens the cabinet, in one transaction: the entity (a host with no login of its own),
 * its administrator (the trusted person, with the application's e-mail) and its properties as the
 * registry has them. The administrator gets a single-use link to set a password by e-mail and the
 * PIN by SMS and e-mail, as the guide says — never a password in a message.
 */
export async function approveEntityApplication(
  ctx: AppContext,
  operatorId: number,
  id: number,
  now = new Date(),
) {
  // The registry first (it may be remote): what the properties are, before anything is written.
  const current = await repo.findById(ctx.db, id);
  if (!current) throw notFound('errors.entity.notFound');
  const data = applicationData(ctx, current);
  const found = await lookUpAll(
    ctx,
    data.properties.map((p) => p.code),
  );
  if (found.includes('unavailable'))
    throw new AppError(503, 'registry_unavailable', 'errors.registry.unavailable');
  if (found.includes(undefined)) throw new AppError(409, 'property_gone', 'errors.propertyCode.notFound');
  const records = found.map((record, i) => ({
    ...(record as RegistryRecord),
    capacity: data.properties[i]!.capacity,
  }));
  if (await repo.staffEmailTaken(ctx.db, data.email))
    throw new AppError(409, 'email_taken', 'errors.entity.emailTaken');
  const pin = randomDigits(6);
  const token = randomToken(24);
  return ctx.db.transaction().execute(async (tx) => {
    const application = await heldBy(tx, operatorId, id, now);
    const documents = await repo.documentsOf(tx, id);
    const hostId = await repo.insertEntityHost(tx, {
      profile: ctx.profile.code,
      kind: 'legal_entity',
      subject_type: 'legal_entity',
      status: 'active',
      language: application.language,
      surname: data.name,
      given_names: '',
      phone: data.phone,
      activated_at: now,
    });
    await repo.insertLegalEntity(tx, {
      host_id: hostId,
      application_id: id,
      name: data.name,
      tax_number_enc: encryptField(ctx.secrets.fieldEncryptionKey, data.taxNumber),
      tax_number_hash: keyedHash(ctx.secrets.fieldHashKey, data.taxNumber),
      legal_address: data.legalAddress,
      actual_address: data.actualAddress,
      activity: data.activity,
      head_name: data.headName,
      email: data.email,
      phone: data.phone,
    });
    const staffId = await repo.insertStaff(tx, {
      host_id: hostId,
      email: data.email,
      full_name: data.trustedName,
      role: 'admin',
    });
    await issueStaffCredentials(ctx, tx, staffId, { pin, token }, now);
    // The property documents become the entity's: it sees them in tab 2, as a person sees theirs.
    await setDocumentOwner(
      tx,
      documents.map((d) => d.document_id),
      hostId,
    );
    for (const [i, record] of records.entries()) {
      const title = documents.find((d) => d.field === `propertyDocument.${i}`)!;
      await insertProperty(tx, {
        hostId,
        code: record.code,
        address: record.address,
        areaM2: Number(record.areaM2),
        rooms: record.rooms,
        capacity: record.capacity,
        documentId: title.document_id,
      });
    }
    await move(
      tx,
      application,
      'approve',
      `operator:${operatorId}`,
      {
        claimed_by: null,
        claim_until: null,
        decided_by: operatorId,
        decided_at: now,
        host_id: hostId,
      },
      { hostId, properties: records.length },
    );
    await appendAudit(tx, {
      actor: `operator:${operatorId}`,
      action: 'legal_entity.open',
      entity: 'host',
      entityId: hostId,
      after: { staffId },
    });
    await notifyAll(tx, [
      {
        to: { language: application.language as Language, email: data.email, phone: data.phone },
        template: 'entityApproved',
        values: {
          number: application.number,
          name: data.name,
          link: setPasswordLink(ctx, token),
          pin,
          hours: String(SET_PASSWORD_HOURS),
        },
      },
    ]);
    return { id, status: 'approved' as const, hostId };
  });
}

/** The link from the e-mail: the staff member's first password; the link works once. */
export async function setStaffPassword(ctx: AppContext, input: { token: string; newPassword: string }) {
  return ctx.db.transaction().execute(async (tx) => {
    const token = await repo.takeStaffToken(tx, keyedHash(ctx.secrets.codeKey, `staff-token:${input.token}`));
    if (!token) throw badRequest({ token: 'errors.entity.setPasswordLink' });
    // Refused here, the link is not spent (the transaction rolls back).
    if (isWeakPassword(input.newPassword, token.email))
      throw badRequest({ newPassword: 'errors.password.common' });
    await repo.setStaffPassword(tx, token.staff_id, await hashPassword(input.newPassword));
    // A reset through the link: whoever was signed in with the old password is signed out.
    await deleteStaffSessions(tx, token.staff_id);
    await appendAudit(tx, {
      actor: `staff:${token.staff_id}`,
      action: 'staff.password.set',
      entity: 'staff',
      entityId: token.staff_id,
    });
    return { email: token.email };
  });
}

// ---------- staff ----------

/** The entity's administrator, signed in: only they manage staff. */
async function entityAdmin(ctx: AppContext, actor: { hostId: number; staffId?: number }) {
  const staff = actor.staffId ? await repo.findStaff(ctx.db, actor.staffId) : undefined;
  if (!staff || staff.host_id !== actor.hostId || staff.role !== 'admin' || staff.disabled_at)
    throw new AppError(403, 'forbidden', 'errors.entity.adminOnly');
  return staff;
}

export async function listStaff(ctx: AppContext, actor: { hostId: number; staffId?: number }) {
  await entityAdmin(ctx, actor);
  const rows = await repo.staffOf(ctx.db, actor.hostId);
  return {
    items: rows.map((row) => ({
      id: row.id,
      fullName: row.full_name,
      email: row.email,
      role: row.role,
      status: row.disabled_at
        ? ('disabled' as const)
        : row.password_hash
          ? ('active' as const)
          : ('invited' as const),
    })),
  };
}

/**
 * The administrator invites a receptionist: their own account, a single-use link to set a
 * password and their own PIN, by e-mail.
 */
export async function inviteStaff(
  ctx: AppContext,
  actor: { hostId: number; staffId?: number },
  input: { email: string; fullName: string },
  language: Language,
  now = new Date(),
) {
  const admin = await entityAdmin(ctx, actor);
  if (await repo.staffEmailTaken(ctx.db, input.email)) throw badRequest({ email: 'errors.email.taken' });
  const pin = randomDigits(6);
  const token = randomToken(24);
  return ctx.db.transaction().execute(async (tx) => {
    const staffId = await repo
      .insertStaff(tx, {
        host_id: actor.hostId,
        email: input.email,
        full_name: input.fullName,
        role: 'staff',
      })
      .catch((error: unknown) => {
        // Two invitations of one e-mail at the same moment: the unique index decides.
        if ((error as { code?: string }).code === '23505') throw badRequest({ email: 'errors.email.taken' });
        throw error;
      });
    await issueStaffCredentials(ctx, tx, staffId, { pin, token }, now);
    await appendAudit(tx, {
      actor: `staff:${admin.id}`,
      action: 'staff.invite',
      entity: 'staff',
      entityId: staffId,
    });
    await notifyAll(tx, [
      {
        to: { language, email: input.email },
        template: 'staffInvited',
        values: {
          name: admin.entity_name,
          link: setPasswordLink(ctx, token),
          pin,
          hours: String(SET_PASSWORD_HOURS),
        },
      },
    ]);
    return { id: staffId };
  });
}

/** The administrator disables a staff member: they can no longer sign in, and their sessions end. */
export async function disableStaff(
  ctx: AppContext,
  actor: { hostId: number; staffId?: number },
  staffId: number,
) {
  const admin = await entityAdmin(ctx, actor);
  const staff = await repo.findStaff(ctx.db, staffId);
  if (!staff || staff.host_id !== actor.hostId) throw notFound('errors.entity.staffNotFound');
  if (staff.id === admin.id) throw badRequest({ staff: 'errors.entity.disableSelf' });
  await ctx.db.transaction().execute(async (tx) => {
    await repo.disableStaff(tx, staffId);
    await deleteStaffSessions(tx, staffId);
    await appendAudit(tx, {
      actor: `staff:${admin.id}`,
      action: 'staff.disable',
      entity: 'staff',
      entityId: staffId,
    });
  });
  return { ok: true as const };
}

/** Tab 1 for a legal entity: its data from the application, and who is signed in. */
export async function entityProfile(ctx: AppContext, actor: { hostId: number; staffId?: number }) {
  const staff = actor.staffId ? await repo.findStaff(ctx.db, actor.staffId) : undefined;
  const entity = await repo.findEntity(ctx.db, actor.hostId);
  if (!staff || !entity || staff.host_id !== actor.hostId)
    throw new AppError(403, 'forbidden', 'errors.entity.staffOnly');
  return {
    name: entity.name,
    taxNumber: decryptField(ctx.secrets.fieldEncryptionKey, entity.tax_number_enc),
    legalAddress: entity.legal_address,
    actualAddress: entity.actual_address,
    activity: entity.activity,
    headName: entity.head_name,
    email: entity.email,
    phone: ctx.profile.phone.format(entity.phone),
    me: { fullName: staff.full_name, email: staff.email, role: staff.role },
  };
}

/** Operators' list of opened cabinets: where they add, change and retire an entity's properties. */
export async function listEntities(ctx: AppContext, nameContains?: string) {
  const rows = await repo.listEntities(ctx.db, nameContains);
  return {
    items: rows.map((row) => ({
      hostId: row.host_id,
      name: row.name,
      taxNumber: decryptField(ctx.secrets.fieldEncryptionKey, row.tax_number_enc),
      email: row.email,
      properties: Number(row.properties ?? 0),
      openedAt: row.created_at.toISOString(),
    })),
  };
}

// ---------- a staff member's own account ----------

/** A staff member signed in, still active, with their password hash. */
async function activeStaff(ctx: AppContext, db: DbOrTx, staffId: number) {
  const staff = await repo.findStaff(db, staffId);
  if (!staff || staff.disabled_at || !staff.password_hash) throw unauthorized();
  return { ...staff, password_hash: staff.password_hash };
}

/** As a person's: the current password, a new one; every other session of theirs ends. */
export async function changeStaffPassword(
  ctx: AppContext,
  staffId: number,
  input: { currentPassword: string; newPassword: string },
  currentSessionHash: string | null,
) {
  const staff = await activeStaff(ctx, ctx.db, staffId);
  await requirePassword(staff.password_hash, input.currentPassword);
  if (isWeakPassword(input.newPassword, staff.email))
    throw badRequest({ newPassword: 'errors.password.common' });
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.setStaffPassword(tx, staffId, passwordHash);
    await deleteStaffSessions(tx, staffId, currentSessionHash);
    await notifyAll(tx, [
      { to: { language: staff.language as Language, email: staff.email }, template: 'passwordChanged' },
    ]);
    await appendAudit(tx, {
      actor: `staff:${staffId}`,
      action: 'staff.password.change',
      entity: 'staff',
      entityId: staffId,
    });
  });
}

/** A forgotten PIN: a new one to the staff member's own e-mail; the old one stops working. */
export async function recoverStaffPin(ctx: AppContext, staffId: number, currentPassword: string) {
  const staff = await activeStaff(ctx, ctx.db, staffId);
  await requirePassword(staff.password_hash, currentPassword);
  const pin = randomDigits(6);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.setStaffPin(tx, staffId, staffPinHash(ctx.secrets.codeKey, staffId, pin));
    await notifyAll(tx, [
      {
        to: { language: staff.language as Language, email: staff.email },
        template: 'pinRecovered',
        values: { pin },
      },
    ]);
    await appendAudit(tx, {
      actor: `staff:${staffId}`,
      action: 'staff.pin.recover',
      entity: 'staff',
      entityId: staffId,
    });
  });
}

/** Hours a forgotten-password link works: short, it replaces a password. */
export const RESET_LINK_HOURS = 1;

/**
 * A staff member's forgotten password: a single-use link to set a new one, by e-mail. Called for
 * every request beside a person's reset, so the answer and its work never tell which e-mails exist.
 */
export async function requestStaffPasswordReset(ctx: AppContext, email: string, now = new Date()) {
  const staff = await repo.findActiveStaffByEmail(ctx.db, email);
  if (!staff) return;
  const token = randomToken(24);
  await ctx.db.transaction().execute(async (tx) => {
    await issueStaffToken(ctx, tx, staff.id, token, RESET_LINK_HOURS, now);
    await notifyAll(tx, [
      {
        to: { language: staff.language as Language, email: staff.email },
        template: 'staffPasswordReset',
        values: { link: setPasswordLink(ctx, token), hours: String(RESET_LINK_HOURS) },
      },
    ]);
    await appendAudit(tx, {
      actor: `staff:${staff.id}`,
      action: 'staff.password.resetRequest',
      entity: 'staff',
      entityId: staff.id,
    });
  });
}
