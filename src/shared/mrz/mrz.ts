// ICAO Doc 9303 machine-readable zones: TD1 (ID cards, 3×30), TD2 (2×36), TD3 (passports, 2×44).
// Pure functions: parsing, check digits, and what each position of a zone may hold.

export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

export interface MrzFields {
  documentCode: string;
  issuingState: string;
  surname: string;
  givenNames: string;
  documentNumber: string;
  nationality: string;
  /** YYYY-MM-DD, or '' when the date is not a real date. */
  birthDate: string;
  sex: 'M' | 'F' | 'X';
  expiryDate: string;
  /** TD3: the personal number field; TD1/TD2: optional data (Kyrgyz ID cards carry the 14-digit PIN here). */
  personalNumber: string;
}

export type MrzField = keyof MrzFields;
export const MRZ_FIELDS: readonly MrzField[] = [
  'documentCode',
  'issuingState',
  'surname',
  'givenNames',
  'documentNumber',
  'nationality',
  'birthDate',
  'sex',
  'expiryDate',
  'personalNumber',
];

export interface MrzChecks {
  documentNumber: boolean;
  birthDate: boolean;
  expiryDate: boolean;
  /** TD3 only: its own check digit; always true for TD1/TD2, which have none. */
  personalNumber: boolean;
  composite: boolean;
}

export interface ParsedMrz {
  format: MrzFormat;
  lines: string[];
  fields: MrzFields;
  checks: MrzChecks;
  /** Every check digit validates and every date is a real date. */
  valid: boolean;
}

export const LINE_LENGTH: Record<MrzFormat, number> = { TD1: 30, TD2: 36, TD3: 44 };
const LINE_COUNT: Record<MrzFormat, number> = { TD1: 3, TD2: 2, TD3: 2 };

const charValue = (c: string): number => {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c >= 'A' && c <= 'Z') return c.charCodeAt(0) - 55;
  return 0; // '<' and anything unreadable
};

/** The 7-3-1 weighted check digit of ICAO 9303 part 3. */
export function checkDigit(value: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < value.length; i++) sum += charValue(value[i]!) * weights[i % 3]!;
  return sum % 10;
}

const digitMatches = (value: string, digit: string | undefined) =>
  digit !== undefined && /\d/.test(digit) && checkDigit(value) === Number(digit);

/** Filled-out optional fields may leave their check digit as '<' (ICAO allows it when the field is empty). */
const optionalDigitMatches = (value: string, digit: string | undefined) =>
  /^<*$/.test(value) && (digit === '<' || digit === '0') ? true : digitMatches(value, digit);

export function formatOf(lines: string[]): MrzFormat | undefined {
  for (const format of ['TD3', 'TD2', 'TD1'] as const) {
    if (lines.length === LINE_COUNT[format] && lines.every((l) => l.length === LINE_LENGTH[format]))
      return format;
  }
  return undefined;
}

const clean = (value: string) => value.replace(/<+$/, '').replace(/</g, ' ').trim();

export function splitName(field: string): { surname: string; givenNames: string } {
  const trimmed = field.replace(/<+$/, '');
  const separator = trimmed.indexOf('<<');
  if (separator < 0) return { surname: clean(trimmed), givenNames: '' };
  return {
    surname: clean(trimmed.slice(0, separator)),
    givenNames: trimmed
      .slice(separator + 2)
      .split('<')
      .filter(Boolean)
      .join(' '),
  };
}

function realDate(year: number, mm: string, dd: string): string {
  const iso = `${year}-${mm}-${dd}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : '';
}

/** Birth: the latest century that does not put the date in the future. */
export function birthDateOf(yymmdd: string, today: string): string {
  if (!/^\d{6}$/.test(yymmdd)) return '';
  const yy = Number(yymmdd.slice(0, 2));
  const recent = realDate(2000 + yy, yymmdd.slice(2, 4), yymmdd.slice(4, 6));
  if (recent && recent <= today) return recent;
  return realDate(1900 + yy, yymmdd.slice(2, 4), yymmdd.slice(4, 6));
}

/** Expiry: this century, or the next when that would be more than 50 years in the past. */
export function expiryDateOf(yymmdd: string, today: string): string {
  if (!/^\d{6}$/.test(yymmdd)) return '';
  const yy = Number(yymmdd.slice(0, 2));
  const century = 2000 + yy < Number(today.slice(0, 4)) - 50 ? 2100 : 2000;
  return realDate(century + yy, yymmdd.slice(2, 4), yymmdd.slice(4, 6));
}

const sexOf = (c: string): MrzFields['sex'] => (c === 'M' || c === 'F' ? c : 'X');

/** Parses lines that already have the right shape; check results say what validated. */
export function parseMrz(
  lines: string[],
  today: string = new Date().toISOString().slice(0, 10),
): ParsedMrz | undefined {
  const format = formatOf(lines);
  if (!format) return undefined;
  let fields: MrzFields;
  let checks: MrzChecks;
  if (format === 'TD1') {
    const [l1, l2, l3] = lines as [string, string, string];
    let documentNumber = l1.slice(5, 14);
    let documentDigit = l1[14];
    let optional1 = l1.slice(15, 30);
    if (documentDigit === '<' && /[0-9A-Z]/.test(optional1[0] ?? '')) {
      // Long document number: it continues in the optional field, its check digit last.
      const extension = optional1.replace(/<.*$/, '');
      documentNumber += extension.slice(0, -1);
      documentDigit = extension.slice(-1);
      optional1 = optional1.slice(extension.length + 1);
    }
    const optional2 = l2.slice(18, 29);
    fields = {
      documentCode: clean(l1.slice(0, 2)),
      issuingState: clean(l1.slice(2, 5)),
      ...splitName(l3),
      documentNumber: clean(documentNumber),
      nationality: clean(l2.slice(15, 18)),
      birthDate: birthDateOf(l2.slice(0, 6), today),
      sex: sexOf(l2[7]!),
      expiryDate: expiryDateOf(l2.slice(8, 14), today),
      personalNumber: clean(optional1) || clean(optional2),
    };
    checks = {
      documentNumber: digitMatches(documentNumber, documentDigit),
      birthDate: digitMatches(l2.slice(0, 6), l2[6]),
      expiryDate: digitMatches(l2.slice(8, 14), l2[14]),
      personalNumber: true,
      composite: digitMatches(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29), l2[29]),
    };
  } else {
    const [l1, l2] = lines as [string, string];
    const optionalEnd = format === 'TD3' ? 42 : 35;
    const personal = l2.slice(28, optionalEnd);
    fields = {
      documentCode: clean(l1.slice(0, 2)),
      issuingState: clean(l1.slice(2, 5)),
      ...splitName(l1.slice(5)),
      documentNumber: clean(l2.slice(0, 9)),
      nationality: clean(l2.slice(10, 13)),
      birthDate: birthDateOf(l2.slice(13, 19), today),
      sex: sexOf(l2[20]!),
      expiryDate: expiryDateOf(l2.slice(21, 27), today),
      personalNumber: clean(personal),
    };
    const compositeEnd = format === 'TD3' ? 43 : 35;
    checks = {
      documentNumber: digitMatches(l2.slice(0, 9), l2[9]),
      birthDate: digitMatches(l2.slice(13, 19), l2[19]),
      expiryDate: digitMatches(l2.slice(21, 27), l2[27]),
      personalNumber: format === 'TD3' ? optionalDigitMatches(personal, l2[42]) : true,
      composite: digitMatches(
        l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, compositeEnd),
        l2[compositeEnd],
      ),
    };
  }
  const valid = Object.values(checks).every(Boolean) && fields.birthDate !== '' && fields.expiryDate !== '';
  return { format, lines, fields, checks, valid };
}

// ---------- correction ----------

/**
 * What OCR confuses in OCR-B, digit ↔ letter: the only changes a reading may make, and only where
 * the position cannot hold what was read. Of these only G/6 weigh the same modulo 10.
 */
const TO_DIGIT: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', Z: '2', S: '5', B: '8', G: '6' };
const TO_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '8': 'B', '6': 'G' };

type Kind = 'digit' | 'letter' | 'alnum' | 'any';

/** What each position may hold, per format: digits where only digits are allowed, letters where only letters. */
function layout(format: MrzFormat): Kind[][] {
  const line = (length: number, spans: [number, number, Kind][], fallback: Kind = 'any') => {
    const kinds: Kind[] = Array.from({ length }, () => fallback);
    for (const [from, to, kind] of spans) for (let i = from; i < to; i++) kinds[i] = kind;
    return kinds;
  };
  if (format === 'TD1') {
    return [
      line(30, [
        [0, 1, 'letter'],
        [2, 5, 'letter'],
        [5, 14, 'alnum'],
        [15, 30, 'alnum'],
      ]),
      line(30, [
        [0, 7, 'digit'],
        [8, 15, 'digit'],
        [15, 18, 'letter'],
        [18, 29, 'alnum'],
        [29, 30, 'digit'],
      ]),
      line(30, [], 'letter'),
    ];
  }
  const length = LINE_LENGTH[format];
  const optionalEnd = format === 'TD3' ? 42 : 35;
  return [
    line(length, [
      [0, 1, 'letter'],
      [2, length, 'letter'],
    ]),
    line(length, [
      [0, 9, 'alnum'],
      [9, 10, 'digit'],
      [10, 13, 'letter'],
      [13, 20, 'digit'],
      [21, 28, 'digit'],
      [28, optionalEnd, 'alnum'],
      [optionalEnd, length, 'digit'],
    ]),
  ];
}

/** The digit or letter OCR takes `c` for in OCR-B (O for 0, 5 for S…), or `c` itself. */
export const lookalike = (c: string, kind: 'digit' | 'letter') =>
  (kind === 'digit' ? TO_DIGIT[c] : TO_LETTER[c]) ?? c;

const LAYOUTS: Record<MrzFormat, Kind[][]> = { TD1: layout('TD1'), TD2: layout('TD2'), TD3: layout('TD3') };

/** The character a position can hold for one read there: an O where only digits go is a 0. */
export function repairAt(format: MrzFormat, row: number, column: number, c: string): string {
  const kind = LAYOUTS[format][row]?.[column];
  if (kind === 'digit') return TO_DIGIT[c] ?? c;
  if (kind === 'letter') return TO_LETTER[c] ?? c;
  return c;
}

/** Fixes what a position cannot hold (an O where only digits go, a 0 in a name). */
export function repairByPosition(lines: string[], format: MrzFormat): string[] {
  return lines.map((l, row) => [...l].map((c, i) => repairAt(format, row, i, c)).join(''));
}

// ---------- where fields are printed ----------

export interface Span {
  row: number;
  from: number;
  to: number;
}

/** The cells each field is printed in (its check digit included); names split at the '<<' read in `lines`. */
export function fieldSpans(format: MrzFormat, lines: string[]): Record<MrzField, Span[]> {
  const span = (row: number, from: number, to: number): Span[] => [{ row, from, to }];
  const nameRow = format === 'TD1' ? 2 : 0;
  const nameStart = format === 'TD1' ? 0 : 5;
  const length = LINE_LENGTH[format];
  const separator = (lines[nameRow] ?? '').indexOf('<<', nameStart);
  const surnameEnd = separator < 0 ? length : separator;
  const names = {
    surname: span(nameRow, nameStart, surnameEnd),
    givenNames: span(nameRow, Math.min(length, surnameEnd + 2), length),
  };
  if (format === 'TD1') {
    return {
      documentCode: span(0, 0, 2),
      issuingState: span(0, 2, 5),
      ...names,
      documentNumber: span(0, 5, 15),
      nationality: span(1, 15, 18),
      birthDate: span(1, 0, 7),
      sex: span(1, 7, 8),
      expiryDate: span(1, 8, 15),
      personalNumber: [...span(0, 15, 30), ...span(1, 18, 29)],
    };
  }
  return {
    documentCode: span(0, 0, 2),
    issuingState: span(0, 2, 5),
    ...names,
    documentNumber: span(1, 0, 10),
    nationality: span(1, 10, 13),
    birthDate: span(1, 13, 20),
    sex: span(1, 20, 21),
    expiryDate: span(1, 21, 28),
    personalNumber: span(1, 28, format === 'TD3' ? 43 : 35),
  };
}

/** Whether some check digit covers the cell: a misread there makes the zone fail to validate. */
export function isChecked(format: MrzFormat, row: number, column: number): boolean {
  if (format === 'TD1')
    return row === 0 ? column >= 5 : row === 1 && column !== 7 && (column < 15 || column >= 18);
  return row === 1 && column !== 20 && (column < 10 || column >= 13);
}

/**
 * Whether lines read from a page have the shape of a machine-readable zone at all: a document
 * code where one belongs, state codes of letters, dates of digits, a sex, and the '<' filler.
 * Printed text beside the zone (Cyrillic labels read as Latin look-alikes) has none of it: such a
 * read is "unreadable", and only a zone of this shape whose check digits fail is "invalid".
 */
export function hasMrzShape(lines: string[], format: MrzFormat): boolean {
  const spans = fieldSpans(format, lines);
  const cells = (field: MrzField) =>
    spans[field].flatMap(({ row, from, to }) => [...(lines[row] ?? '').slice(from, to)]);
  const share = (chars: string[], ok: (c: string) => boolean) =>
    chars.length === 0 ? 0 : chars.filter(ok).length / chars.length;
  const digit = (c: string) => /[0-9]/.test(lookalike(c, 'digit'));
  const letterOrFiller = (c: string) => /[A-Z<]/.test(lookalike(c, 'letter'));

  const dates = share([...cells('birthDate'), ...cells('expiryDate')], digit) >= 0.8;
  const filler = lines.some((line) => line.includes('<<'));
  const nameRow = lines[format === 'TD1' ? 2 : 0] ?? '';
  const names = share([...nameRow.slice(format === 'TD1' ? 0 : 5)], letterOrFiller) >= 0.9;
  const code = lookalike(cells('documentCode')[0] ?? '', 'letter');
  const signs = [
    format === 'TD3' ? code === 'P' : /[ACIV]/.test(code),
    share(cells('issuingState'), letterOrFiller) === 1,
    share(cells('nationality'), letterOrFiller) === 1,
    /[MF<X]/.test(lookalike(cells('sex')[0] ?? '', 'letter')),
  ].filter(Boolean).length;
  return dates && filler && names && signs >= 3;
}
