import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import ky from '../i18n/ky.json';
import ru from '../i18n/ru.json';
import {
  IDENTIFIERS,
  IDENTIFIER_SHAPES,
  identifierIssue,
  identifierMessages,
  identifierSchema,
  type IdentifierName,
} from './identifiers';

// Published numbers: Sberbank (ИНН 7707083893, ОГРН 1027700132195, КПП 773601001), Gazprom
// (7736050003, 1027700070518), VTB (7702070139, 1027739609391); the individual ИНН 500100732259,
// the ОГРНИП 304500116000157 and the СНИЛС 112-233-445 95 that documentation uses as examples.
const valid: Record<IdentifierName, string[]> = {
  inn: ['7707083893', '500100732259'],
  innOrganisation: ['7707083893', '7736050003', '7702070139'],
  innIndividual: ['500100732259', '773370857141', '784806113663'],
  ogrn: ['1027700132195', '1027700070518', '1027739609391'],
  ogrnip: ['304500116000157', '304463210700212', '316861700133226'],
  kpp: ['773601001', '997250001', '7736AB001'],
  snils: ['11223344595', '08765430300', '15657325992'],
};

const invalid: Record<IdentifierName, string[]> = {
  // A wrong check digit, a wrong length, a letter, nothing.
  inn: ['7707083894', '500100732258', '77070838931', '77O7083893', ''],
  innOrganisation: ['7707083894', '500100732259', '770708389', '770708389A'],
  innIndividual: ['500100732250', '500100732209', '7707083893', '5001007322590'],
  ogrn: ['1027700132196', '102770013219', '2027700132195', '1027700132I95'],
  ogrnip: ['304500116000158', '30450011600015', '104500116000157', '30450011600015X'],
  // Lower-case letters, letters where digits go, 8 or 10 characters.
  kpp: ['7736ab001', 'A73601001', '77360100A', '77360100', '7736010011'],
  snils: ['11223344596', '1122334459', '112233445951', '1122334459O', '00100199900'],
};

describe('Russian identifiers', () => {
  for (const name of Object.keys(IDENTIFIERS) as IdentifierName[]) {
    it(`${name}: accepts published numbers and refuses wrong check digits, lengths and letters`, () => {
      for (const value of valid[name]) expect(IDENTIFIERS[name](value), value).toBe(true);
      for (const value of invalid[name]) expect(IDENTIFIERS[name](value), value).toBe(false);
    });
  }

  it('an ИНН of 12 digits must satisfy both check digits', () => {
    // 500100732259 with the 11th digit changed: the 12th, computed over it, no longer matches.
    expect(IDENTIFIERS.innIndividual('500100732269')).toBe(false);
    expect(IDENTIFIERS.inn('500100732269')).toBe(false);
  });

  it('a СНИЛС up to 001-001-998 carries no checksum; from 001-001-999 it does', () => {
    expect(IDENTIFIERS.snils('00100199800')).toBe(true);
    expect(IDENTIFIERS.snils('00000000199')).toBe(true);
    expect(IDENTIFIERS.snils('00100199900')).toBe(false);
    // 0·9 + 0·8 + 1·7 + 0·6 + 0·5 + 1·4 + 9·3 + 9·2 + 9·1 = 65.
    expect(IDENTIFIERS.snils('00100199965')).toBe(true);
    // A sum of 100 or 101 gives 00; above 101 the remainder by 101: 9·(9+…+1) = 405 → 405 mod 101 = 1.
    expect(IDENTIFIERS.snils('99999999901')).toBe(true);
    expect(IDENTIFIERS.snils('99999999905')).toBe(false);
  });
});

describe('identifier fields', () => {
  it('normalise what people type around the digits', () => {
    expect(identifierSchema('snils').parse(' 112-233-445 95 ')).toBe('11223344595');
    expect(identifierSchema('kpp').parse('7736ab001')).toBe('7736AB001');
    expect(identifierSchema('inn').parse('7707 083 893')).toBe('7707083893');
  });

  it('say which is wrong: nothing typed, the shape, or the check digits («Некорректный ИНН»)', () => {
    const message = (name: IdentifierName, value: unknown) =>
      identifierSchema(name)
        .safeParse(value)
        .error?.issues.map((issue) => issue.message);
    expect(message('innOrganisation', '')).toEqual(['errors.identifiers.innOrganisation.required']);
    expect(message('innOrganisation', undefined)).toEqual(['errors.identifiers.innOrganisation.required']);
    expect(message('innOrganisation', '770708389')).toEqual(['errors.identifiers.innOrganisation.format']);
    expect(message('innOrganisation', '7707083894')).toEqual(['errors.identifiers.innOrganisation.check']);
    expect(message('innOrganisation', '7707083893')).toBeUndefined();
    expect(message('kpp', '7736-01-00X')).toEqual(['errors.identifiers.kpp.format']);
    expect(identifierIssue('ogrnip', '304500116000158')).toBe('errors.identifiers.ogrnip.check');
    expect(identifierIssue('ogrnip', '304500116000157')).toBeUndefined();
    expect(ru.errors.identifiers.inn.check).toMatch(/^Некорректный ИНН/);
  });

  it('have every message in Russian, Kyrgyz and English', () => {
    for (const name of Object.keys(IDENTIFIER_SHAPES) as IdentifierName[])
      for (const key of Object.values(identifierMessages(name)))
        for (const language of [ru, ky, en]) {
          const text = key.split('.').reduce<unknown>((node, part) => (node as never)?.[part], language);
          expect(typeof text === 'string' && text.length > 0, `${key}`).toBe(true);
        }
  });
});
