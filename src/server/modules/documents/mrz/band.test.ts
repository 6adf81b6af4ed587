import { describe, expect, it } from 'vitest';
import { dropLongStrokes, findBand, skewCandidates } from './band';

const WIDTH = 1200;
const HEIGHT = 800;

/** Ink of text lines drawn as rows of glyph-sized blocks, sloping by `angle` degrees. */
function page(lines: { y: number; from: number; to: number }[], angle = 0): Uint8Array {
  const ink = new Uint8Array(WIDTH * HEIGHT);
  const slope = Math.tan((angle * Math.PI) / 180);
  for (const { y, from, to } of lines)
    for (let x = from; x < to; x++) {
      if (x % 24 >= 16) continue; // gaps between glyphs
      const top = Math.round(y + x * slope);
      for (let dy = 0; dy < 22; dy++) if (top + dy >= 0 && top + dy < HEIGHT) ink[(top + dy) * WIDTH + x] = 1;
    }
  return ink;
}

const zone = [
  { y: 600, from: 60, to: 1120 },
  { y: 640, from: 60, to: 1120 },
];
const labels = [
  { y: 100, from: 400, to: 600 },
  { y: 100, from: 800, to: 1000 },
  { y: 160, from: 400, to: 700 },
];

describe('finding the zone', () => {
  it('finds two long, evenly spaced rows of glyphs and not the labels above them', () => {
    const band = findBand(page([...labels, ...zone]), WIDTH, HEIGHT)!;
    expect(band.lines).toBe(2);
    expect(band.top).toBeGreaterThanOrEqual(595);
    expect(band.bottom).toBeLessThanOrEqual(670);
  });

  it('still finds it beside a page edge, once long strokes are dropped', () => {
    const ink = page(zone);
    for (let y = 0; y < HEIGHT; y++) for (let x = 1160; x < 1166; x++) ink[y * WIDTH + x] = 1;
    for (let x = 0; x < WIDTH; x++) ink[680 * WIDTH + x] = 1;
    const band = findBand(dropLongStrokes(ink, WIDTH, HEIGHT), WIDTH, HEIGHT)!;
    expect(band.lines).toBe(2);
    expect(band.right).toBeLessThan(1130);
  });

  it('finds nothing on a page of labels', () => {
    expect(findBand(page(labels), WIDTH, HEIGHT)).toBeUndefined();
  });
});

describe('measuring the skew', () => {
  it.each([0, 3.4, -12, 30])('finds lines sloping by %s°', (angle) => {
    const ink = page(
      [
        { y: 200, from: 60, to: 1120 },
        { y: 260, from: 60, to: 1120 },
        { y: 320, from: 60, to: 1120 },
      ],
      angle,
    );
    expect(Math.abs(skewCandidates(ink, WIDTH, HEIGHT)[0]! - angle)).toBeLessThanOrEqual(0.2);
  });

  it('offers the angle of a second group of lines too, for a photo whose lines are not parallel', () => {
    const ink = new Uint8Array(WIDTH * HEIGHT);
    const upper = page(
      [
        { y: 100, from: 60, to: 1120 },
        { y: 150, from: 60, to: 1120 },
        { y: 200, from: 60, to: 1120 },
      ],
      -3,
    );
    const lower = page(
      [
        { y: 600, from: 60, to: 1120 },
        { y: 640, from: 60, to: 1120 },
      ],
      -9,
    );
    for (let i = 0; i < ink.length; i++) ink[i] = upper[i]! | lower[i]!;
    const candidates = skewCandidates(ink, WIDTH, HEIGHT);
    expect(candidates.some((a) => Math.abs(a + 3) <= 0.3)).toBe(true);
    expect(candidates.some((a) => Math.abs(a + 9) <= 0.3)).toBe(true);
  });
});
