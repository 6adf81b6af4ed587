import type { AppContext } from '../../context.js';
import { hostActor, type Actor, type HostActor } from '../../actor.js';
import { appendAudit } from '../../db/audit.js';
import type { DbOrTx, Tx } from '../../db/database.js';
import { AppError, badRequest, fieldErrorParams, fieldErrors, notFound } from '../../http/errors.js';
import { encryptField, keyedHash } from '../../security/crypto.js';
import type { CountryProfile, Language } from '../../../shared/profiles/index.js';
import { addDayCount } from '../../../shared/profiles/calendar.js';
import { feeOn } from '../../../shared/profiles/profile.js';
import { answersBeyondCore, MAX_STORED_ANSWERS_LENGTH } from '../../../shared/forms/stored.js';
import {
  PHOTO_MEDIA_TYPES,
  REGISTRATION_DOCUMENT_KINDS,
  UPLOAD_MEDIA_TYPES,
  daysBetween,
  registrationSchema,
  todayIso,
  yearsBetween,
  type Registration,
} from '../../../shared/schemas/index.js';
import { confirmPin, hostContacts, type PinHolder } from '../accounts/accounts.service.js';
import {
  checkUpload,
  hostDocumentKinds,
  withStoredFiles,
  type Upload,
} from '../documents/documents.service.js';
import { findOwnProperty } from '../properties/properties.service.js';
import { formatAddress, type Address } from '../properties/registry.js';
import * as repo from './registrations.repo.js';
import { attachChecklist, foreignAttachments } from './attachments.service.js';
import { revocationListChanged } from '../cards/cards.service.js';
import { applyTransition, transitionAudit, TRANSITIONS } from './transitions.js';
import { countedWarnings, isCounted, PASSPORT_EXPIRING_DAYS, type RegistrationWarning } from './warnings.js';

export { warningMessage, type RegistrationWarning } from './warnings.js';

/** The form's schema for a profile and a day, built once: every «Проверка данных» uses it. */
let cachedSchema:
  { profile: CountryProfile; today: string; schema: ReturnType<typeof registrationSchema> } | undefined;
function schemaFor(profile: CountryProfile, today: string) {
  if (cachedSchema?.profile !== profile || cachedSchema.today !== today)
    cachedSchema = { profile, today, schema: registrationSchema(profile, today) };
  return cachedSchema.schema;
}

/** The attachments of a form that failed its checks, those well enough formed to be looked up. */
const readableAttachments = (list: unknown[]) =>
  list.flatMap((a) => {
    const { type, documentId } = (a ?? {}) as Record<string, unknown>;
    const id = Number(documentId);
    return typeof type === 'string' && Number.isSafeInteger(id) && id > 0 ? [{ type, documentId: id }] : [];
  });

export interface CheckedRegistration {
  registration: Registration;
  /** The answers the form declares beyond the core columns, stored encrypted; none for a core-only form. */
  answers?: Record<string, unknown>;
  /** The host's PIN state, read with the rest: «Confirm» checks the PIN against it. */
  host: PinHolder;
  fee: { amountMinor: number; currency: string };
  property: { id: number; code: string; addressLine: string; capacity: number };
  /** Not refusals: the host sees them before confirming; operators see them as flags. */
  warnings: RegistrationWarning[];
}

/**
 * «Проверка данных»: the form's own rules and those that need the database, every problem on its
 * field at once (a 400 with all of them), or the registration ready to confirm with its fee.
 */
export async function checkRegistration(
  ctx: AppContext,
  hostId: number,
  input: unknown,
  today = todayIso(new Date(), ctx.profile.clock),
): Promise<CheckedRegistration> {
  const parsed = schemaFor(ctx.profile, today).safeParse(input);
  const documentFields = [
    ['passportDocumentId', REGISTRATION_DOCUMENT_KINDS.passport, 'errors.registration.passportFile.required'],
    ['photoDocumentId', REGISTRATION_DOCUMENT_KINDS.photo, 'errors.registration.photo.required'],
  ] as const;
  if (!parsed.success) {
    // Wrong already: say what else is wrong with the property and the documents too, all at once.
    const errors = fieldErrors(parsed.error);
    const fields = (input ?? {}) as Record<string, unknown>;
    const propertyId = Number(fields.propertyId);
    if (
      !errors.propertyId &&
      !(
        Number.isSafeInteger(propertyId) &&
        propertyId > 0 &&
        (await findOwnProperty(ctx, hostId, propertyId))
      )
    )
      errors.propertyId = 'errors.registration.property.notFound';
    const ids = documentFields
      .map(([field]) => Number(fields[field]))
      .filter((id) => Number.isSafeInteger(id) && id > 0);
    const kinds = await hostDocumentKinds(ctx.db, ids, hostId);
    for (const [field, kind, message] of documentFields)
      if (!errors[field] && kinds.get(Number(fields[field])) !== kind) errors[field] = message;
    const attachments = Array.isArray(fields.attachments) ? readableAttachments(fields.attachments) : [];
    const foreign = await foreignAttachments(ctx, hostId, attachments);
    throw badRequest({ ...foreign, ...errors }, undefined, fieldErrorParams(parsed.error));
  }
  const registration = parsed.data;
  const beyondCore = answersBeyondCore(ctx.profile.registrationForm, registration as never);
  // Each answer is bounded by its field; the whole is bounded too, so a stored row stays small.
  if (beyondCore && JSON.stringify(beyondCore).length > MAX_STORED_ANSWERS_LENGTH)
    throw badRequest({ _: 'errors.field.invalid' });
  const facts = await repo.formFacts(ctx.db, {
    hostId,
    propertyId: registration.propertyId,
    documentIds: [registration.passportDocumentId, registration.photoDocumentId],
    passportNumberHash: keyedHash(ctx.secrets.fieldHashKey, registration.passportNumber),
    from: registration.periodFrom,
    to: registration.periodTo,
    recentSince: new Date(Date.now() - ctx.profile.registration.busy.days * 86_400_000),
  });
  const errors: Record<string, string> = {};
  const property = facts.property;
  if (!property) errors.propertyId = 'errors.registration.property.notFound';
  // The scan and the photo must be this host's own uploads of the right kind.
  const kinds = new Map(facts.documents.map((d) => [Number(d.id), d.kind]));
  for (const [field, kind, message] of documentFields)
    if (kinds.get(registration[field]) !== kind) errors[field] = message;
  Object.assign(errors, await foreignAttachments(ctx, hostId, registration.attachments ?? []));
  // The same passport may not be registered twice for overlapping days, at any host.
  if (facts.overlapping > 0) errors.passportNumber = 'errors.registration.passport.overlap';
  if (Object.keys(errors).length > 0) throw badRequest(errors);

  const rules = ctx.profile.registration;
  const warnings = countedWarnings(rules.busy, property!.capacity, facts);
  const deadline = addDayCount(ctx.profile.calendar, registration.entryDate, rules.lateAfter);
  if (today > deadline)
    warnings.push({
      code: 'late',
      deadline,
      days: rules.lateAfter.days,
      unit: rules.lateAfter.unit,
      ...(rules.lateFine ? { fine: rules.lateFine } : {}),
    });
  const expiringIn = daysBetween(registration.periodTo, registration.passportExpiryDate);
  if (expiringIn <= PASSPORT_EXPIRING_DAYS)
    warnings.push({ code: 'passportExpiring', expiry: registration.passportExpiryDate, days: expiringIn });
  const age = yearsBetween(registration.birthDate, registration.periodFrom);
  if (age < rules.adultAge) warnings.push({ code: 'minor', age });
  const fee = feeOn(ctx.profile.registration, today);
  // The profile's schedule is open-ended (a test keeps it so): no fee means a broken profile.
  if (!fee) throw new Error(`the ${ctx.profile.code} profile has no fee for ${today}`);

  return {
    registration,
    ...(beyondCore ? { answers: beyondCore } : {}),
    host: facts.host!,
    fee: { amountMinor: fee.amountMinor, currency: fee.currency },
    property: {
      id: property!.id,
      code: property!.code,
      capacity: property!.capacity,
      addressLine: formatAddress(property!.address as Address),
    },
    warnings,
  };
}

/**
 * The passport page or the live photo, stored as the host uploads it (owned by the host, EXIF
 * stripped, encrypted at rest); the form then carries its id, and so does a draft.
 */
export async function storeRegistrationDocument(
  ctx: AppContext,
  hostId: number,
  kind: keyof typeof REGISTRATION_DOCUMENT_KINDS,
  upload: Upload | undefined,
) {
  const field = kind === 'passport' ? 'passportFile' : 'photo';
  const checked = await checkUpload(upload, kind === 'passport' ? UPLOAD_MEDIA_TYPES : PHOTO_MEDIA_TYPES);
  if ('problem' in checked)
    throw badRequest({
      [field]:
        checked.problem === 'errors.file.required'
          ? `errors.registration.${field}.required`
          : checked.problem,
    });
  const id = await withStoredFiles(ctx, (_tx, store) =>
    store({
      body: upload!.body,
      mediaType: checked.mediaType,
      kind: REGISTRATION_DOCUMENT_KINDS[kind],
      ownerHostId: hostId,
    }),
  );
  return { id };
}

// ---------- confirmation ----------

/**
 * «Confirm» with the PIN: the data is checked again (it may have changed since «Проверка данных»),
 * then the PIN authorises it, with its attempt limit; then the application is made.
 */
export async function confirmRegistration(
  ctx: AppContext,
  hostId: number,
  input: { data: unknown; pin: unknown; draftId?: number; language: Language; staffId?: number },
  today = todayIso(new Date(), ctx.profile.clock),
) {
  return submitRegistration(
    ctx,
    {
      hostId,
      actor: hostActor(hostId, input.staffId),
      data: input.data,
      draftId: input.draftId,
      language: input.language,
      authorise: async (checked) => {
        if (typeof input.pin !== 'string' || !/^\d{6}$/.test(input.pin))
          throw badRequest({ pin: 'errors.pin.format' });
        return confirmPin(ctx, hostId, input.pin, checked.host, input.staffId);
      },
    },
    today,
  );
}

export interface SubmitRegistration {
  hostId: number;
  actor: HostActor;
  data: unknown;
  language: Language;
  draftId?: number;
  /** The legal entity's own reference for it (its booking number), unique per entity. */
  externalReference?: string;
  /**
   * What authorises the checked registration — the host's PIN in the cabinet, an API key's
   * places through the API — answering how the host is reached; it throws to refuse.
   */
  authorise: (checked: CheckedRegistration) => Promise<{ email: string; phone: string }>;
  /** More work in the application's own transaction, once it exists (a batch row's result). */
  within?: CreateOptions['within'];
}

/**
 * Every door's submission of one registration: check → authorise → create. The form's «Confirm»
 * and the hotels' API (a single guest or a batch row) differ only in what authorises it.
 */
export async function submitRegistration(
  ctx: AppContext,
  input: SubmitRegistration,
  today = todayIso(new Date(), ctx.profile.clock),
) {
  const checked = await checkRegistration(ctx, input.hostId, input.data, today);
  const host = await input.authorise(checked);
  return createApplication(ctx, input.actor, checked, {
    draftId: input.draftId,
    language: input.language,
    externalReference: input.externalReference,
    within: input.within,
    host,
    today,
  });
}

interface CreateOptions {
  draftId?: number;
  language: Language;
  host: { email: string; phone: string };
  today: string;
  externalReference?: string;
  within?: (tx: Tx, created: { id: number; applicationNumber: string }) => Promise<void>;
}

/**
 * The one way an application is made, whatever authorised it (the host's PIN today): in one
 * transaction, its number, its draft removed, its audit entry — and, with no fee to pay, its
 * submission, told as every submission is (events.ts). The overlap rule is checked again here, in
 * turn with every other application of the same passport.
 */
export async function createApplication(
  ctx: AppContext,
  actor: HostActor,
  checked: CheckedRegistration,
  options: CreateOptions,
) {
  const r = checked.registration;
  const { fieldEncryptionKey, fieldHashKey } = ctx.secrets;
  const year = Number(options.today.slice(0, 4));
  await repo.ensureYearSequence(ctx.db, year);
  // A profile with no fee (Russia's): nothing to pay. The application is made already past the
  // table's `pay` transition, and the audit says so, rather than written and moved at once.
  const noFee = checked.fee.amountMinor === 0;
  const status: 'submitted' | 'awaiting_payment' = noFee ? TRANSITIONS.pay.to : 'awaiting_payment';
  const passportNumberHash = keyedHash(fieldHashKey, r.passportNumber);
  const created = ctx.events.transaction(ctx.db, async (tx) => {
    // Checked above for the answer's sake; checked again here, in turn with every other
    // confirmation of this passport, for the rule's: a double click or a second tab must not
    // register the same passport twice for the same days.
    await repo.lockPassport(tx, passportNumberHash);
    if (await repo.countOverlapping(tx, { passportNumberHash, from: r.periodFrom, to: r.periodTo }))
      throw badRequest({ passportNumber: 'errors.registration.passport.overlap' });
    // The counted flags again, in turn with every other confirmation at this place and by this
    // host: made at once, each must still see the ones before it.
    const counts = await repo.lockFlagCounts(tx, {
      hostId: actor.hostId,
      propertyId: checked.property.id,
      propertyCode: checked.property.code,
      from: r.periodFrom,
      to: r.periodTo,
      recentSince: new Date(Date.now() - ctx.profile.registration.busy.days * 86_400_000),
    });
    if (!counts) throw badRequest({ propertyId: 'errors.registration.property.notFound' });
    const warnings = [
      ...countedWarnings(ctx.profile.registration.busy, checked.property.capacity, counts),
      ...checked.warnings.filter((w) => !isCounted(w)),
    ];
    if (options.draftId !== undefined && !(await repo.deleteDraft(tx, actor.hostId, options.draftId)))
      throw new AppError({ status: 409, code: 'draft_gone', messageKey: 'errors.registration.draft.gone' });
    const { id, application_number: number } = await repo.insertApplication(tx, year, {
      host_id: actor.hostId,
      staff_id: actor.kind === 'staff' ? actor.staffId : null,
      external_reference: options.externalReference ?? null,
      passport_number_hash: passportNumberHash,
      passport_number_enc: encryptField(fieldEncryptionKey, r.passportNumber),
      status,
      submitted_at: noFee ? new Date() : null,
      valid_from: r.periodFrom,
      valid_until: r.periodTo,
      property_id: checked.property.id,
      surname: r.surname,
      given_names: r.givenNames,
      patronymic: r.patronymic || null,
      birth_date: r.birthDate,
      sex: r.sex,
      passport_type: r.passportType,
      passport_country: r.passportCountry,
      passport_issue_date: r.passportIssueDate,
      passport_expiry_date: r.passportExpiryDate,
      entry_date: r.entryDate,
      phone: r.phone,
      email: r.email ?? null,
      purpose: r.purpose,
      with_guardian: r.withGuardian ?? false,
      fee_minor: checked.fee.amountMinor,
      fee_currency: checked.fee.currency,
      language: options.language,
      mrz_fields: JSON.stringify(r.mrzFields ?? []),
      mrz_changed_fields: JSON.stringify(r.mrzChangedFields ?? []),
      flags: JSON.stringify(warnings),
      passport_document_id: r.passportDocumentId,
      photo_document_id: r.photoDocumentId,
      answers_enc: checked.answers ? encryptField(fieldEncryptionKey, JSON.stringify(checked.answers)) : null,
      form_version: ctx.profile.registrationForm.version,
      updated_at: new Date(),
    });
    await attachChecklist(tx, id, r.attachments ?? []);
    await appendAudit(tx, [
      {
        actor,
        action: 'registration.confirm',
        entity: 'registration',
        entityId: id,
        after: {
          applicationNumber: number,
          status: 'awaiting_payment',
          propertyId: checked.property.id,
          fee: checked.fee,
          flags: warnings.map((w) => w.code),
          mrzChangedFields: r.mrzChangedFields ?? [],
          attachments: (r.attachments ?? []).map((a) => a.type),
        },
      },
      ...(noFee
        ? [
            transitionAudit({
              id,
              current: 'awaiting_payment',
              action: 'pay',
              actor,
              details: { fee: 'none' },
            }),
          ]
        : []),
    ]);
    if (noFee) {
      const application = {
        id,
        host_id: actor.hostId,
        application_number: number,
        language: options.language,
        email: r.email ?? null,
        phone: r.phone,
      };
      const facts = await registrationFacts(tx, application, options.host);
      await ctx.events.emit(tx, { type: 'RegistrationSubmitted', ...facts });
    }
    await options.within?.(tx, { id, applicationNumber: number });
    return { id, applicationNumber: number, status, fee: checked.fee };
  });
  return created.catch((error: unknown) => {
    // Two requests with one reference at the same moment: the unique index decides.
    if ((error as { constraint?: string }).constraint === 'registrations_external_reference_key')
      throw new AppError({
        status: 409,
        code: 'external_reference_taken',
        messageKey: 'errors.summary',
        fields: { externalReference: 'errors.api.externalReferenceTaken' },
      });
    throw error;
  });
}

/**
 * Cancel (×) in the archive: until an operator takes the application. Whoever cares about a
 * cancelled application is told in the same transaction (payments marks a paid fee for refund,
 * and sends it to the acquirer once this has committed).
 */
export async function cancelRegistration(ctx: AppContext, hostId: number, id: number) {
  return ctx.events.transaction(ctx.db, async (tx) => {
    const application = await repo.findApplication(tx, hostId, id);
    if (!application) throw notFound('errors.registration.notFound');
    // A valid registration ended early: the service was given, so no refund; the card is revoked.
    if (application.status === 'approved') {
      const status = await applyTransition(tx, {
        id,
        current: application.status,
        action: 'revoke',
        actor: { kind: 'host', hostId },
        changes: { revoked_at: new Date() },
      });
      await ctx.events.emit(tx, {
        type: 'RegistrationCancelled',
        ...(await registrationFacts(tx, application)),
        feePaid: false,
      });
      revocationListChanged();
      return { id, status, refund: false };
    }
    // Submitted means paid: the fee was settled before it reached the queue.
    const refund = (TRANSITIONS.pay.to as string) === application.status && (application.fee_minor ?? 0) > 0;
    const status = await applyTransition(tx, {
      id,
      current: application.status,
      action: 'cancel',
      actor: { kind: 'host', hostId },
      details: refund ? { refund: 'pending' } : undefined,
    });
    await ctx.events.emit(tx, {
      type: 'RegistrationCancelled',
      ...(await registrationFacts(tx, application)),
      feePaid: refund,
    });
    return { id, status, refund };
  });
}

/**
 * «Оплатить»: the host's application that awaits its fee, locked in the caller's transaction so
 * that clicks take turns; what the payments module needs to make an order for it.
 */
export async function applicationAwaitingFee(tx: Tx, hostId: number, id: number) {
  const application = await repo.findApplication(tx, hostId, id);
  if (!application) throw notFound('errors.registration.notFound');
  if (!(TRANSITIONS.pay.from as readonly string[]).includes(application.status))
    throw new AppError({
      status: 409,
      code: 'status_conflict',
      messageKey: 'errors.payment.notAwaiting',
      details: { status: application.status },
    });
  return {
    applicationNumber: application.application_number,
    fee: { amountMinor: application.fee_minor!, currency: application.fee_currency! },
  };
}

/**
 * The fee is settled (the acquirer confirmed it): the application goes to the operators' queue,
 * and that is told, all in the caller's transaction. False when the application no longer awaits
 * payment (cancelled meanwhile, or paid by another attempt): the caller refunds.
 */
export async function submitApplication(
  ctx: Pick<AppContext, 'events'>,
  tx: Tx,
  paid: { registrationId: number; actor: Actor; details: Record<string, unknown> },
): Promise<boolean> {
  const id = paid.registrationId;
  const application = await repo.lockApplication(tx, id);
  if (!application || !(TRANSITIONS.pay.from as readonly string[]).includes(application.status)) return false;
  await applyTransition(tx, {
    id,
    current: application.status,
    action: 'pay',
    actor: paid.actor,
    details: paid.details,
  });
  await ctx.events.emit(tx, { type: 'RegistrationSubmitted', ...(await registrationFacts(tx, application)) });
  return true;
}

/**
 * What every event about an application says of it (events.ts): its ids and number, its
 * language, and how the host and the foreigner are reached. The host's contacts are looked up
 * unless the caller has them.
 */
export async function registrationFacts(
  db: DbOrTx,
  application: {
    id: number;
    host_id: number;
    application_number: string;
    language: string | null;
    email: string | null;
    phone: string | null;
  },
  host?: { email: string; phone: string },
) {
  return {
    registrationId: application.id,
    applicationNumber: application.application_number,
    hostId: application.host_id,
    language: (application.language ?? 'ru') as Language,
    hostContacts: host ?? (await hostContacts(db, application.host_id)),
    foreignerContacts: { email: application.email, phone: application.phone },
  };
}
