import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileTypeFromBuffer } from 'file-type';
import countries from 'i18n-iso-countries';
import sharp, { type Sharp } from 'sharp';
import {
  correctMrz,
  parseMrz,
  LINE_LENGTH,
  MRZ_FIELDS,
  type MrzField,
  type MrzFields,
  type MrzFormat,
  type ParsedMrz,
} from '../../../../shared/mrz/index.js';
import { binarize, estimateSkew, findBand, type Gray } from './band.js';

const run = promisify(execFile);

export type MrzStatus = 'ok' | 'no-mrz' | 'invalid' | 'unreadable' | 'bad-file';

export interface MrzReading {
  status: MrzStatus;
  type?: MrzFormat;
  fields?: Partial<MrzFields>;
  mrz?: string[];
  /** Fields the form must ask the user to check: reads disagreed, or check digits cannot decide. */
  uncertain: MrzField[];
}

/** Reads text from an image of the zone (one tesseract call); injected so the pipeline can be tested alone. */
export type RecognizeLines = (png: Buffer, engine?: 'legacy' | 'lstm') => Promise<string[]>;

const MAX_SIDE = 1600;

async function decode(body: Buffer): Promise<Sharp | 'bad-file'> {
  const type = await fileTypeFromBuffer(body);
  if (type?.mime === 'application/pdf') {
    // The first page, rendered by poppler's pdftoppm (Debian package poppler-utils).
    const dir = await mkdtemp(join(tmpdir(), 'konok-pdf-'));
    try {
      await writeFile(join(dir, 'in.pdf'), body);
      const { stdout } = await run(
        'pdftoppm',
        ['-f', '1', '-l', '1', '-r', '200', '-png', '-singlefile', join(dir, 'in.pdf')],
        {
          encoding: 'buffer',
          maxBuffer: 64 * 1024 * 1024,
          timeout: 20_000,
        },
      );
      return sharp(stdout);
    } catch {
      return 'bad-file';
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  if (!type || !['image/jpeg', 'image/png', 'image/webp', 'image/tiff'].includes(type.mime))
    return 'bad-file';
  return sharp(body, { failOn: 'error' });
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

interface Located {
  gray: Gray;
  band: { top: number; bottom: number; left: number; right: number; lines: number };
}

/** Tries the page upright and turned 90°, deskews, and returns the page with its zone. */
async function locate(page: Gray): Promise<Located | undefined> {
  let best: (Located & { score: number }) | undefined;
  for (const turn of [0, 90]) {
    let gray = turn === 0 ? page : await toGray(fromGray(page).rotate(turn));
    let ink = binarize(gray);
    const skew = estimateSkew(ink, gray.width, gray.height);
    if (Math.abs(skew) >= 0.5) {
      gray = await toGray(fromGray(gray).rotate(-skew, { background: { r: 255, g: 255, b: 255 } }));
      ink = binarize(gray);
    }
    const band = findBand(ink, gray.width, gray.height);
    if (band && (!best || band.score > best.score)) best = { gray, band, score: band.score };
  }
  return best;
}

/** The zone cut out with a margin, scaled so a line is about `lineHeight` pixels, contrast stretched. */
type Binarization = 'global' | 'adaptive';

async function cropBand(
  located: Located,
  lineHeight: number,
  upsideDown: boolean,
  mode: Binarization = 'global',
): Promise<Buffer> {
  const { gray, band } = located;
  const h = (band.bottom - band.top) / (band.lines * 1.6);
  // Tight around the zone, then a white margin: print just above it (dates, labels) must not join its first line.
  const top = Math.max(0, Math.round(band.top - h * 0.25));
  const bottom = Math.min(gray.height, Math.round(band.bottom + h * 0.25));
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
  if (mode === 'adaptive') {
    // Each pixel against its neighbourhood: light that varies across a photo does not matter.
    const ink = binarize(scaled);
    const pixels = Buffer.alloc(ink.length);
    for (let i = 0; i < ink.length; i++) pixels[i] = ink[i] ? 0 : 255;
    binary = fromGray({ data: pixels, width: scaled.width, height: scaled.height });
  } else {
    // One threshold after stretching the contrast: keeps thin strokes that the local one can break.
    binary = sharp(await fromGray(scaled).normalise().threshold(140).png().toBuffer());
  }
  let image = binary.extend({
    top: margin,
    bottom: margin,
    left: margin,
    right: margin,
    background: '#ffffff',
  });
  if (upsideDown) image = image.rotate(180);
  return image.png().toBuffer();
}

/** Scales and binarizations to read the zone with, in order, until two reads agree. */
const ATTEMPTS: [number, Binarization][] = [
  [40, 'global'],
  [40, 'adaptive'],
  [30, 'global'],
  [30, 'adaptive'],
  [50, 'global'],
  [50, 'adaptive'],
];

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

interface Read {
  lines: string[];
  parsed?: ParsedMrz;
  ambiguous: MrzField[];
}

function readOnce(text: string[], bandLines: number): Read | undefined {
  const lines = shapeLines(text, bandLines);
  if (!lines) return undefined;
  const { candidates, ambiguousFields } = correctMrz(lines);
  return {
    lines,
    parsed: candidates.length === 1 ? candidates[0] : undefined,
    ambiguous: candidates.length > 1 ? [...MRZ_FIELDS] : ambiguousFields,
  };
}

/**
 * Image or PDF → MRZ fields. Reads the zone at several scales and votes per field; a field
 * is given as read only when every check digit validates, and listed in `uncertain` whenever
 * the reads disagree on it or the check digits cannot tell its possible readings apart.
 */
export async function readMrz(body: Buffer, recognize: RecognizeLines): Promise<MrzReading> {
  if (body.length === 0) return { status: 'bad-file', uncertain: [] };
  const decoded = await decode(body);
  if (decoded === 'bad-file') return { status: 'bad-file', uncertain: [] };
  let page: Gray;
  try {
    const meta = await decoded.metadata();
    if ((meta.width ?? 0) < 300 || (meta.height ?? 0) < 150) return { status: 'unreadable', uncertain: [] };
    page = await toGray(
      decoded.rotate().resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true }),
    );
  } catch {
    return { status: 'bad-file', uncertain: [] };
  }
  const located = await locate(page);
  if (!located) return { status: 'no-mrz', uncertain: [] };

  const reads: (Read & { upsideDown: boolean })[] = [];
  let sawShape = false;
  let sawFiller = false;
  for (const upsideDown of [false, true]) {
    for (const [lineHeight, mode] of ATTEMPTS) {
      const text = await recognize(await cropBand(located, lineHeight, upsideDown, mode));
      if (text.some((line) => line.includes('<<'))) sawFiller = true;
      const read = readOnce(text, located.band.lines);
      if (!read) continue;
      sawShape = true;
      reads.push({ ...read, upsideDown });
      const valid = reads.filter((r) => r.parsed);
      // Two agreeing valid reads are enough; a third settles a disagreement.
      if (valid.length >= 2 && agree(valid[0]!, valid[1]!)) break;
      if (valid.length >= 3) break;
    }
    if (reads.some((r) => r.parsed)) break;
  }
  const valid = reads.filter(
    (r): r is Read & { parsed: ParsedMrz; upsideDown: boolean } => r.parsed !== undefined,
  );
  if (valid.length === 0) {
    if (sawShape) return { status: 'invalid', mrz: reads[0]?.lines, uncertain: [] };
    return { status: sawFiller ? 'unreadable' : 'no-mrz', uncertain: [] };
  }
  const reading = vote(valid);
  // Second opinion: each value must also appear in what the LSTM engine reads in the zone.
  const lstm = await recognize(await cropBand(located, 40, valid[0]!.upsideDown), 'lstm');
  const second = lstm.join('').replace(/[^A-Z0-9]/g, '');
  const confirmed = (value: string) => value.split(' ').every((word) => second.includes(word));
  for (const field of CONFIRMED_BY_SECOND_ENGINE) {
    const value = String(reading.fields?.[field] ?? '');
    if (!value || confirmed(value)) continue;
    reading.uncertain.push(field);
    // The LSTM engine tells the letters the legacy one confuses: take its reading, still to be checked.
    const better = closestLookalike(
      value,
      second,
      field === 'documentNumber' || field === 'personalNumber' ? INVISIBLE_TO_CHECK_DIGITS : LOOKALIKES,
    );
    if (better) (reading.fields as Record<string, string>)[field] = better;
    else if (field === 'documentNumber') adoptCheckedNumber(reading, second);
  }
  const { documentCode = '', issuingState = '', nationality = '' } = reading.fields ?? {};
  const expectedCode = reading.type === 'TD3' ? /^P/ : /^[ACI]/;
  if (!expectedCode.test(documentCode)) reading.uncertain.push('documentCode');
  // The first line has no check digit: a state code must at least be a real one.
  if (!isStateCode(issuingState)) {
    reading.uncertain.push('issuingState');
    if (isStateCode(nationality) && differsByAtMostTwo(issuingState, nationality))
      reading.fields!.issuingState = nationality;
  }
  if (!isStateCode(nationality)) {
    reading.uncertain.push('nationality');
    // Mostly the same state issues and is the holder's nationality: the likelier reading, still to be checked.
    const state = reading.fields!.issuingState ?? '';
    if (isStateCode(state) && differsByAtMostTwo(nationality, state)) reading.fields!.nationality = state;
  }
  reading.uncertain = MRZ_FIELDS.filter((f) => reading.uncertain.includes(f));
  return reading;
}

/** ISO 3166 alpha-3, and the codes ICAO 9303 adds (Germany's D, organisations, stateless, specimens). */
const ICAO_EXTRA = new Set([
  'D',
  'UTO',
  'XXA',
  'XXB',
  'XXC',
  'XXX',
  'EUE',
  'UNO',
  'UNA',
  'UNK',
  'XOM',
  'XPO',
  'XCC',
  'XES',
  'XMP',
  'XDC',
  'XBA',
  'XIM',
  'RKS',
  'GBD',
  'GBN',
  'GBO',
  'GBP',
  'GBS',
]);
const ISO_ALPHA3 = new Set(Object.keys(countries.getAlpha3Codes()));
const isStateCode = (code: string) => ISO_ALPHA3.has(code) || ICAO_EXTRA.has(code);
const differsByAtMostTwo = (a: string, b: string) =>
  a.length === b.length && [...a].filter((c, i) => c !== b[i]).length <= 2;

/** Pairs the legacy engine mixes up in OCR-B and the LSTM engine does not. */
const LOOKALIKES = new Set([
  'MH',
  'HM',
  'WN',
  'NW',
  'WH',
  'HW',
  'MN',
  'NM',
  'G6',
  '6G',
  'OQ',
  'QO',
  'OD',
  'DO',
  'UV',
  'VU',
]);
/** In number fields only G/6 slip past the check digits; other changes would break them. */
const INVISIBLE_TO_CHECK_DIGITS = new Set(['G6', '6G']);

/**
 * Words of `value`, each replaced by the same-length stretch of `text` that differs from it
 * only in look-alike letters; undefined when some word has no such stretch.
 */
function closestLookalike(value: string, text: string, pairs: Set<string>): string | undefined {
  const words = value.split(' ').map((word) => {
    if (text.includes(word)) return word;
    for (let i = 0; i + word.length <= text.length; i++) {
      const candidate = text.slice(i, i + word.length);
      let differences = 0;
      let allowed = true;
      for (let k = 0; k < word.length && allowed; k++) {
        if (candidate[k] === word[k]) continue;
        differences++;
        allowed = pairs.has(word[k]! + candidate[k]!) && differences <= 2;
      }
      if (allowed && differences > 0) return candidate;
    }
    return undefined;
  });
  return words.every(Boolean) ? words.join(' ') : undefined;
}

/** Characters either engine may put for the other in a document number. */
const NUMBER_LOOKALIKES = new Set(
  [
    'O0',
    'Q0',
    'D0',
    'I1',
    'L1',
    'Z2',
    'S5',
    'B8',
    'G6',
    'T7',
    'A4',
    'NW',
    'MH',
    'WH',
    'MN',
    'UV',
    'OD',
    'OQ',
  ].flatMap((p) => [p, p[1]! + p[0]!]),
);

/**
 * The LSTM engine's reading of the document number, put into the zone, must make every check
 * digit validate; only then it replaces the legacy engine's (the field stays to be checked).
 */
function adoptCheckedNumber(reading: MrzReading, second: string) {
  const value = reading.fields?.documentNumber;
  const lines = reading.mrz;
  if (!value || !lines || value.length > 9) return;
  const row = reading.type === 'TD1' ? 0 : 1;
  const start = reading.type === 'TD1' ? 5 : 0;
  for (let i = 0; i + value.length <= second.length; i++) {
    const window = second.slice(i, i + value.length);
    // Character by character: the LSTM's letter where the two engines read look-alikes, else the legacy one.
    const candidate = [...value]
      .map((c, k) => (NUMBER_LOOKALIKES.has(c + window[k]) ? window[k]! : c))
      .join('');
    const unexplained = [...value].filter(
      (c, k) => c !== window[k] && !NUMBER_LOOKALIKES.has(c + window[k]),
    ).length;
    if (candidate === value || unexplained > 1) continue;
    const line = lines[row]!;
    const fixed = [...lines];
    fixed[row] = line.slice(0, start) + candidate + line.slice(start + candidate.length);
    const parsed = parseMrz(fixed);
    if (parsed?.valid && parsed.fields.documentNumber === candidate) {
      reading.fields!.documentNumber = candidate;
      reading.mrz = fixed;
      return;
    }
  }
}

/** Fields no check digit protects well enough: names, codes, and numbers where G/6 weigh the same. */
const CONFIRMED_BY_SECOND_ENGINE: MrzField[] = [
  'surname',
  'givenNames',
  'documentNumber',
  'personalNumber',
  'issuingState',
  'nationality',
];

const agree = (a: Read, b: Read) => a.parsed!.lines.join('') === b.parsed!.lines.join('');

function vote(valid: (Read & { parsed: ParsedMrz })[]): MrzReading & { uncertain: MrzField[] } {
  const fields: Partial<MrzFields> = {};
  const uncertain = new Set<MrzField>();
  for (const field of MRZ_FIELDS) {
    const counts = new Map<string, number>();
    for (const read of valid)
      counts.set(String(read.parsed.fields[field]), (counts.get(String(read.parsed.fields[field])) ?? 0) + 1);
    const [value, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    (fields as Record<string, string>)[field] = value;
    // One valid read is not enough: several misread characters can still satisfy a check digit.
    if (count < valid.length || valid.length < 2) uncertain.add(field);
    if (valid.some((r) => r.ambiguous.includes(field)) && counts.size > 1) uncertain.add(field);
  }
  const winner =
    valid.find((r) => MRZ_FIELDS.every((f) => String(r.parsed.fields[f]) === String(fields[f]))) ?? valid[0]!;
  return {
    status: 'ok',
    type: winner.parsed.format,
    fields,
    mrz: winner.parsed.lines,
    uncertain: MRZ_FIELDS.filter((f) => uncertain.has(f)),
  };
}
