import { describe, expect, it } from 'vitest';
import {
  hasMrzShape,
  birthDateOf,
  checkDigit,
  correctMrz,
  expiryDateOf,
  fieldAt,
  fieldSpans,
  isChecked,
  lookalike,
  parseMrz,
  repairAt,
  splitName,
} from './index';

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

describe('correcting a reading: never a wrong field called right', () => {
  it('changes what a position cannot hold to its usual confusion, and flags the field', () => {
    const ocr = [TD3[0]!, TD3[1]!.replace('7408122', '74O8122')];
    const correction = correctMrz(ocr, today)!;
    expect(correction.parsed.lines).toEqual(TD3);
    expect(correction.parsed.fields.birthDate).toBe('1974-08-12');
    expect(correction.corrected).toEqual(['birthDate']);
    expect(correction.uncertain).toEqual(['birthDate']);
    expect(correction.ok).toBe(false);
  });

  it('flags a name whose digit was read back as a letter, and nothing else', () => {
    const correction = correctMrz([TD3[0]!.replace('ERIKSSON', 'ERIKSS0N'), TD3[1]!], today)!;
    expect(correction.parsed.fields.surname).toBe('ERIKSSON');
    expect(correction.uncertain).toEqual(['surname']);
  });

  it('leaves a document number whose check digit fails as read, flagged, even when a look-alike would pass', () => {
    // O for 0 in the number: O↔0 would make the check digit pass, but a number may hold either.
    const ocr = [TD3[0]!, TD3[1]!.replace('L898902C3', 'L8989O2C3')];
    const correction = correctMrz(ocr, today)!;
    expect(correction.parsed.fields.documentNumber).toBe('L8989O2C3');
    expect(correction.failed).toContain('documentNumber');
    expect(correction.uncertain).toContain('documentNumber');
    expect(correction.ok).toBe(false);
  });

  it('never tries characters until a check digit passes: a misprinted number stays as printed', () => {
    const misprinted = [TD3[0]!, TD3[1]!.replace('L898902C36', 'L898902C37')];
    const correction = correctMrz(misprinted, today)!;
    expect(correction.parsed.fields.documentNumber).toBe('L898902C3');
    expect(correction.failed).toEqual(['documentNumber', 'birthDate', 'expiryDate', 'personalNumber']);
    expect(correction.ok).toBe(false);
  });

  it('changes nothing in a zone read right, and calls it right', () => {
    expect(correctMrz(TD3, today)).toMatchObject({ corrected: [], failed: [], uncertain: [], ok: true });
    expect(correctMrz(TD1, today)).toMatchObject({ uncertain: [], ok: true });
  });

  it('a date that is no real date fails, whatever its check digit', () => {
    const l2 = TD3[1]!.replace('7408122', `741312${checkDigit('741312')}`);
    expect(correctMrz([TD3[0]!, l2], today)!.failed).toContain('birthDate');
  });

  it('names the field of each cell of the zone', () => {
    expect(fieldAt('TD3', TD3, 1, 9)).toBe('documentNumber');
    expect(fieldAt('TD3', TD3, 0, 16)).toBe('givenNames');
    expect(fieldAt('TD3', TD3, 1, 43)).toBeUndefined();
    expect(fieldAt('TD1', TD1, 0, 20)).toBe('personalNumber');
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
