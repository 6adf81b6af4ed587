import { describe, expect, it } from 'vitest';
import { binarizeLocal } from './local-threshold';

/** Paper with a vertical stroke every 20 px; `light(x)` scales paper and print alike (shadow or glare). */
function page(light: (x: number) => number, paper = 230, print = 40) {
  const width = 400;
  const height = 60;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const stroke = y >= 20 && y < 40 && x % 20 < 4;
      data[y * width + x] = Math.min(255, Math.round((stroke ? print : paper) * light(x)));
    }
  return { data, width, height };
}

const inkAt = (ink: Uint8Array, x: number, y: number) => ink[y * 400 + x];

describe('binarizing against the paper nearby', () => {
  it('keeps print under a hand’s shadow and leaves the shadowed paper white', () => {
    // The right half in a shadow that takes away 65% of the light, with a soft edge.
    const shadow = (x: number) => 1 - 0.65 / (1 + Math.exp(-(x - 200) / 8));
    const ink = binarizeLocal(page(shadow), 10);
    for (const x of [40, 120, 300, 380]) expect(inkAt(ink, x + 1, 30)).toBe(1);
    for (const x of [50, 130, 310, 370]) expect(inkAt(ink, x, 30)).toBe(0);
    expect(inkAt(ink, 300, 5)).toBe(0);
  });

  it('keeps print that glare has washed out to light grey', () => {
    const glare = page(() => 1, 250, 185);
    const ink = binarizeLocal(glare, 10);
    expect(inkAt(ink, 101, 30)).toBe(1);
    expect(inkAt(ink, 110, 30)).toBe(0);
  });
});
