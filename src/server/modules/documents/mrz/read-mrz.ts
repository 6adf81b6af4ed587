import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Sharp } from 'sharp';
import { formatOf, hasMrzShape, LINE_LENGTH, type MrzFormat } from '../../../../shared/mrz/index.js';
import { MAX_IMAGE_PIXELS } from '../../../../shared/schemas/index.js';
import { renderFirstPage } from '../pdf.js';
import { binarize, dropLongStrokes, findBand, skewCandidates, type Gray } from './band.js';
import { placeSymbols, type Engine, type OcrResult } from './cells.js';
import { binarizeLocal } from './local-threshold.js';
import { decideZone, type Decided, type MrzReading, type ZoneRead } from './decide.js';

export type { MrzReading, MrzStatus } from './decide.js';

/** Reads an image of the zone with one engine (one tesseract call); injected so the pipeline can be tested alone. */
export type RecognizeZone = (png: Buffer, engine: Engine) => Promise<OcrResult>;

const MAX_SIDE = 1600;
/** The size to look again at when the zone's characters came out small at MAX_SIDE. */
const DETAIL_SIDE = 3200;

async function decode(body: Buffer): Promise<Sharp | 'bad-file'> {
  const type = await fileTypeFromBuffer(body);
  if (type?.mime === 'application/pdf') {
    try {
      const page = await renderFirstPage(body);
      return sharp(page.data, { raw: { width: page.width, height: page.height, channels: 4 } });
    } catch {
      return 'bad-file';
    }
  }
  if (!type || !['image/jpeg', 'image/png', 'image/webp', 'image/tiff'].includes(type.mime))
    return 'bad-file';
  // Decoding is bounded: an image claiming more pixels than a passport page needs is refused.
  return sharp(body, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS });
}

async function toGray(image: Sharp): Promise<Gray> {
  const { data, info } = await image.grayscale().raw().toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
}

/** Pixels of a gray image back into sharp, to rotate or crop. */
const fromGray = (gray: Gray) =>
  sharp(Buffer.from(gray.data), { raw: { width: gray.width, height: gray.height, channels: 1 } });

/** Turned by `degrees`, the corners filled with paper white. */
const rotateGray = async (gray: Gray, degrees: number) =>
  toGray(fromGray(gray).rotate(degrees, { background: { r: 255, g: 255, b: 255 } }));

type InkMode = 'page' | 'paper';

/**
 * Ink for finding the zone: page edges and rules dropped. 'paper' compares each pixel with the
 * paper nearby, which keeps print under glare or a shadow that the page's mean loses.
 */
const inkOf = (image: Gray, mode: InkMode = 'page') =>
  dropLongStrokes(
    mode === 'paper' ? binarizeLocal(image, Math.max(8, image.width / 80)) : binarize(image),
    image.width,
    image.height,
  );

interface Located {
  gray: Gray;
  band: { top: number; bottom: number; left: number; right: number; lines: number };
}

/** The height of the zone's characters, from its band (lines and the space between them). */
const characterHeight = (band: Located['band']) => (band.bottom - band.top) / (band.lines * 1.6);

/**
 * Tries the page upright and turned 90°, each deskewed by its likeliest angle, and returns the
 * page with its zone; when neither shows one, the other angles where print lines up.
 */
async function locate(page: Gray, mode: InkMode = 'page'): Promise<Located | undefined> {
  const turns = [0, 90].map((turn) => {
    let prepared: Promise<{ gray: Gray; ink: Uint8Array; skews: number[] }> | undefined;
    return () =>
      (prepared ??= (async () => {
        const gray = turn === 0 ? page : await rotateGray(page, turn);
        const ink = inkOf(gray, mode);
        return { gray, ink, skews: skewCandidates(ink, gray.width, gray.height) };
      })());
  });
  let best: (Located & { score: number }) | undefined;
  for (const rank of [0, 1, 2]) {
    for (const [index, turn] of turns.entries()) {
      // Most pages come upright: a clear zone there spares looking at the page turned.
      if (rank === 0 && index === 1 && best && best.score >= CLEAR_ZONE) break;
      const { gray, ink, skews } = await turn();
      const skew = skews[rank];
      if (skew === undefined) continue;
      const level = Math.abs(skew) < 0.5;
      const deskewed = level ? gray : await rotateGray(gray, -skew);
      const band = findBand(level ? ink : inkOf(deskewed, mode), deskewed.width, deskewed.height);
      if (band && (!best || band.score > best.score)) best = { gray: deskewed, band, score: band.score };
    }
    if (best) return levelZone(best, mode);
  }
  return best;
}

/** Glyph edges per pixel row of a zone found beyond doubt (an MRZ line crosses 30–50). */
const CLEAR_ZONE = 30;

/**
 * The zone's own lines may still slope a little where the page's other print did not (a photo
 * taken at an angle): its angle is measured on the zone alone and the page turned once more.
 */
async function levelZone(located: Located, mode: InkMode): Promise<Located> {
  const { gray, band } = located;
  const margin = band.bottom - band.top;
  const top = Math.max(0, band.top - margin);
  const height = Math.min(gray.height, band.bottom + margin) - top;
  const zone = await toGray(fromGray(gray).extract({ left: 0, top, width: gray.width, height }));
  const [skew] = skewCandidates(binarize(zone), zone.width, zone.height, 5);
  if (skew === undefined || Math.abs(skew) < 0.3) return located;
  const level = await rotateGray(gray, -skew);
  const levelBand = findBand(inkOf(level, mode), level.width, level.height);
  return levelBand ? { gray: level, band: levelBand } : located;
}

type Binarization = 'global' | 'adaptive' | 'local';

/** The zone cut out with a margin, scaled so a line is about `lineHeight` pixels, binarized. */
async function cropBand(
  located: Located,
  lineHeight: number,
  upsideDown: boolean,
  mode: Binarization = 'global',
): Promise<Buffer> {
  const { gray, band } = located;
  const h = characterHeight(band);
  // Tight around the zone, then a white margin: print just above it (dates, labels) must not join its first line.
  const top = Math.max(0, Math.round(band.top - h * 0.5));
  const bottom = Math.min(gray.height, Math.round(band.bottom + h * 0.5));
  const left = Math.max(0, Math.round(band.left - h * 0.5));
  const right = Math.min(gray.width, Math.round(band.right + h * 0.5));
  const scale = lineHeight / Math.max(4, h);
  const margin = Math.round(lineHeight * 0.8);
  const scaled = await toGray(
    fromGray(gray)
      .extract({ left, top, width: right - left, height: bottom - top })
      .resize({ width: Math.round((right - left) * scale), kernel: 'lanczos3' }),
  );
  let binary: Sharp;
  if (mode === 'adaptive' || mode === 'local') {
    // Each pixel against its neighbourhood: light that varies across a photo does not matter.
    const ink = mode === 'local' ? binarizeLocal(scaled, lineHeight / 2) : binarize(scaled);
    const pixels = Buffer.alloc(ink.length);
    for (let i = 0; i < ink.length; i++) pixels[i] = ink[i] ? 0 : 255;
    binary = fromGray({ data: pixels, width: scaled.width, height: scaled.height });
  } else {
    // One threshold after stretching the contrast: keeps thin strokes that the local one can break.
    binary = fromGray(await toGray(fromGray(scaled).normalise().threshold(140)));
  }
  let image = binary.extend({
    top: margin,
    bottom: margin,
    left: margin,
    right: margin,
    background: '#ffffff',
  });
  if (upsideDown) image = image.rotate(180);
  // Read at once by tesseract: fast compression beats small files here.
  return image.png({ compressionLevel: 1 }).toBuffer();
}

/** OCR text → candidate lines of the expected shape. */
export function shapeLines(text: string[], lines: number): string[] | undefined {
  const rows = text.map((t) => t.replace(/[^A-Z0-9<]/g, '')).filter((t) => t.length >= 20);
  if (rows.length < lines) return undefined;
  const picked = rows.slice(-lines);
  const mean = picked.reduce((s, r) => s + r.length, 0) / lines;
  const format: MrzFormat = lines === 3 ? 'TD1' : Math.abs(mean - 36) < Math.abs(mean - 44) ? 'TD2' : 'TD3';
  const length = LINE_LENGTH[format];
  if (picked.some((r) => Math.abs(r.length - length) > 4)) return undefined;
  // A stray mark before the zone shifts the first line: a passport's begins with P.
  if (format === 'TD3' && picked[0]![0] !== 'P' && picked[0]![1] === 'P') picked[0] = picked[0]!.slice(1);
  return picked.map((r) => (r.length >= length ? r.slice(0, length) : r + '<'.repeat(length - r.length)));
}

type Attempt = [Engine, number, Binarization];

/** Finding the zone's orientation and format: the legacy engine, which keeps the '<' filler. */
const SHAPE_ATTEMPTS: [number, Binarization][] = [
  [40, 'global'],
  [40, 'local'],
  [30, 'global'],
  [50, 'adaptive'],
];

/**
 * More reads of the zone, in rounds; after each round the cells are decided again, and
 * reading stops once every cell is agreed and every check digit validates. 'shape' is the
 * binarization whose read showed the zone's shape, 'other' another one: under glare or a
 * shadow one of them reads garbage, and its reads would outvote the good ones.
 */
const ROUNDS: [Engine, number, 'shape' | 'other'][][] = [
  [['lstm', 40, 'shape']],
  [
    ['legacy', 40, 'other'],
    ['lstm', 40, 'other'],
  ],
  [
    ['legacy', 30, 'shape'],
    ['legacy', 50, 'shape'],
    ['lstm', 50, 'shape'],
  ],
];

/** The other binarization to read with: paper-relative for a zone read globally, and the reverse. */
const OTHER: Record<Binarization, Binarization> = { global: 'local', local: 'global', adaptive: 'local' };

/**
 * Image or PDF → MRZ fields. Reads the zone with both engines, at several scales when they
 * disagree, places every symbol in its cell of the zone's grid and decides cell by cell; a
 * field is given as read only when every check digit validates, and listed in `uncertain`
 * whenever the check digits cannot tell its possible readings apart.
 */
export async function readMrz(body: Buffer, recognize: RecognizeZone): Promise<MrzReading> {
  if (body.length === 0) return { status: 'bad-file', uncertain: [] };
  const decoded = await decode(body);
  if (decoded === 'bad-file') return { status: 'bad-file', uncertain: [] };
  const pageAt = (side: number) =>
    toGray(
      decoded.clone().rotate().resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true }),
    );
  let page: Gray;
  let largestSide: number;
  try {
    const meta = await decoded.metadata();
    // Too small to hold a readable zone; a strip cut tight around the zone is wide but low.
    if (Math.max(meta.width ?? 0, meta.height ?? 0) < 300 || Math.min(meta.width ?? 0, meta.height ?? 0) < 60)
      return { status: 'unreadable', uncertain: [] };
    largestSide = Math.max(meta.width ?? 0, meta.height ?? 0);
    page = await pageAt(MAX_SIDE);
  } catch {
    return { status: 'bad-file', uncertain: [] };
  }
  // Glare or a shadow across the zone can hide it from the page's mean: then from the paper nearby.
  let located = (await locate(page)) ?? (await locate(page, 'paper'));
  // A passport on a whole A4 scan: its zone's characters are small at the usual size; look closer.
  if ((!located || characterHeight(located.band) < 16) && largestSide > MAX_SIDE)
    located = (await locate(await pageAt(DETAIL_SIDE))) ?? located;
  if (!located) return { status: 'no-mrz', uncertain: [] };
  const seen: MrzReading[] = [];
  // Printed text beside the zone can look like a zone to the band finder: when the lines read
  // have no zone's shape, they are blanked and the page is searched again.
  for (let attempt = 0; attempt < 3 && located; attempt++) {
    const outcome = await readZone(located, recognize);
    if (outcome.status === 'ok' || outcome.status === 'invalid') return outcome;
    seen.push(outcome);
    located = await locate(blankBand(located));
  }
  return seen.find((r) => r.status === 'unreadable') ?? seen[0] ?? { status: 'no-mrz', uncertain: [] };
}

/** The page with a band's rows painted over in paper white. */
function blankBand({ gray, band }: Located): Gray {
  const data = new Uint8Array(gray.data);
  const pad = Math.round((band.bottom - band.top) / (band.lines * 2));
  data.fill(
    255,
    Math.max(0, band.top - pad) * gray.width,
    Math.min(gray.height, band.bottom + pad) * gray.width,
  );
  return { ...gray, data };
}

/** Reads one located zone, upright and then upside down. */
async function readZone(located: Located, recognize: RecognizeZone): Promise<MrzReading> {
  const rows = located.band.lines;

  let sawFiller = false;
  let invalidZone: (MrzReading & { mrz: string[]; type: MrzFormat }) | undefined;
  // Upright first; a page upside down reads as no zone, or one whose check digits fail.
  for (const upsideDown of [false, true]) {
    // Both engines read the same image of the zone at a scale: it is made once.
    const images = new Map<string, Promise<Buffer>>();
    const read = async ([engine, lineHeight, mode]: Attempt) => {
      const key = `${lineHeight} ${mode}`;
      if (!images.has(key)) images.set(key, cropBand(located, lineHeight, upsideDown, mode));
      return recognize(await images.get(key)!, engine);
    };
    let format: MrzFormat | undefined;
    let shapeMode: Binarization = 'global';
    const reads: ZoneRead[] = [];
    for (const [lineHeight, mode] of SHAPE_ATTEMPTS) {
      const result = await read(['legacy', lineHeight, mode]);
      if (result.text.some((line) => line.includes('<<'))) sawFiller = true;
      const lines = shapeLines(result.text, rows);
      const shape = lines && formatOf(lines);
      // Lines of no zone's shape (print beside the zone): another binarization, never more rounds.
      if (!shape || !hasMrzShape(lines, shape)) {
        // Clear print with hardly a '<' is text, not a zone read badly (every zone has at least
        // three: 'P<' or 'I<', and '<<' between the names): other binarizations would read the
        // same text again.
        const textLines = result.text.filter((line) => line.replace(/[^A-Z0-9]/g, '').length >= 20);
        const fillers = result.text.join('').split('<').length - 1;
        if (textLines.length >= rows && fillers < 3) break;
        continue;
      }
      format = shape;
      shapeMode = mode;
      const grid = placeSymbols(result.symbols, rows, LINE_LENGTH[format]);
      if (grid) reads.push({ engine: 'legacy', grid });
      break;
    }
    if (!format || reads.length === 0) continue;
    let outcome: Decided = decideZone(reads, format, rows);
    let previous: string | undefined;
    for (const round of ROUNDS) {
      if (outcome.reading.status === 'ok' && reads.some((r) => r.engine === 'lstm')) {
        // Both engines agree on every cell, or another round of reads changed nothing.
        const summary = JSON.stringify([outcome.reading.fields, outcome.reading.uncertain]);
        if (outcome.agreed || summary === previous) break;
        previous = summary;
      }
      for (const [engine, lineHeight, which] of round) {
        const mode = which === 'shape' ? shapeMode : OTHER[shapeMode];
        const grid = placeSymbols(
          (await read([engine, lineHeight, mode])).symbols,
          rows,
          LINE_LENGTH[format],
        );
        if (grid) reads.push({ engine, grid });
      }
      outcome = decideZone(reads, format, rows);
    }
    if (outcome.reading.status === 'ok') return outcome.reading;
    invalidZone ??= { ...outcome.reading, mrz: outcome.reading.mrz!, type: format };
    // A zone read upright with a zone's shape is not upside down: its check digits simply fail.
    if (hasMrzShape(invalidZone.mrz, invalidZone.type)) break;
  }
  // Check digits that fail on lines shaped like a zone: the zone is misprinted or misread, and is
  // given as read with what failed flagged. On anything else (printed text taken for the zone)
  // we simply could not read it.
  if (invalidZone && hasMrzShape(invalidZone.mrz, invalidZone.type)) return invalidZone;
  if (invalidZone) return { status: 'unreadable', uncertain: [] };
  return { status: sawFiller ? 'unreadable' : 'no-mrz', uncertain: [] };
}
