// The zone is printed in a monospaced font: every character sits in a cell of a fixed grid.
// Putting each recognised symbol into its (row, column) cell lines up what different reads
// and engines saw at the same place, even when one of them dropped or split a character.

export interface OcrSymbol {
  char: string;
  /** 0–100, as tesseract reports it. */
  confidence: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type Engine = 'legacy' | 'lstm';

/** What one engine read in one image of the zone: its text lines and each symbol with its box. */
export interface OcrResult {
  text: string[];
  symbols: OcrSymbol[];
}

export interface Cell {
  char: string;
  confidence: number;
}

/** rows × columns; undefined where the read put nothing. */
export type Grid = (Cell | undefined)[][];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const centerX = (s: OcrSymbol) => (s.x0 + s.x1) / 2;
const centerY = (s: OcrSymbol) => (s.y0 + s.y1) / 2;

/** Symbols grouped into `rows` text rows by their vertical centres, top to bottom. */
function splitRows(symbols: OcrSymbol[], rows: number, capHeight: number, length: number): OcrSymbol[][] {
  const sorted = [...symbols].sort((a, b) => centerY(a) - centerY(b));
  const groups: OcrSymbol[][] = [];
  for (const symbol of sorted) {
    const last = groups.at(-1);
    if (last && centerY(symbol) - centerY(last.at(-1)!) < capHeight * 0.6) last.push(symbol);
    else groups.push([symbol]);
  }
  // Stray print above or below the zone makes short extra rows.
  const long = groups.filter((g) => g.length >= length / 4);
  if (long.length < rows) return [];
  const kept = [...long].sort((a, b) => b.length - a.length).slice(0, rows);
  return long.filter((g) => kept.includes(g)).map((g) => g.sort((a, b) => centerX(a) - centerX(b)));
}

/**
 * Each symbol's column counted from the row's first symbol, walking left to right. The pitch
 * follows the row as it goes: in a photo taken at an angle the far end's characters are
 * narrower than the near end's, so one pitch for the whole row would misplace one end.
 */
function walkRow(row: OcrSymbol[], roughPitch: number): number[] {
  const columns = [0];
  let pitch = roughPitch;
  let columnCentre = centerX(row[0]!);
  let cellLeft = row[0]!.x0;
  for (let i = 1; i < row.length; i++) {
    const symbol = row[i]!;
    const offset = centerX(symbol) - columnCentre;
    // A wide letter read as two narrow ones (M as II): together they fit in one cell.
    const splitGlyph = offset < pitch * 0.75 && symbol.x1 - cellLeft <= pitch * 1.05;
    const steps = splitGlyph ? 0 : Math.max(0, Math.round(offset / pitch));
    columns.push(columns[i - 1]! + steps);
    if (steps === 0) continue;
    cellLeft = symbol.x0;
    // Only a neighbour's distance tells the local pitch; a gap of several cells is less exact.
    if (steps === 1 && Math.abs(offset - pitch) < pitch * 0.25) pitch = pitch * 0.7 + offset * 0.3;
    columnCentre = centerX(row[i]!);
  }
  return columns;
}

/**
 * Places a read's symbols into the grid of a zone with `rows` lines of `length` characters.
 * The lines of a zone start at the same place, so the first column is chosen for all rows
 * together: where the most confident symbols fall inside the lines.
 */
export function placeSymbols(symbols: OcrSymbol[], rows: number, length: number): Grid | undefined {
  const glyphs = symbols.filter((s) => /^[A-Z0-9<]$/.test(s.char) && s.x1 > s.x0 && s.y1 > s.y0);
  const capHeight = median(glyphs.filter((s) => s.char !== '<').map((s) => s.y1 - s.y0));
  if (!capHeight) return undefined;
  const sized = glyphs.filter((s) => s.y1 - s.y0 < capHeight * 1.6 && s.x1 - s.x0 < capHeight * 1.5);
  const rowSymbols = splitRows(sized, rows, capHeight, length);
  if (rowSymbols.length < rows) return undefined;
  const gaps = rowSymbols.flatMap((row) => row.slice(1).map((s, i) => centerX(s) - centerX(row[i]!)));
  const roughPitch = median(gaps.filter((g) => g > capHeight * 0.4 && g < capHeight * 1.3));
  if (!roughPitch) return undefined;
  const walked = rowSymbols.map((row) => walkRow(row, roughPitch));
  // The zone's lines start at the same place: a start in one row is the column at that place in
  // another, counted from its nearest symbol (which may be a few cells off when one was not read).
  const columnAt = (r: number, x: number) => {
    let nearest = { column: 0, offset: Infinity };
    rowSymbols[r]!.forEach((s, i) => {
      const offset = x - centerX(s);
      if (Math.abs(offset) < Math.abs(nearest.offset)) nearest = { column: walked[r]![i]!, offset };
    });
    return nearest.column + Math.round(nearest.offset / roughPitch);
  };
  let best = undefined as { starts: number[]; score: number } | undefined;
  for (let r = 0; r < rows; r++) {
    rowSymbols[r]!.forEach((symbol, index) => {
      const starts = rowSymbols.map((_, i) => (i === r ? walked[r]![index]! : columnAt(i, centerX(symbol))));
      let score = 0;
      rowSymbols.forEach((row, i) => {
        row.forEach((s, k) => {
          const column = walked[i]![k]! - starts[i]!;
          if (column >= 0 && column < length) score += s.confidence + 1;
        });
      });
      if (!best || score > best.score) best = { starts, score };
    });
  }
  if (!best) return undefined;
  const { starts } = best;
  const grid: Grid = Array.from({ length: rows }, () => Array.from({ length }, () => undefined));
  rowSymbols.forEach((row, r) => {
    for (const [k, s] of row.entries()) {
      const column = walked[r]![k]! - starts[r]!;
      if (column < 0 || column >= length) continue;
      const held = grid[r]![column];
      // Two symbols in one cell (a wide letter split in two): keep the surer one, trust it less.
      if (!held) grid[r]![column] = { char: s.char, confidence: s.confidence };
      else
        grid[r]![column] = {
          char: held.confidence >= s.confidence ? held.char : s.char,
          confidence: Math.min(held.confidence, s.confidence) / 2,
        };
    }
  });
  return grid;
}

/** Letters the LSTM model puts where the '<' filler is printed; it reads letters well otherwise. */
const LSTM_FILLER_MISREADS = new Set(['C', 'L', 'K', 'E', 'X', 'Z', 'I', '1', '4', 'S', 'R']);

/** Pairs (legacy read, LSTM read) the legacy engine mixes up in OCR-B and the LSTM model does not. */
const LEGACY_LOOKALIKES = new Set(
  ['MH', 'MN', 'WN', 'WH', 'G6', '8S', 'OQ', 'OD', 'UV', 'BE'].flatMap((p) => [p, p[1]! + p[0]!]),
);
/**
 * Letters and digits alike in OCR-B: the LSTM model tells them apart more often than the legacy
 * engine, but not reliably enough to settle the cell; the check digits or the user must.
 */
const LETTER_DIGIT_LOOKALIKES = new Set(
  ['O0', 'Q0', 'D0', 'I1', 'Z2', 'S5', 'B8'].flatMap((p) => [p, p[1]! + p[0]!]),
);

export interface CellReading {
  /** The likeliest character first, then the other readings seen there. */
  options: string[];
  /** The reads disagreed here, or only one engine saw a character. */
  disputed: boolean;
  /** No read put a character here: nothing is known of it, whatever the check digits say. */
  missing?: boolean;
}

/** The character most reads of one engine put in a cell, with how many did. */
function plurality(
  cells: (Cell | undefined)[],
): { char: string; votes: number; confidence: number; others: string[] } | undefined {
  const score = new Map<string, number>();
  const votes = new Map<string, number>();
  const confidence = new Map<string, number>();
  for (const cell of cells) {
    if (!cell) continue;
    score.set(cell.char, (score.get(cell.char) ?? 0) + 1 + cell.confidence / 1000);
    votes.set(cell.char, (votes.get(cell.char) ?? 0) + 1);
    confidence.set(cell.char, (confidence.get(cell.char) ?? 0) + cell.confidence);
  }
  const ranked = [...score].sort((a, b) => b[1] - a[1]).map(([char]) => char);
  if (ranked.length === 0) return undefined;
  const char = ranked[0]!;
  return {
    char,
    votes: votes.get(char)!,
    confidence: confidence.get(char)! / votes.get(char)!,
    others: ranked.slice(1),
  };
}

/**
 * Shifts a read's row by a cell when that makes it agree much better with the other reads:
 * noise before the zone or two letters read as three can push a whole row over by one.
 */
export function alignReads(grids: Grid[]): Grid[] {
  const printed = (cell: Cell | undefined) => cell !== undefined && cell.char !== '<';
  return grids.map((grid, i) =>
    grid.map((row, r) => {
      const agreement = (shift: number) => {
        let matches = 0;
        grids.forEach((other, j) => {
          if (j === i) return;
          other[r]!.forEach((cell, c) => {
            const mine = row[c - shift];
            if (printed(cell) && printed(mine) && mine!.char === cell!.char) matches++;
          });
        });
        return matches;
      };
      const stay = agreement(0);
      const [shift, score] = [-1, 1].map((d) => [d, agreement(d)] as const).sort((a, b) => b[1] - a[1])[0]!;
      if (score <= stay * 1.3 + 2) return row;
      return row.map((_, c) => row[c - shift]);
    }),
  );
}

/**
 * Decides each cell from every read. The legacy engine tells the '<' filler from print and
 * its reading comes first, except for the letters it is known to mistake where the LSTM
 * model's comes first (M/H, W/N, G/6); the other reading stays as the alternative that the
 * check digits may choose.
 */
export function combineGrids(
  unaligned: { engine: Engine; grid: Grid }[],
  rows: number,
  length: number,
): CellReading[][] {
  const aligned = alignReads(unaligned.map((read) => read.grid));
  const reads = unaligned.map((read, i) => ({ engine: read.engine, grid: aligned[i]! }));
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length }, (_, c): CellReading => {
      const legacy = plurality(reads.filter((x) => x.engine === 'legacy').map((x) => x.grid[r]![c]));
      const lstm = plurality(reads.filter((x) => x.engine === 'lstm').map((x) => x.grid[r]![c]));
      const legacyOthers = legacy?.others ?? [];
      if (!legacy && !lstm) return { options: ['<'], disputed: true, missing: true };
      if (!legacy) return { options: [lstm!.char, '<'], disputed: true };
      if (!lstm) return { options: [legacy.char, ...legacyOthers], disputed: legacy.char !== '<' };
      if (legacy.char === lstm.char)
        return { options: [legacy.char, ...legacyOthers], disputed: legacyOthers.length > 0 };
      if (legacy.char === '<' && LSTM_FILLER_MISREADS.has(lstm.char))
        return { options: ['<', ...legacyOthers], disputed: legacyOthers.length > 0 };
      if (legacy.char === '<' || lstm.char === '<')
        return { options: unique([legacy.char, lstm.char, ...legacyOthers]), disputed: true };
      if (!LEGACY_LOOKALIKES.has(legacy.char + lstm.char)) {
        // The legacy engine unsure of a shape the LSTM model reads with confidence.
        const lstmFirst =
          (legacy.confidence < 75 && lstm.confidence >= 90) ||
          LETTER_DIGIT_LOOKALIKES.has(legacy.char + lstm.char);
        const pair = lstmFirst ? [lstm.char, legacy.char] : [legacy.char, lstm.char];
        return { options: unique([...pair, ...legacyOthers]), disputed: true };
      }
      // Several LSTM reads agreeing on a letter the legacy engine is known to mistake: settled.
      const settled = lstm.votes >= 2 && lstm.others.length === 0;
      return { options: unique([lstm.char, legacy.char, ...legacyOthers]), disputed: !settled };
    }),
  );
}

const unique = (chars: string[]) => [...new Set(chars)];
