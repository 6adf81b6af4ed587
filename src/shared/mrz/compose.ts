import { checkDigit, type MrzFields, type MrzFormat } from './mrz.js';

/** What a document's zone says about its holder: the same fields parseMrz gives back. */
export type MrzIdentity = MrzFields;

const pad = (value: string, length: number) => (value + '<'.repeat(length)).slice(0, length);
const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
const name = (identity: MrzIdentity, length: number) =>
  pad(`${identity.surname.replace(/ /g, '<')}<<${identity.givenNames.replace(/ /g, '<')}`, length);
const sexChar = (sex: MrzIdentity['sex']) => (sex === 'X' ? '<' : sex);

/** Writes the machine-readable zone of a document, check digits included (the inverse of parseMrz). */
export function composeMrz(identity: MrzIdentity, format: MrzFormat): string[] {
  const birth = yymmdd(identity.birthDate);
  const expiry = yymmdd(identity.expiryDate);
  if (format === 'TD1') {
    const number = pad(identity.documentNumber, 9);
    const l1 = pad(
      `${pad(identity.documentCode, 2)}${identity.issuingState}${number}${checkDigit(number)}${identity.personalNumber}`,
      30,
    );
    const l2body = `${birth}${checkDigit(birth)}${sexChar(identity.sex)}${expiry}${checkDigit(expiry)}${identity.nationality}${'<'.repeat(11)}`;
    const composite = checkDigit(
      l1.slice(5, 30) + l2body.slice(0, 7) + l2body.slice(8, 15) + l2body.slice(18, 29),
    );
    return [l1, `${l2body}${composite}`, name(identity, 30)];
  }
  const length = format === 'TD3' ? 44 : 36;
  const l1 = pad(`${pad(identity.documentCode, 2)}${identity.issuingState}`, 5) + name(identity, length - 5);
  const number = pad(identity.documentNumber, 9);
  const optional = pad(identity.personalNumber, format === 'TD3' ? 14 : 7);
  const optionalDigit = format === 'TD3' ? (/^<*$/.test(optional) ? '<' : String(checkDigit(optional))) : '';
  const body = `${number}${checkDigit(number)}${identity.nationality}${birth}${checkDigit(birth)}${sexChar(identity.sex)}${expiry}${checkDigit(expiry)}${optional}${optionalDigit}`;
  const composite = checkDigit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21));
  return [l1, `${body}${composite}`];
}
