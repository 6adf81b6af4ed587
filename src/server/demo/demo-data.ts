import crypto from 'node:crypto';
import { Secret } from 'otpauth';
import type { AppContext } from '../context.js';
import { encryptField, keyedHash } from '../security/crypto.js';
import type { Secrets } from '../security/secrets.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import {
  disableSignIn,
  ensureOperator,
  operatorIdByEmail,
  hostIdByEmail,
  insertActivatedHost,
  resetHostCredentials,
} from '../modules/accounts/demo-accounts.service.js';
import { withStoredFiles, type NewDocument } from '../modules/documents/documents.service.js';
import type { Tx } from '../db/database.js';
import { appendAudit } from '../db/audit.js';
import { disableDemoStaff } from './demo-entity.js';
import { DEMO } from './demo-logins.js';
import { demoPage } from './images.js';
import { addDays, archiveQuerySchema, todayIso } from '../../shared/schemas/index.js';
import { sampleRegistryCodes } from '../modules/properties/embedded-registry.js';
import { addAddressPlace, addProperty, listProperties } from '../modules/properties/properties.service.js';
import { storeAttachment } from '../modules/registrations/attachments.service.js';
import { claimApplication, decide, type Decision } from '../modules/review/review.service.js';
import { isProvided, requiredDocuments } from '../../shared/forms/documents.js';
import { demoCountry } from './demo-country.js';
import PDFDocument from 'pdfkit';
import { startPayment } from '../modules/payments/payments.service.js';
import { payOnSandboxPage } from '../sandbox-acquirer/payer.js';
import { archive } from '../modules/registrations/archive.service.js';
import { saveDraft } from '../modules/registrations/drafts.service.js';
import {
  cancelRegistration,
  confirmRegistration,
  storeRegistrationDocument,
} from '../modules/registrations/registrations.service.js';

/**
 * An invented, active host with a password and PIN, as if it had signed up and activated: for
 * the demo and for benchmarks, which need hosts without going through e-mail.
 */
export async function insertActiveHost(
  ctx: Pick<AppContext, 'profile' | 'secrets'>,
  tx: Tx,
  store: (document: NewDocument) => Promise<number>,
  host: { email: string; passwordHash: string; pin: string; passportNumber: string },
): Promise<number> {
  const { secrets } = ctx;
  const person = demoCountry(ctx.profile).host;
  const passport = await store({
    body: await demoPage(600, 400, [236, 240, 245]),
    mediaType: 'image/png',
    kind: 'host-passport',
  });
  const photo = await store({
    body: await demoPage(240, 320, [200, 210, 225]),
    mediaType: 'image/png',
    kind: 'host-photo',
  });
  return insertActivatedHost(
    ctx,
    tx,
    {
      profile: ctx.profile.code,
      subject_type: 'citizen_owner',
      status: 'active',
      language: 'ru',
      email: host.email,
      password_hash: host.passwordHash,
      surname: person.surname,
      given_names: person.givenNames,
      birth_date: '1985-03-14',
      sex: 'M',
      passport_type: person.passportType,
      passport_country: person.passportCountry,
      passport_number_enc: encryptField(secrets.fieldEncryptionKey, host.passportNumber),
      passport_number_hash: keyedHash(secrets.fieldHashKey, host.passportNumber),
      passport_issue_date: '2023-01-13',
      passport_expiry_date: '2033-01-13',
      personal_number_enc: null,
      personal_number_hash: null,
      phone: person.phone,
      pin_hash: null,
      passport_document_id: passport,
      photo_document_id: photo,
      locked_until: null,
      activated_at: new Date(),
    },
    host.pin,
  );
}

/**
 * The demo operator's authenticator secret: fixed for a data directory (derived from its master
 * key), so `npm start` can print it and a newcomer's app keeps working across restarts.
 */
export function demoOperatorTotpSecret(secrets: Secrets): string {
  const bytes = crypto
    .createHmac('sha256', secrets.codeKey)
    .update('demo-operator-totp')
    .digest()
    .subarray(0, 20);
  return new Secret({ buffer: Uint8Array.from(bytes).buffer }).base32;
}

/** Adds the demo host and operator once; running it again changes nothing. */
export async function seedDemoData(ctx: AppContext): Promise<void> {
  const { secrets } = ctx;
  const [hostHash, operatorHash] = await Promise.all([
    hashPassword(DEMO.host.password),
    hashPassword(DEMO.operator.password),
  ]);
  await withStoredFiles(ctx, async (tx, store) => {
    // Demo accounts disabled by a start outside demo mode work again in demo mode.
    await ensureOperator(ctx, tx, {
      email: DEMO.operator.email,
      passwordHash: operatorHash,
      fullName: 'Aida Demo-Operator',
      totpSecret: demoOperatorTotpSecret(secrets),
    });
    const demoHost = { email: DEMO.host.email, passwordHash: hostHash, pin: DEMO.host.pin };
    if (await resetHostCredentials(ctx, tx, demoHost)) return;
    const hostId = await insertActiveHost(ctx, tx, store, {
      email: DEMO.host.email,
      passwordHash: hostHash,
      pin: DEMO.host.pin,
      passportNumber: demoCountry(ctx.profile).host.passportNumber,
    });
    await appendAudit(tx, {
      actor: { kind: 'system' },
      action: 'host.demo-seed',
      entity: 'host',
      entityId: hostId,
    });
  });
  await seedDemoApplications(ctx);
}

/**
 * Outside demo mode the demo accounts must not work, even where an earlier start (when demo data
 * was the default) created them: their passwords are printed in the README. Returns how many
 * were disabled now.
 */
export async function disableDemoAccounts(ctx: AppContext): Promise<number> {
  const accounts = [
    { kind: 'operator', email: DEMO.operator.email },
    { kind: 'host', email: DEMO.host.email },
  ] as const;
  const staff = await disableDemoStaff(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    let disabled = staff;
    for (const account of accounts) {
      const id = await disableSignIn(tx, account.kind, account.email);
      if (id === undefined) continue;
      await appendAudit(tx, {
        actor: { kind: 'system' },
        action: `${account.kind}.demo-disable`,
        entity: account.kind,
        entityId: id,
      });
      disabled++;
    }
    return disabled;
  });
}

/**
 * A demo that looks lived in: the demo host's places, a draft, and applications in the states a
 * host meets, made through the same services a host and an operator use. With a fee: awaiting
 * payment (one is paid once Konok listens) and a cancelled one; with none, each is submitted at
 * once, and the demo operator approves one, asks for a document on another and rejects a third.
 * Only once.
 */
async function seedDemoApplications(ctx: AppContext): Promise<void> {
  const hostId = await hostIdByEmail(ctx.db, DEMO.host.email);
  if (!hostId || (await listProperties(ctx, hostId)).length > 0) return;
  const propertyIds = await demoPlaces(ctx, hostId);
  if (propertyIds.length < 2) return; // a real registry: the demo host adds properties by hand
  const country = demoCountry(ctx.profile);
  const today = todayIso(new Date(), ctx.profile.clock);
  const form = ctx.profile.registrationForm;
  const declared = new Set(form.fields.map((field) => field.name));
  const guest = async (i: number) => {
    const g = country.guests[i]!;
    const own = Object.entries(country.answers[i] ?? {}).filter(([name]) => declared.has(name));
    const answers: Record<string, unknown> = {
      // Plain grey pages stand in for the scans: the demo has no real person's passport.
      passportDocumentId: (
        await storeRegistrationDocument(ctx, hostId, 'passport', {
          body: await demoPage(500, 352, [236, 238, 240]),
          truncated: false,
        })
      ).id,
      photoDocumentId: (
        await storeRegistrationDocument(ctx, hostId, 'photo', {
          body: await demoPage(300, 400, [205, 190, 180]),
          truncated: false,
        })
      ).id,
      propertyId: propertyIds[i % 2],
      surname: g.surname,
      givenNames: g.givenNames,
      birthDate: g.birth,
      sex: g.sex,
      passportType: 'passport',
      passportCountry: g.country,
      passportNumber: g.passport,
      passportIssueDate: '2021-04-12',
      passportExpiryDate: '2031-04-11',
      entryDate: addDays(today, -3 + i),
      phone: g.phone,
      periodFrom: addDays(today, -2 + i),
      periodTo: addDays(today, 25 + i * 5),
      purpose: ['tourism', 'work', 'business', 'private'][i % 4],
      ...Object.fromEntries(own),
    };
    // A page for each document the country's checklist asks for these answers.
    const attachments = [];
    for (const item of requiredDocuments(form, answers)) {
      if (isProvided(item, answers)) continue;
      const upload = { body: await demoDocumentPdf(item.type), truncated: false };
      attachments.push({
        type: item.type,
        documentId: (await storeAttachment(ctx, hostId, { type: item.type, upload })).id,
      });
    }
    return attachments.length > 0 ? { ...answers, attachments } : answers;
  };
  const language = 'ru' as const;
  const created = [];
  for (let i = 0; i < country.guests.length - 1; i++)
    created.push(
      await confirmRegistration(ctx, hostId, { data: await guest(i), pin: DEMO.host.pin, language }),
    );
  if (created[0]!.status === 'awaiting_payment') await cancelRegistration(ctx, hostId, created[2]!.id);
  else
    await decideDemoApplications(
      ctx,
      created.map((application) => application.id),
    );
  // A draft the host stopped typing: the passport number is still to come.
  const draft: Record<string, unknown> = await guest(country.guests.length - 1);
  delete draft.passportNumber;
  await saveDraft(ctx, hostId, draft);
}

/** The demo host's two places: registry codes where the profile has a registry, else its addresses. */
async function demoPlaces(ctx: AppContext, hostId: number): Promise<number[]> {
  const scan = async () => ({ body: await demoPage(400, 560, [244, 244, 240]), truncated: false });
  if (ctx.profile.placeOfStay.kind === 'address') {
    const ids = [];
    for (const place of demoCountry(ctx.profile).places)
      ids.push((await addAddressPlace(ctx, hostId, { ...place, confirmIndex: true, scan: await scan() })).id);
    return ids;
  }
  const codes = await sampleRegistryCodes(ctx.db, 2);
  const ids = [];
  for (const [i, code] of codes.entries())
    ids.push((await addProperty(ctx, hostId, { code, capacity: i === 0 ? 3 : 6, scan: await scan() })).id);
  return ids;
}

/** The demo operator's decisions on submitted applications: approved, asked for a document, rejected; the rest wait. */
async function decideDemoApplications(ctx: AppContext, [approved, asked, rejected]: number[]) {
  const operatorId = await operatorIdByEmail(ctx.db, DEMO.operator.email);
  if (!operatorId) return;
  const decisions: [number | undefined, Decision][] = [
    [approved, { decision: 'approve' }],
    [
      asked,
      {
        decision: 'requestDocuments',
        message:
          'Пожалуйста, загрузите разворот паспорта с отметкой о въезде. / Please upload the passport page with the entry stamp.',
      },
    ],
    [rejected, { decision: 'reject', reason: ctx.profile.review.rejectionReasons[0]!, note: 'Demo' }],
  ];
  for (const [id, decision] of decisions) {
    if (id === undefined) continue;
    await claimApplication(ctx, operatorId, id);
    await decide(ctx, operatorId, id, decision);
  }
}

/** A one-page PDF naming the document it stands for: the demo has no real person's papers. */
function demoDocumentPdf(type: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: `Demo document: ${type}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(18).text(`Demo document: ${type}`, 72, 96);
  doc.fontSize(11).text('Konok demo data: invented, no real person.', 72, 130);
  doc.end();
  return done;
}

/**
 * One demo application paid, once Konok listens: through the sandbox acquirer over HTTP, with its
 * success test card, as a host would pay it, so the archive and the queue show a submitted one.
 */
export async function payDemoApplication(ctx: AppContext): Promise<void> {
  if (ctx.config.acquirer.kind !== 'sandbox') return;
  const hostId = await hostIdByEmail(ctx.db, DEMO.host.email);
  if (!hostId) return;
  // The archive, oldest first, as the host sees it: only a demo never paid for gets its payment.
  const { items } = await archive(
    ctx,
    hostId,
    archiveQuerySchema.parse({ sort: 'created', order: 'asc', pageSize: 50 }),
  );
  const first = items[0];
  if (items.some((item) => item.paymentStatus !== null) || first?.status !== 'awaiting_payment') return;
  const { redirectUrl } = await startPayment(ctx, hostId, first.id, 'ru');
  const paid = await payOnSandboxPage(redirectUrl, { holder: 'DEMO HOST' });
  if (paid.status !== 303) throw new Error(`the sandbox refused the demo payment (${paid.status})`);
}
