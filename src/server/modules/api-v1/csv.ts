import { CsvError, parse } from 'csv-parse/sync';
import { CORE_FIELDS } from '../../../shared/forms/core.js';
import { AppError } from '../../http/errors.js';

/**
 * The documented CSV header: the entity's own reference, then the answers every form keeps in
 * columns (the form's core, in its order), one column each, but for the yes/no of a guardian,
 * which a cell's text cannot say. Columns the deployment's form adds may follow, named as its
 * fields; `externalReference`, `patronymic` and `email` may be left out. Numbers (ids) are written
 * as digits.
 */
export const CSV_COLUMNS = ['externalReference', ...CORE_FIELDS.filter((field) => field !== 'withGuardian')];
const OPTIONAL = new Set(['externalReference', 'patronymic', 'email']);
const NUMERIC = new Set(['propertyId', 'passportDocumentId', 'photoDocumentId']);

const csvError = (code: string, details: Record<string, unknown> = {}) =>
  new AppError({ status: 400, code, messageKey: `errors.api.${code}`, details });

/**
 * A CSV file → its header and its rows as guests' answers (an empty cell is no answer). UTF-8
 * with or without a BOM; `;` or `,` between cells, whichever the header uses. A file that is not
 * UTF-8, lacks a column, or cannot be read is refused whole, naming the problem and where.
 */
export function readGuestsCsv(file: Buffer, maxRows: number) {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    throw csvError('csv_encoding');
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    if (error instanceof CsvError) throw csvError('csv_malformed', { line: error.lines ?? null });
    throw error;
  }
  const header = records[0];
  if (!header || header.every((cell) => cell === '')) throw csvError('csv_empty');
  const missing = CSV_COLUMNS.filter((c) => !OPTIONAL.has(c) && !header.includes(c));
  if (missing.length > 0) throw csvError('csv_missing_column', { columns: missing.join(', ') });
  const rows = records.slice(1);
  if (rows.length === 0) throw csvError('batch_empty');
  if (rows.length > maxRows) throw csvError('batch_too_many_rows', { max: maxRows, rows: rows.length });
  const guests = rows.map((cells) =>
    Object.fromEntries(
      header.flatMap((column, i) => {
        const cell = cells[i] ?? '';
        if (cell === '' || column === '') return [];
        return [[column, NUMERIC.has(column) && /^\d{1,15}$/.test(cell) ? Number(cell) : cell]];
      }),
    ),
  );
  return { columns: header, guests };
}
