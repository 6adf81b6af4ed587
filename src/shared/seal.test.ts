import { describe, expect, it } from 'vitest';
import {
  decodeSeal,
  encodeSealMessage,
  fromBase64Url,
  sealName,
  sealVerdict,
  toBase64Url,
  type SealData,
} from './seal';
import { kg } from './profiles/kg';
import { ru } from './profiles/ru';

const data: SealData = {
  keyId: 65_000,
  registrationNumber: '59930207077349',
  surname: 'Müller-Lüdenscheidt',
  givenNames: "Anna O'Neil",
  birthDate: '1901-03-04',
  nationality: 'UTO',
  documentNumber: 'L898902C3',
  validFrom: '2026-12-31',
  validUntil: '2027-03-01',
  propertyCode: '1-02-07-0017-0056-012',
};
const withSignature = (message: Uint8Array) => {
  const seal = new Uint8Array(message.length + 64);
  seal.set(message);
  seal.fill(7, message.length);
  return seal;
};

describe('the seal message', () => {
  it('round-trips every field, the name as the MRZ writes it', () => {
    const decoded = decodeSeal(withSignature(encodeSealMessage(data)))!;
    expect(decoded.data).toEqual({ ...data, surname: 'M LLER L DENSCHEIDT', givenNames: 'ANNA O NEIL' });
    expect(decoded.signature).toEqual(new Uint8Array(64).fill(7));
    expect(sealName('a'.repeat(30), 'b'.repeat(30))).toHaveLength(39);
  });

  it('keeps a leading zero of the registration number and an odd-length property code', () => {
    const decoded = decodeSeal(
      withSignature(
        encodeSealMessage({ ...data, registrationNumber: '00000000000017', propertyCode: '1-02' }),
      ),
    )!;
    expect(decoded.data.registrationNumber).toBe('00000000000017');
    expect(decoded.data.propertyCode).toBe('1-02');
  });

  it('refuses what is not a seal: cut, another version, trailing bytes, not base64url', () => {
    const seal = withSignature(encodeSealMessage(data));
    expect(decodeSeal(seal.subarray(0, 40))).toBeNull();
    expect(decodeSeal(Uint8Array.from([2, ...seal.subarray(1)]))).toBeNull();
    expect(
      decodeSeal(
        Uint8Array.from([...seal.subarray(0, seal.length - 64), 0, ...seal.subarray(seal.length - 64)]),
      ),
    ).toBeNull();
    expect(fromBase64Url('ab+/')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
    expect(fromBase64Url(toBase64Url(seal))).toEqual(seal);
  });

  it('gives the verdict: forged before anything, then cancelled, expired, not yet valid, valid', () => {
    const base = { data, revoked: new Set<string>(), now: new Date('2027-01-15T06:00:00Z'), clock: kg.clock };
    expect(sealVerdict({ ...base, signatureValid: false })).toBe('forged');
    expect(sealVerdict({ ...base, signatureValid: true, revoked: new Set([data.registrationNumber]) })).toBe(
      'cancelled',
    );
    expect(sealVerdict({ ...base, signatureValid: true, now: new Date('2027-03-02T06:00:00Z') })).toBe('expired');
    expect(sealVerdict({ ...base, signatureValid: true, now: new Date('2026-12-30T06:00:00Z') })).toBe('notYetValid');
    expect(sealVerdict({ ...base, signatureValid: true })).toBe('valid');
  });

  it('counts the card’s days on the issuing country’s clock, not the reader’s', () => {
    const base = { data, revoked: new Set<string>(), signatureValid: true };
    // 18:30 UTC on 30 December is already 31 December in Bishkek (UTC+6): the card has begun.
    expect(sealVerdict({ ...base, now: new Date('2026-12-30T18:30:00Z'), clock: kg.clock })).toBe('valid');
    expect(sealVerdict({ ...base, now: new Date('2026-12-30T17:30:00Z'), clock: kg.clock })).toBe('notYetValid');
    // 21:30 UTC on 30 December is 00:30 on 31 December in Moscow (UTC+3), but not at 20:30.
    expect(sealVerdict({ ...base, now: new Date('2026-12-30T21:30:00Z'), clock: ru.clock })).toBe('valid');
    expect(sealVerdict({ ...base, now: new Date('2026-12-30T20:30:00Z'), clock: ru.clock })).toBe('notYetValid');
    // The last day runs to its end in Bishkek: 1 March 17:59 UTC still counts, 18:00 does not.
    expect(sealVerdict({ ...base, now: new Date('2027-03-01T17:59:00Z'), clock: kg.clock })).toBe('valid');
    expect(sealVerdict({ ...base, now: new Date('2027-03-01T18:00:00Z'), clock: kg.clock })).toBe('expired');
  });
});
