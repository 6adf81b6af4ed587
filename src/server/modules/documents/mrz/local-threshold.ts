import type { Gray } from './band.js';

/** Each cell's darkest or lightest value within `radius` cells, rows then columns. */
function extreme(values: Float32Array, width: number, height: number, radius: number, max: boolean) {
  const pick = max ? Math.max : Math.min;
  const rows = new Float32Array(values.length);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let v = values[y * width + x]!;
      for (let k = Math.max(0, x - radius); k <= Math.min(width - 1, x + radius); k++)
        v = pick(v, values[y * width + k]!);
      rows[y * width + x] = v;
    }
  const out = new Float32Array(values.length);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let v = rows[y * width + x]!;
      for (let k = Math.max(0, y - radius); k <= Math.min(height - 1, y + radius); k++)
        v = pick(v, rows[k * width + x]!);
      out[y * width + x] = v;
    }
  return out;
}

/**
 * Ink where a pixel is clearly darker than the paper around it: the paper's brightness is taken
 * within `radius` pixels (wider than a stroke, so that it sees past the print), and each pixel is
 * compared with it as a ratio. A hand's shadow darkens print and paper alike, and glare lightens
 * both; their ratio stays, where one threshold for the whole zone loses the shadowed or the
 * washed-out characters.
 */
export function binarizeLocal(image: Gray, radius: number, ratio = 0.8): Uint8Array {
  const { data, width, height } = image;
  // Paper is estimated on blocks of pixels: faster, and JPEG noise averages out.
  const block = Math.max(1, Math.round(radius / 4));
  const w = Math.ceil(width / block);
  const h = Math.ceil(height / block);
  const mean = new Float32Array(w * h);
  const counts = new Float32Array(w * h);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = Math.floor(y / block) * w + Math.floor(x / block);
      mean[i]! += data[y * width + x]!;
      counts[i]!++;
    }
  for (let i = 0; i < mean.length; i++) mean[i]! /= counts[i]!;
  const paper = extreme(mean, w, h, Math.max(1, Math.ceil(radius / block)), true);
  const ink = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(h - 1, Math.max(0, (y + 0.5) / block - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(h - 1, y0 + 1);
    for (let x = 0; x < width; x++) {
      // Bilinear between blocks: a step at each block's edge would print as a line.
      const fx = Math.min(w - 1, Math.max(0, (x + 0.5) / block - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(w - 1, x0 + 1);
      const ax = fx - x0;
      const ay = fy - y0;
      const bg =
        (paper[y0 * w + x0]! * (1 - ax) + paper[y0 * w + x1]! * ax) * (1 - ay) +
        (paper[y1 * w + x0]! * (1 - ax) + paper[y1 * w + x1]! * ax) * ay;
      ink[y * width + x] = data[y * width + x]! < bg * ratio ? 1 : 0;
    }
  }
  return ink;
}
