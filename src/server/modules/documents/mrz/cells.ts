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

/** Least-squares x = origin + pitch·column over a row's symbols, starting from a rough pitch. */
function fitRow(row: OcrSymbol[], roughPitch: number) {
  let origin = centerX(row[0]!);
  let pitch = roughPitch;
  for (let round = 0; round < 3; round++) {
    const columns = row.map((s) => Math.round((centerX(s) - origin) / pitch));
    const n = row.length;
    const meanK = columns.reduce((a, k) => a + k, 0) / n;
    const meanX = row.reduce((a, s) => a + centerX(s), 0) / n;
    let sxx = 0;
    let sxy = 0;
    row.forEach((s, i) => {
      sxx += (columns[i]! - meanK) ** 2;
      sxy += (columns[i]! - meanK) * (centerX(s) - meanX);
    });
    // A perspective photo changes the pitch a little; a fit far off the rough pitch is a misplaced symbol.
    if (sxx > 0 && Math.abs(sxy / sxx - roughPitch) < roughPitch * 0.15) pitch = sxy / sxx;
    origin = meanX - pitch * meanK;
  }
  return { origin, pitch };
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
  const gaps = rowSymbols.flatMap((row) =>
    row.slice(1).map((s, i) => centerX(s) - centerX(row[i]!)),
  );
  const roughPitch = median(gaps.filter((g) => g > capHeight * 0.4 && g < capHeight * 1.3));
  if (!roughPitch) return undefined;
  const fits = rowSymbols.map((row) => fitRow(row, roughPitch));
  const columnOf = (row: number, s: OcrSymbol) =>
    Math.round((centerX(s) - fits[row]!.origin) / fits[row]!.pitch);

  let best: { starts: number[]; score: number } | undefined;
  for (let r = 0; r < rows; r++) {
    for (const symbol of rowSymbols[r]!) {
      const left = fits[r]!.origin + fits[r]!.pitch * columnOf(r, symbol);
      const starts = fits.map((fit) => Math.round((left - fit.origin) / fit.pitch));
      let score = 0;
      rowSymbols.forEach((row, i) => {
        for (const s of row) {
          const column = columnOf(i, s) - starts[i]!;
          if (column >= 0 && column < length) score += s.confidence + 1;
        }
      });
      if (!best || score > best.score) best = { starts, score };
    }
  }
  if (!best) return undefined;
  const grid: Grid = Array.from({ length: rows }, () => Array.from({ length }, () => undefined));
  rowSymbols.forEach((row, r) => {
    for (const s of row) {
      const column = columnOf(r, s) - best.starts[r]!;
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
  return { char, votes: votes.get(char)!, confidence: confidence.get(char)! / votes.get(char)!, others: ranked.slice(1) };
}

/**
 * Decides each cell from every read. The legacy engine tells the '<' filler from print and
 * its reading comes first, except for the letters it is known to mistake where the LSTM
 * model's comes first (M/H, W/N, G/6); the other reading stays as the alternative that the
 * check digits may choose.
 */
export function combineGrids(reads: { engine: Engine; grid: Grid }[], rows: number, length: number): CellReading[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length }, (_, c): CellReading => {
      const legacy = plurality(reads.filter((x) => x.engine === 'legacy').map((x) => x.grid[r]![c]));
      const lstm = plurality(reads.filter((x) => x.engine === 'lstm').map((x) => x.grid[r]![c]));
      const legacyOthers = legacy?.others ?? [];
      if (!legacy && !lstm) return { options: ['<'], disputed: true, missing: true };
      if (!legacy) return { options: [lstm!.char, '<'], disputed: true };
      if (!lstm) return { options: [legacy.char, ...legacyOthers], disputed: legacy.char !== '<' };
      if (legacy.char === lstm.char) return { options: [legacy.char, ...legacyOthers], disputed: legacyOthers.length > 0 };
      if (legacy.char === '<' && LSTM_FILLER_MISREADS.has(lstm.char))
        return { options: ['<', ...legacyOthers], disputed: legacyOthers.length > 0 };
      if (legacy.char === '<' || lstm.char === '<')
        return { options: unique([legacy.char, lstm.char, ...legacyOthers]), disputed: true };
      if (!LEGACY_LOOKALIKES.has(legacy.char + lstm.char)) {
        // The legacy engine unsure of a shape the LSTM model reads with confidence.
        const lstmFirst = legacy.confidence < 75 && lstm.confidence >= 90;
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
