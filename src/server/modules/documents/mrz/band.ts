// Finding the machine-readable zone on a page: two or three long rows of evenly spaced glyphs.
// Works on 8-bit grayscale pixels; pure computation, run inside the OCR worker threads.

export interface Gray {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface Band {
  top: number;
  bottom: number;
  left: number;
  right: number;
  lines: number;
  /** Mean glyph edges per row inside the band: the strength of the finding. */
  score: number;
}

/** Ink where a pixel is clearly darker than its neighbourhood: robust to uneven light. */
export function binarize(image: Gray): Uint8Array {
  const { data, width, height } = image;
  const integral = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += data[y * width + x]!;
      integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1]! + row;
    }
  }
  const r = Math.max(8, Math.round(width / 50));
  const ink = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(height, y + r + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(width, x + r + 1);
      const sum =
        integral[y1 * (width + 1) + x1]! -
        integral[y0 * (width + 1) + x1]! -
        integral[y1 * (width + 1) + x0]! +
        integral[y0 * (width + 1) + x0]!;
      const mean = sum / ((y1 - y0) * (x1 - x0));
      // Only on the page: a dark table or a shadow around a photographed page is not ink.
      ink[y * width + x] = mean > 90 && data[y * width + x]! < mean * 0.8 ? 1 : 0;
    }
  }
  return ink;
}

/**
 * Clears ink in runs far longer than a glyph: the edges of a photographed page, table
 * borders and rules would otherwise join the text rows next to them.
 */
export function dropLongStrokes(ink: Uint8Array, width: number, height: number): Uint8Array {
  const out = ink.slice();
  const clear = (start: number, length: number, step: number) => {
    for (let k = 0; k < length; k++) out[start + k * step] = 0;
  };
  const maxRun = (along: number, across: number, step: number, lineStep: number, limit: number) => {
    for (let line = 0; line < across; line++) {
      let run = 0;
      for (let i = 0; i <= along; i++) {
        const on = i < along && ink[line * lineStep + i * step];
        if (on) run++;
        else {
          if (run > limit) clear(line * lineStep + (i - run) * step, run, step);
          run = 0;
        }
      }
    }
  };
  maxRun(width, height, 1, width, Math.max(60, width / 10));
  maxRun(height, width, width, 1, Math.max(40, height / 12));
  return out;
}

/**
 * Rotations (degrees) that make text rows distinct in the row profile, the likeliest first:
 * up to three peaks, each refined. In a photo taken at an angle the lines of the page are not
 * parallel, so the angle that suits most of the print may not suit the zone.
 */
export function skewCandidates(ink: Uint8Array, width: number, height: number, maxAngle = 45): number[] {
  // Every other ink pixel, listed once: each angle then visits ink only.
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < height; y += 2)
    for (let x = 0; x < width; x += 2)
      if (ink[y * width + x]) {
        xs.push(x);
        ys.push(y);
      }
  const sharpness = (angle: number) => {
    const slope = Math.tan((angle * Math.PI) / 180);
    const offset = Math.ceil(Math.abs(slope) * width);
    // Bins two rows high, as the rows are sampled: one-row bins would favour 0°, where every point lands on an even row.
    const histogram = new Float64Array(Math.ceil((height + 2 * offset) / 2) + 1);
    for (let i = 0; i < xs.length; i++) histogram[Math.round((ys[i]! - xs[i]! * slope + offset) / 2)]! += 1;
    let score = 0;
    for (const v of histogram) score += v * v;
    return score;
  };
  const best = (angles: number[]) => {
    const scores = angles.map(sharpness);
    return angles[scores.indexOf(Math.max(...scores))]!;
  };
  // Up to 45° either way: with the page also tried turned 90°, a photo held at any angle is covered.
  const angles = Array.from({ length: 4 * maxAngle + 1 }, (_, i) => -maxAngle + i * 0.5);
  const scores = angles.map(sharpness);
  const peaks = angles
    .map((angle, i) => ({ angle, score: scores[i]! }))
    .filter((_, i) => scores[i]! >= (scores[i - 1] ?? 0) && scores[i]! >= (scores[i + 1] ?? 0))
    .sort((a, b) => b.score - a.score);
  const chosen: number[] = [];
  for (const { angle } of peaks)
    if (chosen.length < 3 && chosen.every((c) => Math.abs(c - angle) >= 1.5)) chosen.push(angle);
  return chosen.map((coarse) =>
    best(Array.from({ length: 11 }, (_, i) => Math.round((coarse - 0.5 + i * 0.1) * 10) / 10)),
  );
}

/**
 * Per pixel row, the widest stretch of ink whose gaps stay under a glyph-sized limit, and how
 * many glyph edges it crosses: an MRZ row crosses 44 (or 30, 36) glyphs side by side, while
 * labels in two columns, or a mark at the page's edge, stand apart by a wide gap.
 */
function rowEdges(ink: Uint8Array, width: number, height: number) {
  const edges = new Float64Array(height);
  const left = new Int32Array(height).fill(width);
  const right = new Int32Array(height).fill(-1);
  const maxGap = Math.max(24, width * 0.05);
  for (let y = 0; y < height; y++) {
    let start = -1;
    let end = -1;
    let count = 0;
    const close = () => {
      if (start >= 0 && end - start > right[y]! - left[y]!) {
        left[y] = start;
        right[y] = end;
        edges[y] = count;
      }
    };
    let previous = 0;
    for (let x = 0; x < width; x++) {
      const v = ink[y * width + x]!;
      if (v && !previous) {
        if (start < 0 || x - end > maxGap) {
          close();
          start = x;
          count = 0;
        }
        count++;
      }
      if (v) end = x;
      previous = v;
    }
    close();
  }
  return { edges, left, right };
}

/**
 * The zone: consecutive text lines whose rows have many glyph edges spread over much of the width,
 * two or three of them, evenly spaced. Returns undefined when nothing looks like an MRZ.
 */
export function findBand(ink: Uint8Array, width: number, height: number): Band | undefined {
  const { edges, left, right } = rowEdges(ink, width, height);
  const smooth = new Float64Array(height);
  for (let y = 0; y < height; y++) {
    let s = 0;
    let n = 0;
    for (let d = -1; d <= 1; d++) {
      if (y + d >= 0 && y + d < height) {
        s += edges[y + d]!;
        n++;
      }
    }
    smooth[y] = s / n;
  }
  const minimumEdges = Math.max(22, Math.max(...smooth) * 0.45);
  const lines: { top: number; bottom: number; edges: number; left: number; right: number }[] = [];
  for (let y = 0; y < height; y++) {
    if (smooth[y]! < minimumEdges) continue;
    const top = y;
    let total = 0;
    let l = width;
    let r = 0;
    while (y < height && smooth[y]! >= minimumEdges * 0.6) {
      total += smooth[y]!;
      l = Math.min(l, left[y]!);
      r = Math.max(r, right[y]!);
      y++;
    }
    // A zone line is some 30 times as long as it is high, however much of the image the document fills.
    if (y - top >= 4 && r - l > (y - top) * 15 && r - l > width * 0.2)
      lines.push({ top, bottom: y, edges: total / (y - top), left: l, right: r });
  }
  let best: Band | undefined;
  for (let i = 0; i < lines.length; i++) {
    for (const count of [2, 3]) {
      const group = lines.slice(i, i + count);
      if (group.length < count) continue;
      const heights = group.map((g) => g.bottom - g.top);
      const gaps = group.slice(1).map((g, k) => g.top - group[k]!.bottom);
      const h = Math.max(...heights);
      if (Math.min(...heights) < h * 0.5 || gaps.some((gap) => gap > h * 2.5 || gap < 0)) continue;
      if (gaps.length > 1 && Math.abs(gaps[0]! - gaps[1]!) > h) continue;
      const score = group.reduce((s, g) => s + g.edges, 0) / count;
      const widths = group.map((g) => g.right - g.left);
      if (Math.min(...widths) < Math.max(...widths) * (count === 2 ? 0.6 : 0.9)) continue;
      // Three lines of one length (TD1) beat a pair of them, though a line of name and filler
      // crosses fewer glyph edges than one of digits.
      const strength = score * (count === 3 ? 1.2 : 1);
      if (!best || strength > best.score) {
        best = {
          top: group[0]!.top,
          bottom: group[count - 1]!.bottom,
          left: Math.min(...group.map((g) => g.left)),
          right: Math.max(...group.map((g) => g.right)),
          lines: count,
          score: strength,
        };
      }
    }
  }
  return best;
}
