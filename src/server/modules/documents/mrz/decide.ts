// Deciding a zone from every read of it. The check digits may choose between characters the reads
// actually saw; they never invent one. A character is changed only where its position cannot hold
// what was read, and only to its usual confusion (repairAt); every field so changed, or decided
// against what most reads saw, is flagged; a zone whose check digits fail is given as read, flagged,
// and never called right.
import countries from 'i18n-iso-countries';
import {
  failedFields,
  fieldAt,
  fieldSpans,
  isChecked,
  LINE_LENGTH,
  MRZ_FIELDS,
  parseMrz,
  repairAt,
  type MrzField,
  type MrzFields,
  type MrzFormat,
  type ParsedMrz,
} from '../../../../shared/mrz/index.js';
import { combineGrids, type CellReading, type Engine, type Grid } from './cells.js';

export type MrzStatus = 'ok' | 'no-mrz' | 'invalid' | 'unreadable' | 'bad-file';

export interface MrzReading {
  status: MrzStatus;
  type?: MrzFormat;
  /** What was read: on `ok` every check digit validates; on `invalid` they are as read. */
  fields?: Partial<MrzFields>;
  mrz?: string[];
  /** Fields the form must ask the user to check: reads disagreed, a character was corrected, or check digits cannot decide. */
  uncertain: MrzField[];
}

export interface ZoneRead {
  engine: Engine;
  grid: Grid;
}

export interface Decided {
  /** `ok` when every check digit validates, otherwise `invalid` with the zone as read. */
  reading: MrzReading;
  /** Every cell agreed by every read and engine. */
  agreed: boolean;
}

/** A cell as the reads saw it, its options changed only where the position cannot hold them. */
interface ZoneCell extends CellReading {
  /** The characters the reads put here, before any change. */
  seen: string[];
}

/** At most this many cells are decided against the likeliest reading by the check digits. */
const MAX_CHANGES = 3;

type Candidate = { cost: number; parsed: ParsedMrz };

const isDigit = (c: string) => c >= '0' && c <= '9';

/**
 * Valid readings made of what the reads saw: each cell's likeliest character, or up to
 * MAX_CHANGES of the other characters seen where a check digit covers the cell — at most one in
 * a field, as a check digit settles one character and not several. In a number, which may hold
 * letters and digits, a letter never replaces a digit nor a digit a letter: O/0, B/8, Z/2 read
 * both ways would otherwise be tried until the arithmetic works.
 */
function candidateReadings(cells: ZoneCell[][], format: MrzFormat, primary: string[]): Candidate[] {
  const choices = cells
    .flatMap((row, r) => row.map((cell, c) => ({ r, c, cell, field: fieldAt(format, primary, r, c) })))
    .filter(({ r, c, cell }) => cell.options.length > 1 && isChecked(format, r, c))
    .slice(0, 10);
  const found: Candidate[] = [];
  const tryChanges = (from: number, changed: Set<string | undefined>, grid: string[][]) => {
    const parsed = parseMrz(grid.map((row) => row.join('')));
    if (parsed?.valid) found.push({ cost: changed.size, parsed });
    if (changed.size === MAX_CHANGES) return;
    for (let i = from; i < choices.length; i++) {
      const { r, c, cell, field } = choices[i]!;
      const key = field ?? `${r}:${c}`;
      if (changed.has(key)) continue;
      const read = cell.options[0]!;
      const mixed = field === 'documentNumber' || field === 'personalNumber';
      for (const option of cell.options.slice(1)) {
        if (mixed && option !== '<' && read !== '<' && isDigit(option) !== isDigit(read)) continue;
        const next = grid.map((row) => [...row]);
        next[r]![c] = option;
        tryChanges(i + 1, new Set([...changed, key]), next);
      }
    }
  };
  tryChanges(
    0,
    new Set(),
    primary.map((line) => [...line]),
  );
  return found;
}

/**
 * Fields to ask the user about in `lines`: where a character was changed from what the reads saw
 * or decided against the likeliest one, where reads disagreed with no check digit to settle it
 * (names), and where another valid reading about as close gives the field otherwise.
 */
function uncertainFields(
  lines: string[],
  cells: ZoneCell[][],
  format: MrzFormat,
  others: Candidate[] = [],
): Set<MrzField> {
  const uncertain = new Set<MrzField>();
  const spans = fieldSpans(format, lines);
  lines.forEach((line, r) =>
    [...line].forEach((ch, c) => {
      const cell = cells[r]![c]!;
      if (ch === cell.options[0] && cell.seen.includes(ch)) return;
      const field = fieldAt(format, lines, r, c);
      if (field) uncertain.add(field);
    }),
  );
  const parsed = parseMrz(lines)!;
  for (const other of others)
    for (const field of MRZ_FIELDS)
      if (String(other.parsed.fields[field]) !== String(parsed.fields[field])) uncertain.add(field);
  for (const field of MRZ_FIELDS) {
    let disputed = 0;
    for (const { row, from, to } of spans[field])
      for (let c = from; c < to; c++) {
        const cell = cells[row]![c]!;
        if (!cell.disputed) continue;
        disputed++;
        // A check digit settles one disputed character, not several, and none where it does not reach.
        if (!isChecked(format, row, c) || disputed > 1 || cell.missing) uncertain.add(field);
      }
  }
  // Where the surname ends and the given names begin is part of reading either.
  if (uncertain.has('surname') || uncertain.has('givenNames')) {
    uncertain.add('surname');
    uncertain.add('givenNames');
  }
  return uncertain;
}

/**
 * Decides the zone from every read so far: the valid reading with the fewest cells decided
 * against the likeliest character wins; with none, the likeliest characters as read.
 */
export function decideZone(reads: ZoneRead[], format: MrzFormat, rows: number): Decided {
  const cells = combineGrids(reads, rows, LINE_LENGTH[format]).map((row, r) =>
    row.map((cell, c): ZoneCell => {
      // What a position cannot hold is no disagreement: an O and a 0 read in a date are both 0.
      // Characters the position can hold come first: one read's 0 beats another's O in a date.
      const fits = cell.options.filter((o) => repairAt(format, r, c, o) === o);
      const options = [...new Set([...fits, ...cell.options.map((o) => repairAt(format, r, c, o))])];
      return {
        ...cell,
        seen: cell.missing ? [] : cell.options,
        options,
        disputed: (cell.disputed && options.length > 1) || cell.missing === true,
      };
    }),
  );
  const primary = cells.map((row) => row.map((cell) => cell.options[0]!).join(''));
  const agreed = cells.every((row) => row.every((cell) => !cell.disputed));
  const found = candidateReadings(cells, format, primary);
  if (found.length === 0) {
    const parsed = parseMrz(primary)!;
    const uncertain = uncertainFields(primary, cells, format);
    for (const field of failedFields(parsed)) uncertain.add(field);
    return { reading: readingOf('invalid', parsed, uncertain), agreed };
  }
  const cheapest = Math.min(...found.map((f) => f.cost));
  const best = found.find((f) => f.cost === cheapest)!;
  // Another valid reading needing at most one change more: the check digits cannot choose.
  const close = found.filter((f) => f !== best && f.cost <= cheapest + 1);
  const uncertain = uncertainFields(best.parsed.lines, cells, format, close);
  return { reading: checkCodes(readingOf('ok', best.parsed, uncertain)), agreed };
}

const readingOf = (status: 'ok' | 'invalid', parsed: ParsedMrz, uncertain: Set<MrzField>): MrzReading => ({
  status,
  type: parsed.format,
  fields: parsed.fields,
  mrz: parsed.lines,
  uncertain: MRZ_FIELDS.filter((f) => uncertain.has(f)),
});

/** Codes no check digit covers must at least be real ones; one that is not is given as read, flagged. */
function checkCodes(reading: MrzReading): MrzReading {
  const { documentCode = '', issuingState = '', nationality = '' } = reading.fields ?? {};
  const flags = new Set(reading.uncertain);
  const expectedCode = reading.type === 'TD3' ? /^P/ : /^[ACI]/;
  if (!expectedCode.test(documentCode)) flags.add('documentCode');
  if (!isStateCode(issuingState)) flags.add('issuingState');
  if (!isStateCode(nationality)) flags.add('nationality');
  return { ...reading, uncertain: MRZ_FIELDS.filter((f) => flags.has(f)) };
}

/** ISO 3166 alpha-3, and the codes ICAO 9303 adds (Germany's D, organisations, stateless, specimens). */
const ICAO_EXTRA = new Set([
  'D',
  'UTO',
  'XXA',
  'XXB',
  'XXC',
  'XXX',
  'EUE',
  'UNO',
  'UNA',
  'UNK',
  'XOM',
  'XPO',
  'XCC',
  'XES',
  'XMP',
  'XDC',
  'XBA',
  'XIM',
  'RKS',
  'GBD',
  'GBN',
  'GBO',
  'GBP',
  'GBS',
]);
const ISO_ALPHA3 = new Set(Object.keys(countries.getAlpha3Codes()));
const isStateCode = (code: string) => ISO_ALPHA3.has(code) || ICAO_EXTRA.has(code);
