/**
 * The card's seal, after ICAO Doc 9303 part 13 (Visible Digital Seals): a compact binary message
 * signed with ECDSA P-256, carried base64url in the QR's URL. Shared by the server (which signs)
 * and the verification page (which checks it with WebCrypto), so it uses no Node API.
 *
 * Message, big-endian: version (1) · key id (2) · registration number (6, an integer) · birth date
 * (2, days from 1900-01-01) · valid from, valid until (2 + 2, days from 2000-01-01) · nationality
 * (2, three letters in base 26) · document number (1 + n ASCII) · name "SURNAME<<GIVEN NAMES"
 * (1 + n ASCII) · property code (1 + digits and dashes, two to a byte). Then the signature, r‖s (64).
 */

import { todayIso, type ServiceClock } from './dates.js';

export const SEAL_VERSION = 1;
export const SIGNATURE_BYTES = 64;
/** As the MRZ of a passport: a longer name is cut, and the card shows the full one beside the QR. */
export const SEAL_NAME_MAX = 39;

export interface SealData {
  keyId: number;
  registrationNumber: string;
  surname: string;
  givenNames: string;
  birthDate: string;
  nationality: string;
  documentNumber: string;
  validFrom: string;
  validUntil: string;
  propertyCode: string;
}

const DAY_MS = 86_400_000;
const BIRTH_EPOCH = Date.UTC(1900, 0, 1);
const PERIOD_EPOCH = Date.UTC(2000, 0, 1);
const toDays = (iso: string, epoch: number) => Math.round((Date.parse(`${iso}T00:00:00Z`) - epoch) / DAY_MS);
const fromDays = (days: number, epoch: number) => new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);

/** The name as the seal carries it: Latin capitals, "<<" between surname and given names. */
export function sealName(surname: string, givenNames: string): string {
  const clean = (s: string) =>
    s
      .toUpperCase()
      .replace(/[^A-Z ]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  return `${clean(surname)}<<${clean(givenNames)}`.slice(0, SEAL_NAME_MAX);
}

const NIBBLE = '0123456789-';

export function encodeSealMessage(data: SealData): Uint8Array {
  const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0) & 0x7f);
  const document = ascii(data.documentNumber.toUpperCase().slice(0, 20));
  const name = ascii(sealName(data.surname, data.givenNames));
  const code = Array.from(data.propertyCode.slice(0, 40), (c) => NIBBLE.indexOf(c)).filter((n) => n >= 0);
  const packed: number[] = [];
  for (let i = 0; i < code.length; i += 2) packed.push((code[i]! << 4) | (code[i + 1] ?? 0xf));
  const nationality = data.nationality.toUpperCase().padEnd(3, 'X');
  const bytes = new Uint8Array(17 + 1 + document.length + 1 + name.length + 1 + packed.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, SEAL_VERSION);
  view.setUint16(1, data.keyId);
  const number = Number(data.registrationNumber);
  view.setUint16(3, Math.floor(number / 2 ** 32));
  view.setUint32(5, number % 2 ** 32);
  view.setUint16(9, toDays(data.birthDate, BIRTH_EPOCH));
  view.setUint16(11, toDays(data.validFrom, PERIOD_EPOCH));
  view.setUint16(13, toDays(data.validUntil, PERIOD_EPOCH));
  view.setUint16(
    15,
    [0, 1, 2].reduce((n, i) => n * 26 + (nationality.charCodeAt(i) - 65), 0),
  );
  let at = 17;
  for (const part of [document, name]) {
    bytes[at++] = part.length;
    bytes.set(part, at);
    at += part.length;
  }
  bytes[at++] = code.length;
  bytes.set(packed, at);
  return bytes;
}

export interface DecodedSeal {
  data: SealData;
  /** The signed bytes and the signature, for the verifier. */
  message: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
}

/** The seal's fields, or null when it is not a seal of this version at all (cut, garbled). */
export function decodeSeal(seal: Uint8Array<ArrayBuffer>): DecodedSeal | null {
  if (seal.length < 17 + 3 + SIGNATURE_BYTES || seal[0] !== SEAL_VERSION) return null;
  const message = seal.subarray(0, seal.length - SIGNATURE_BYTES);
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  let at = 17;
  const take = () => {
    if (at >= message.length) return null;
    const length = message[at++]!;
    if (at + length > message.length) return null;
    const part = message.subarray(at, at + length);
    at += length;
    return part;
  };
  const document = take();
  const name = take();
  if (!document || !name || at >= message.length) return null;
  const codeLength = message[at++]!;
  if (at + Math.ceil(codeLength / 2) !== message.length) return null;
  let propertyCode = '';
  for (let i = 0; i < codeLength; i++) {
    const byte = message[at + (i >> 1)]!;
    const nibble = i % 2 === 0 ? byte >> 4 : byte & 0xf;
    if (nibble > 10) return null;
    propertyCode += NIBBLE[nibble];
  }
  let nationalityNumber = view.getUint16(15);
  let nationality = '';
  for (let i = 0; i < 3; i++) {
    nationality = String.fromCharCode(65 + (nationalityNumber % 26)) + nationality;
    nationalityNumber = Math.floor(nationalityNumber / 26);
  }
  const text = (part: Uint8Array) => String.fromCharCode(...part);
  const [surname = '', givenNames = ''] = text(name).split('<<');
  return {
    data: {
      keyId: view.getUint16(1),
      registrationNumber: String(view.getUint16(3) * 2 ** 32 + view.getUint32(5)).padStart(14, '0'),
      surname,
      givenNames,
      birthDate: fromDays(view.getUint16(9), BIRTH_EPOCH),
      nationality,
      documentNumber: text(document),
      validFrom: fromDays(view.getUint16(11), PERIOD_EPOCH),
      validUntil: fromDays(view.getUint16(13), PERIOD_EPOCH),
      propertyCode,
    },
    message,
    signature: seal.subarray(seal.length - SIGNATURE_BYTES),
  };
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Null for anything that is not base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** What the verification page concludes. `forged` covers a bad signature and an unknown or retired key. */
export type SealVerdict = 'valid' | 'expired' | 'cancelled' | 'forged' | 'notYetValid';

/**
 * The card's days are the issuing country's calendar days (its service clock): a registration to
 * 1 March runs to the end of 1 March in Bishkek, wherever the officer's phone is set.
 */
export function sealVerdict(options: {
  signatureValid: boolean;
  data: SealData;
  revoked: ReadonlySet<string>;
  now: Date;
  clock: ServiceClock;
}): SealVerdict {
  if (!options.signatureValid) return 'forged';
  if (options.revoked.has(options.data.registrationNumber)) return 'cancelled';
  const today = todayIso(options.now, options.clock);
  if (today > options.data.validUntil) return 'expired';
  if (today < options.data.validFrom) return 'notYetValid';
  return 'valid';
}
