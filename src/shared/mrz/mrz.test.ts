import { describe, expect, it } from 'vitest';
import {
  hasMrzShape,
  birthDateOf,
  checkDigit,
  correctMrz,
  expiryDateOf,
  fieldSpans,
  isChecked,
  lookalike,
  parseMrz,
  repairAt,
  splitName,
} from './mrz';

// ICAO 9303 specimens (state UTO).
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD1 = [
  'I<UTOD231458907<<<<<<<<<<<<<<<',
  '7408122F1204159UTO<<<<<<<<<<<6',
  'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
];
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];
const today = '2026-11-25';

describe('check digits', () => {
  it('weights 7-3-1 with letters A=10 … Z=35 and < = 0', () => {
    expect(checkDigit('L898902C3')).toBe(6);
    expect(checkDigit('740812')).toBe(2);
    expect(checkDigit('120415')).toBe(9);
    expect(checkDigit('ZE184226B<<<<<')).toBe(1);
    expect(checkDigit('<<<<')).toBe(0);
  });
});

describe('parsing', () => {
  it('TD3 passport: every field and every check', () => {
    const parsed = parseMrz(TD3, today)!;
    expect(parsed.format).toBe('TD3');
    expect(parsed.valid).toBe(true);
    expect(parsed.fields).toEqual({
      documentCode: 'P',
      issuingState: 'UTO',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      documentNumber: 'L898902C3',
      nationality: 'UTO',
      birthDate: '1974-08-12',
      sex: 'F',
      expiryDate: '2012-04-15',
      personalNumber: 'ZE184226B',
    });
  });

  it('TD1 ID card and TD2', () => {
    const td1 = parseMrz(TD1, today)!;
    expect(td1).toMatchObject({ format: 'TD1', valid: true });
    expect(td1.fields).toMatchObject({
      documentCode: 'I',
      documentNumber: 'D23145890',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      sex: 'F',
      nationality: 'UTO',
      personalNumber: '',
    });
    const td2 = parseMrz(TD2, today)!;
    expect(td2).toMatchObject({ format: 'TD2', valid: true });
    expect(td2.fields).toMatchObject({
      documentNumber: 'D23145890',
      birthDate: '1974-08-12',
      expiryDate: '2012-04-15',
    });
  });

  it('a Kyrgyz ID card carries the 14-digit personal number in the optional field', () => {
    const l1 = `IDKGZ${'AN1234567'}${checkDigit('AN1234567')}${'21204198500123'}<`;
    const l2body = `850412${checkDigit('850412')}M350101${checkDigit('350101')}KGZ<<<<<<<<<<<`;
    const composite = checkDigit(
      l1.slice(5, 30) + l2body.slice(0, 7) + l2body.slice(8, 15) + l2body.slice(18, 29),
    );
    const lines = [l1, `${l2body}${composite}`, 'ASANOV<<BAKYT<<<<<<<<<<<<<<<<<'];
    const parsed = parseMrz(lines, today)!;
    expect(parsed.valid).toBe(true);
    expect(parsed.fields).toMatchObject({
      documentCode: 'ID',
      issuingState: 'KGZ',
      personalNumber: '21204198500123',
      sex: 'M',
      expiryDate: '2035-01-01',
    });
  });

  it('a wrong check digit is caught and named', () => {
    const bad = [TD3[0]!, TD3[1]!.replace('7408122', '7408123')];
    const parsed = parseMrz(bad, today)!;
    expect(parsed.valid).toBe(false);
    expect(parsed.checks).toMatchObject({
      birthDate: false,
      documentNumber: true,
      expiryDate: true,
      composite: false,
    });
  });

  it('sex < is unspecified (X); names split at << with < as spaces', () => {
    const lines = [TD3[0]!, TD3[1]!.slice(0, 20) + '<' + TD3[1]!.slice(21)];
    expect(parseMrz(lines, today)!.fields.sex).toBe('X');
    expect(splitName('DE<LA<CRUZ<<JUAN<PABLO<<<<')).toEqual({
      surname: 'DE LA CRUZ',
      givenNames: 'JUAN PABLO',
    });
    expect(splitName('MONONYM<<<<<<<')).toEqual({ surname: 'MONONYM', givenNames: '' });
  });

  it('centuries: birth never in the future, expiry in this or the next century', () => {
    expect(birthDateOf('260101', today)).toBe('2026-01-01');
    expect(birthDateOf('261231', today)).toBe('1926-12-31');
    expect(birthDateOf('000229', today)).toBe('2000-02-29');
    expect(birthDateOf('010229', today)).toBe('');
    expect(expiryDateOf('340101', today)).toBe('2034-01-01');
    expect(expiryDateOf('990101', today)).toBe('2099-01-01');
    expect(expiryDateOf('120415', '2080-01-01')).toBe('2112-04-15');
  });

  it('rejects lines of the wrong shape', () => {
    expect(parseMrz(['SHORT', 'LINES'])).toBeUndefined();
  });
});

describe('correction guided by check digits', () => {
  it('fixes letter/digit confusions where a position allows only one kind', () => {
    const ocr = [
      'P<UT0ERIKSS0N<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<',
      'L898902C36UT07408I22F12O4159ZE184226B<<<<<1O',
    ];
    const { candidates, ambiguousFields } = correctMrz(ocr, today);
    expect(candidates).toHaveLength(1);
    // ZE184226B holds a 6, which a G would replace without changing any check digit.
    expect(ambiguousFields).toEqual(['personalNumber']);
    expect(candidates[0]!.fields).toMatchObject({
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      birthDate: '1974-08-12',
      expiryDate: '2012-04-15',
    });
  });

  it('tries both readings in alphanumeric fields and keeps only those the check digit accepts', () => {
    const ocr = [TD3[0]!, TD3[1]!.replace('L898902C3', 'L8989O2C3')];
    const { candidates } = correctMrz(ocr, today);
    expect(candidates.map((r) => r.fields.documentNumber)).toEqual(['L898902C3']);
  });

  it('G and 6 weigh the same: the other reading also validates, so the field is named ambiguous', () => {
    const number = 'AB1234G67';
    const l2 = `${number}${checkDigit(number)}UTO7408122F1204159<<<<<<<<<<<<<<`;
    const body = l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43);
    const lines = [
      TD3[0]!,
      `${l2}${checkDigit('<<<<<<<<<<<<<<')}${checkDigit(body + checkDigit('<<<<<<<<<<<<<<'))}`.slice(0, 44),
    ];
    const fixed = [
      lines[0]!,
      lines[1]!.slice(0, 43) +
        checkDigit(lines[1]!.slice(0, 10) + lines[1]!.slice(13, 20) + lines[1]!.slice(21, 43)),
    ];
    expect(parseMrz(fixed, today)!.valid).toBe(true);
    const { candidates, ambiguousFields } = correctMrz(fixed, today);
    expect(candidates.map((r) => r.fields.documentNumber)).toEqual(['AB1234G67']);
    expect(ambiguousFields).toContain('documentNumber');
  });
});

describe('where fields are printed', () => {
  it('gives the cells of each field, names split where << was read', () => {
    const spans = fieldSpans('TD3', TD3);
    expect(spans.surname).toEqual([{ row: 0, from: 5, to: 13 }]);
    expect(spans.givenNames).toEqual([{ row: 0, from: 15, to: 44 }]);
    expect(spans.documentNumber).toEqual([{ row: 1, from: 0, to: 10 }]);
    expect(spans.sex).toEqual([{ row: 1, from: 20, to: 21 }]);
    const td1 = fieldSpans('TD1', TD1);
    expect(td1.surname).toEqual([{ row: 2, from: 0, to: 8 }]);
    expect(td1.nationality).toEqual([{ row: 1, from: 15, to: 18 }]);
  });

  it('knows which cells a check digit covers: not the names, codes, nationality or sex', () => {
    expect(isChecked('TD3', 0, 7)).toBe(false);
    expect(isChecked('TD3', 1, 3)).toBe(true);
    expect(isChecked('TD3', 1, 11)).toBe(false);
    expect(isChecked('TD3', 1, 20)).toBe(false);
    expect(isChecked('TD3', 1, 30)).toBe(true);
    expect(isChecked('TD1', 0, 3)).toBe(false);
    expect(isChecked('TD1', 0, 20)).toBe(true);
    expect(isChecked('TD1', 1, 16)).toBe(false);
    expect(isChecked('TD1', 2, 4)).toBe(false);
  });

  it('reads a character as what its position can hold', () => {
    expect(repairAt('TD3', 1, 15, 'O')).toBe('0');
    expect(repairAt('TD3', 0, 8, '0')).toBe('O');
    expect(repairAt('TD3', 1, 3, 'O')).toBe('O');
    expect(lookalike('S', 'digit')).toBe('5');
    expect(lookalike('8', 'letter')).toBe('B');
    expect(lookalike('X', 'digit')).toBe('X');
  });

  it('counts the characters a correction changes, and lists the readings one change further', () => {
    const misread = [TD3[0]!, TD3[1]!.replace('7408122', '74O8122')];
    const correction = correctMrz(misread, today);
    expect(correction.changes).toBe(1);
    expect(correction.candidates[0]!.lines).toEqual(TD3);
    expect(correction.near.every((n) => n.changes <= 2 && n.parsed.valid)).toBe(true);
  });
});

describe('composing', () => {
  it('writes what parseMrz reads back, in all three formats', async () => {
    const { composeMrz } = await import('./compose');
    const identity = {
      documentCode: 'P',
      issuingState: 'KGZ',
      surname: 'ASANOVA',
      givenNames: 'AIGUL MEDER',
      documentNumber: 'AC1234567',
      nationality: 'KGZ',
      birthDate: '1991-03-09',
      sex: 'F' as const,
      expiryDate: '2031-07-30',
      personalNumber: '10903199100123',
    };
    expect(composeMrz(identity, 'TD3')[1]).toHaveLength(44);
    expect(parseMrz(composeMrz(identity, 'TD3'), today)).toMatchObject({ valid: true, fields: identity });
    expect(
      parseMrz(composeMrz({ ...identity, documentCode: 'ID', personalNumber: '' }, 'TD1'), today),
    ).toMatchObject({
      valid: true,
      fields: { ...identity, documentCode: 'ID', personalNumber: '' },
    });
    expect(
      parseMrz(composeMrz({ ...identity, documentCode: 'I', personalNumber: '' }, 'TD2'), today)!.valid,
    ).toBe(true);
    expect(parseMrz(composeMrz({ ...identity, personalNumber: '' }, 'TD3'), today)!.valid).toBe(true);
  });
});

describe('the shape of a zone', () => {
  const td3 = [
    'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
    'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
  ];
  const td1 = [
    'I<UTOD231458907<<<<<<<<<<<<<<<',
    '7408122F1204159UTO<<<<<<<<<<<6',
    'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
  ];

  it('is seen in a real zone, with a wrong check digit or a few misread characters', () => {
    expect(hasMrzShape(td3, 'TD3')).toBe(true);
    expect(hasMrzShape([td3[0]!, td3[1]!.replace('7408122', '7408127')], 'TD3')).toBe(true);
    expect(hasMrzShape([td3[0]!.replace('ERIK', 'ER1K'), td3[1]!.replace('1204', '12O4')], 'TD3')).toBe(true);
    expect(hasMrzShape(td1, 'TD1')).toBe(true);
  });

  it('is not seen in printed text taken for the zone', () => {
    // Cyrillic labels beside the zone, as a Latin OCR model reads them (П→N, Д→A, Ы→bl…).
    const labels = [
      'NACNOPTPOCCNNCKONDEAEPAUNNBblAAHOTAEAOMYOMBA',
      'NOANNCbBAAAEAbUAAATABblAAYNNKOAnOAPA3AEAEHNR',
    ];
    expect(hasMrzShape(labels, 'TD3')).toBe(false);
    expect(hasMrzShape(['1234567890123456789012345678901234567890ABCD', 'X'.repeat(44)], 'TD3')).toBe(false);
    // Fillers alone do not make a zone: the dates must be digits.
    expect(
      hasMrzShape(
        ['P<UTO<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQR'],
        'TD3',
      ),
    ).toBe(false);
  });
});
