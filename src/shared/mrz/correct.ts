// What a reading of a zone may change, and what it must then say it is unsure of. A character is
// changed only where its position cannot hold what was read (a letter in a date, a digit in a
// name), and only to its usual OCR-B confusion (O→0, 1→I…). Document and personal numbers mix
// letters and digits: nothing in them is ever changed, and no character is ever tried until a
// check digit passes — that would print a number the document does not carry.
import {
  fieldSpans,
  formatOf,
  MRZ_FIELDS,
  parseMrz,
  repairAt,
  type MrzField,
  type MrzFormat,
  type ParsedMrz,
} from './mrz.js';

/** The field whose cells (its check digit included) hold a position, if any. */
export function fieldAt(
  format: MrzFormat,
  lines: string[],
  row: number,
  column: number,
): MrzField | undefined {
  const spans = fieldSpans(format, lines);
  return MRZ_FIELDS.find((field) =>
    spans[field].some((s) => s.row === row && column >= s.from && column < s.to),
  );
}

/** What the composite check digit covers, beyond the fields with a digit of their own. */
const COMPOSITE: MrzField[] = ['documentNumber', 'birthDate', 'expiryDate', 'personalNumber'];

/** Fields a failed check digit (or a date that is no real date) leaves unconfirmed. */
export function failedFields(parsed: ParsedMrz): MrzField[] {
  const { checks, fields } = parsed;
  const failed = new Set<MrzField>();
  if (!checks.documentNumber) failed.add('documentNumber');
  if (!checks.birthDate || fields.birthDate === '') failed.add('birthDate');
  if (!checks.expiryDate || fields.expiryDate === '') failed.add('expiryDate');
  if (!checks.personalNumber) failed.add('personalNumber');
  // The composite cannot say which of its fields is wrong: every one of them is to be checked.
  if (!checks.composite) for (const field of COMPOSITE) failed.add(field);
  return MRZ_FIELDS.filter((f) => failed.has(f));
}

export interface Correction {
  /** The lines as read, with only what their positions cannot hold changed to its usual confusion. */
  parsed: ParsedMrz;
  /** Fields in which a character was changed. */
  corrected: MrzField[];
  /** Fields whose check digit fails after those changes: given as read, never as right. */
  failed: MrzField[];
  /** Every field the user must check: corrected or failed. */
  uncertain: MrzField[];
  /** Every check digit validates and no field was corrected or failed. */
  ok: boolean;
}

/** Reads lines of a zone's shape under the rules above; undefined when they have no zone's shape. */
export function correctMrz(rawLines: string[], today?: string): Correction | undefined {
  const format = formatOf(rawLines);
  if (!format) return undefined;
  const lines = rawLines.map((line, row) => [...line].map((c, i) => repairAt(format, row, i, c)).join(''));
  const parsed = parseMrz(lines, today)!;
  const changed = new Set<MrzField>();
  lines.forEach((line, row) =>
    [...line].forEach((c, i) => {
      if (c === rawLines[row]![i]) return;
      const field = fieldAt(format, lines, row, i);
      if (field) changed.add(field);
    }),
  );
  const corrected = MRZ_FIELDS.filter((f) => changed.has(f));
  const failed = failedFields(parsed);
  const uncertain = MRZ_FIELDS.filter((f) => changed.has(f) || failed.includes(f));
  return { parsed, corrected, failed, uncertain, ok: parsed.valid && uncertain.length === 0 };
}
