import crypto from 'node:crypto';
import type { AppContext } from '../../context.js';
import { AppError, notFound } from '../../http/errors.js';
import { decryptField } from '../../security/crypto.js';
import { todayIso } from '../../../shared/dates.js';
import {
  decodeSeal,
  encodeSealMessage,
  fromBase64Url,
  toBase64Url,
  type SealData,
} from '../../../shared/seal.js';
import { readDocument } from '../documents/documents.service.js';
import { formatAddress, type Address } from '../properties/registry.js';
import { publicJwk, signEs256, type CardKey } from './card-keys.js';
import { arrivalNotice } from './arrival-notice.js';
import { coreAnswers, storedAnswers } from '../registrations/stored-answers.js';
import { renderCardPdf, type Card } from './card-pdf.js';
import { renderArrivalNoticePdf } from './notice-pdf.js';
import * as repo from './cards.repo.js';

const joinName = (...parts: (string | null)[]) => parts.filter(Boolean).join(' ');

/** The seal for a registration: its fields signed by the active key, as the QR's URL carries it. */
export function sealFor(ctx: AppContext, data: Omit<SealData, 'keyId'>): string {
  const key = ctx.cardKeys.active();
  const message = encodeSealMessage({ ...data, keyId: key.kid });
  const signature = signEs256(key.privateKey, message);
  const seal = new Uint8Array(message.length + signature.length);
  seal.set(message);
  seal.set(signature, message.length);
  return toBase64Url(seal);
}

export const verifyUrl = (ctx: AppContext, seal: string) => `${ctx.publicUrl()}/v/${seal}`;

function cardSeal(ctx: AppContext, facts: repo.CardFacts, passportNumber: string) {
  return sealFor(ctx, {
    registrationNumber: facts.registration_number!,
    surname: facts.surname ?? '',
    givenNames: facts.given_names ?? '',
    birthDate: facts.birth_date!,
    nationality: facts.passport_country ?? 'XXX',
    documentNumber: passportNumber,
    validFrom: facts.valid_from!,
    validUntil: facts.valid_until!,
    propertyCode: facts.property_code ?? '',
  });
}

/**
 * «Распечатать талон»: the document of the host's approved registration, as a PDF, in the layout
 * the profile declares (the registration card, or the notice of arrival with its tear-off part).
 */
export async function hostCardPdf(ctx: AppContext, hostId: number, id: number) {
  const facts = await repo.findCardFacts(ctx.db, { hostId, id });
  if (!facts) throw notFound('errors.registration.notFound');
  if (facts.status !== 'approved' || !facts.registration_number)
    throw new AppError({ status: 409, code: 'no_card', messageKey: 'errors.card.notApproved' });
  const key = ctx.secrets.fieldEncryptionKey;
  const passportNumber = decryptField(key, facts.passport_number_enc!);
  const url = verifyUrl(ctx, cardSeal(ctx, facts, passportNumber));
  const address = facts.property_address ? formatAddress(facts.property_address as Address) : '';
  // The receiving party: a person with the passport, or a legal entity with its tax number.
  const hostDocument = facts.host_passport_number_enc
    ? {
        type: facts.host_passport_type ?? 'passport',
        number: decryptField(key, facts.host_passport_number_enc),
        country: facts.host_passport_country ?? '',
      }
    : {
        type: 'taxNumber',
        number: decryptField(key, facts.host_tax_number_enc!),
        country: ctx.profile.country,
      };
  const hostName = joinName(facts.host_surname, facts.host_given_names);
  const layout = ctx.profile.card.document;
  if (layout.layout === 'arrivalNotice') {
    const languages = ctx.profile.card.languages;
    const documentName = [
      ...new Set(
        languages.map((l) =>
          ctx.translate(
            l,
            hostDocument.type === 'taxNumber'
              ? 'card.taxNumber'
              : `signup.passportTypes.${hostDocument.type}`,
          ),
        ),
      ),
    ].join(' / ');
    const notice = arrivalNotice({
      profile: ctx.profile,
      layout,
      translate: ctx.translate,
      facts,
      // Every answer the form took: the core columns and the country's own, sealed beside them.
      answers: {
        ...coreAnswers(ctx, facts),
        propertyId: facts.property_id,
        ...storedAnswers(ctx, facts.answers_enc),
      },
      addressLine: address,
      host: {
        name: facts.entity_name ?? hostName,
        document: `${documentName}, ${hostDocument.country} ${hostDocument.number}`,
      },
      verifyUrl: url,
    });
    return {
      pdf: await renderArrivalNoticePdf(notice, ctx.translate),
      fileName: `${layout.fileName}-${facts.registration_number}.pdf`,
    };
  }
  const photo = facts.photo_document_id
    ? await readDocument(ctx, facts.photo_document_id, { kind: 'system' })
    : undefined;
  const card: Card = {
    languages: ctx.profile.card.languages,
    authority: ctx.profile.card.authority,
    registrationNumber: facts.registration_number,
    verifyUrl: url,
    photo: photo?.body,
    fullName: joinName(facts.surname, facts.given_names, facts.patronymic),
    birthDate: facts.birth_date!,
    citizenship: facts.passport_country!,
    document: { type: facts.passport_type!, number: passportNumber, country: facts.passport_country! },
    documentValidUntil: facts.passport_expiry_date!,
    entryDate: facts.entry_date!,
    address,
    propertyCode: facts.property_code ?? '',
    registrationDate: todayIso(facts.decided_at ?? new Date(), ctx.profile.clock),
    validFrom: facts.valid_from!,
    validUntil: facts.valid_until!,
    host: { name: hostName, document: hostDocument },
  };
  return {
    pdf: await renderCardPdf(card, ctx.translate),
    fileName: `registration-card-${facts.registration_number}.pdf`,
  };
}

/** The public keys, with their dates: `/.well-known/konok-card-keys.json`. */
export function cardKeySet(ctx: AppContext) {
  return { keys: ctx.cardKeys.published().map(publicJwk) };
}

/**
 * The signed revocation list, a compact JWS (ES256, the active key): the registration numbers of
 * cards whose registration ended early. Made at most once a minute per process.
 */
let cachedList: { at: number; jws: string; db: unknown } | undefined;
export async function revocationList(ctx: AppContext): Promise<string> {
  if (cachedList && cachedList.db === ctx.db && Date.now() - cachedList.at < 60_000) return cachedList.jws;
  const rows = await repo.revokedCards(ctx.db, todayIso(new Date(), ctx.profile.clock));
  const key = ctx.cardKeys.active();
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'ES256', kid: String(key.kid), typ: 'konok-revocations' })}.${encode({
    iat: Math.floor(Date.now() / 1000),
    revoked: rows.map((r) => r.registration_number),
  })}`;
  const jws = `${input}.${signEs256(key.privateKey, Buffer.from(input)).toString('base64url')}`;
  cachedList = { at: Date.now(), jws, db: ctx.db };
  return jws;
}

/** Forget the cached list: a card was revoked just now. */
export const revocationListChanged = () => {
  cachedList = undefined;
};

/** Each key parsed once: the verification page asks on every scan. A rotation brings new objects. */
const verifyingKeys = new WeakMap<CardKey, crypto.KeyObject>();
function verifyingKey(key: CardKey) {
  let parsed = verifyingKeys.get(key);
  if (!parsed) {
    parsed = crypto.createPublicKey({ key: publicJwk(key), format: 'jwk' });
    verifyingKeys.set(key, parsed);
  }
  return parsed;
}

/**
 * The server's own check of a seal (the page does the same in the browser): the decoded fields
 * when the signature is good with a published key, else undefined.
 */
export function verifySeal(ctx: AppContext, text: string) {
  const bytes = fromBase64Url(text);
  const decoded = bytes && decodeSeal(bytes);
  if (!decoded) return undefined;
  const key = ctx.cardKeys.published().find((k) => k.kid === decoded.data.keyId);
  if (!key) return undefined;
  const valid = crypto.verify(
    'sha256',
    decoded.message,
    { key: verifyingKey(key), dsaEncoding: 'ieee-p1363' },
    decoded.signature,
  );
  return valid ? decoded.data : undefined;
}

/** The photo for the verification page, online: only to whoever holds a genuine seal of a valid card. */
export async function cardPhoto(ctx: AppContext, seal: string) {
  const data = verifySeal(ctx, seal);
  if (!data) throw notFound('errors.card.notFound');
  const facts = await repo.findCardFacts(ctx.db, { registrationNumber: data.registrationNumber });
  if (!facts?.photo_document_id || facts.status !== 'approved') throw notFound('errors.card.notFound');
  const photo = await readDocument(ctx, facts.photo_document_id, { kind: 'system' });
  if (!photo) throw notFound('errors.card.notFound');
  return photo;
}
