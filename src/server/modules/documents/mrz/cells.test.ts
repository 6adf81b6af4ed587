import { describe, expect, it } from 'vitest';
import { alignReads, combineGrids, placeSymbols, type Grid, type OcrSymbol } from './cells';

const LINES = [
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
];

/** Symbols as tesseract gives them: one box per character, `pitch(k)` wide at column k. */
function symbolsOf(lines: string[], pitch: (k: number) => number = () => 30, confidence = 90): OcrSymbol[] {
  return lines.flatMap((line, row) => {
    let x = 20;
    return [...line].map((char, k) => {
      const w = pitch(k);
      const symbol = {
        char,
        confidence,
        x0: x + w * 0.15,
        x1: x + w * 0.85,
        y0: 20 + row * 70,
        y1: 60 + row * 70,
      };
      x += w;
      return symbol;
    });
  });
}

const text = (grid: Grid | undefined) => grid?.map((row) => row.map((c) => c?.char ?? '_').join(''));

describe('placing symbols in the zone grid', () => {
  it('puts every character in its cell', () => {
    expect(text(placeSymbols(symbolsOf(LINES), 2, 44))).toEqual(LINES);
  });

  it('follows a pitch that shrinks along the row, as in a photo taken at an angle, across unread cells', () => {
    const perspective = (k: number) => 40 - (k * 9) / 43;
    // The filler run near the far end of the second line not read at all.
    const symbols = symbolsOf(LINES, perspective).filter((_, i) => i < 44 + 37 || i > 44 + 41);
    expect(text(placeSymbols(symbols, 2, 44))).toEqual([
      LINES[0],
      LINES[1]!.slice(0, 37) + '_____' + LINES[1]!.slice(42),
    ]);
  });

  it('keeps the columns when the first character was not read and a speck sits before another line', () => {
    const symbols = symbolsOf(LINES).filter((s, i) => i !== 0);
    symbols.push({ char: 'I', confidence: 40, x0: -40, x1: -30, y0: 90, y1: 130 });
    const grid = text(placeSymbols(symbols, 2, 44))!;
    expect(grid[0]).toBe('_' + LINES[0]!.slice(1));
    expect(grid[1]).toBe(LINES[1]);
  });

  it('keeps a wide letter read as two narrow ones in one cell, and trusts it less', () => {
    const symbols = symbolsOf(LINES);
    const m = symbols.findIndex((s) => s.char === 'M');
    const { x0, x1, y0, y1 } = symbols[m]!;
    symbols.splice(
      m,
      1,
      { char: 'I', confidence: 80, x0, x1: x0 + 6, y0, y1 },
      { char: 'I', confidence: 70, x0: x1 - 6, x1, y0, y1 },
    );
    const grid = placeSymbols(symbols, 2, 44)!;
    expect(text(grid)![0]).toBe(LINES[0]!.replace('M', 'I'));
    expect(grid[0]![LINES[0]!.indexOf('M')]!.confidence).toBeLessThan(50);
  });

  it('gives up on text with fewer rows than the zone has', () => {
    expect(placeSymbols(symbolsOf([LINES[0]!]), 2, 44)).toBeUndefined();
  });
});

describe('deciding each cell from several reads', () => {
  const grid = (lines: string[], confidence = 90) =>
    placeSymbols(symbolsOf(lines, undefined, confidence), 2, 44)!;

  it('shifts back a read that a stray symbol pushed over by one cell', () => {
    const shifted = ['X' + LINES[0]!.slice(0, 43), LINES[1]!];
    const aligned = alignReads([grid(LINES), grid(LINES), grid(shifted)]);
    expect(text(aligned[2])).toEqual([LINES[0]!.slice(0, 43) + '_', LINES[1]]);
    expect(text(aligned[0])).toEqual(LINES);
  });

  it("takes the legacy engine's filler over what the LSTM model makes of it", () => {
    const lstm = [LINES[0]!.replace(/<(?=<*$)/g, 'C'), LINES[1]!];
    const cells = combineGrids(
      [
        { engine: 'legacy', grid: grid(LINES) },
        { engine: 'lstm', grid: grid(lstm) },
      ],
      2,
      44,
    );
    expect(cells[0]!.map((c) => c.options[0]).join('')).toBe(LINES[0]);
    expect(cells[0]!.every((c) => !c.disputed)).toBe(true);
  });

  it("takes the LSTM model's letter where the legacy engine is known to mistake it, settled when its reads agree", () => {
    const legacy = [LINES[0]!.replace('MARIA', 'HARIA'), LINES[1]!];
    const column = LINES[0]!.indexOf('MARIA');
    const reads = (lstmReads: number) =>
      combineGrids(
        [
          { engine: 'legacy', grid: grid(legacy) },
          ...Array.from({ length: lstmReads }, () => ({ engine: 'lstm' as const, grid: grid(LINES) })),
        ],
        2,
        44,
      )[0]![column]!;
    expect(reads(1)).toEqual({ options: ['M', 'H'], disputed: true });
    expect(reads(2)).toEqual({ options: ['M', 'H'], disputed: false });
  });

  it('puts an unsure legacy reading after a confident LSTM one, and keeps both for the check digits', () => {
    const legacy = [LINES[0]!, LINES[1]!.replace('L898902C3', 'L893902C3')];
    const cells = combineGrids(
      [
        { engine: 'legacy', grid: grid(legacy, 60) },
        { engine: 'lstm', grid: grid(LINES, 97) },
      ],
      2,
      44,
    );
    expect(cells[1]![3]).toEqual({ options: ['8', '3'], disputed: true });
  });

  it("puts the LSTM model's letter or digit first where OCR-B's look alike, but leaves the cell disputed", () => {
    const legacy = [LINES[0]!, LINES[1]!.replace('ZE184226B', '2E184226B')];
    const reads = [
      { engine: 'legacy' as const, grid: grid(legacy) },
      { engine: 'lstm' as const, grid: grid(LINES, 97) },
      { engine: 'lstm' as const, grid: grid(LINES, 97) },
    ];
    expect(combineGrids(reads, 2, 44)[1]![28]).toEqual({ options: ['Z', '2'], disputed: true });
  });

  it('marks a cell no read put anything in as missing', () => {
    const empty: Grid = [Array(44).fill(undefined), Array(44).fill(undefined)];
    const cells = combineGrids([{ engine: 'legacy', grid: empty }], 2, 44);
    expect(cells[0]![0]).toEqual({ options: ['<'], disputed: true, missing: true });
  });
});
