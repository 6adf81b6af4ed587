// Generated passport pages for testing and benchmarking the MRZ reader, deterministic for a seed.
// Usage: node --import tsx scripts/mrz-samples.ts OUT_DIR [COUNT=60] [SEED=2026]
// Writes OUT_DIR/<name>.(png|jpg|pdf|txt) and OUT_DIR/expected.json (file → expected status and fields).
import fs from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { composeMrz, type MrzIdentity } from '../src/shared/mrz/compose';
import type { MrzFormat } from '../src/shared/mrz/mrz';
import { lowJpeg, onTable, photocopy, sideBySide, withGlare, withShadow } from './mrz-photo-effects';

export type Variant =
  | 'clean'
  | 'jpeg'
  | 'noise'
  | 'blur'
  | 'rotate-small'
  | 'rotate-90'
  | 'rotate-180'
  | 'photo'
  | 'pdf'
  | 'td1'
  | 'perspective'
  | 'pattern'
  | 'a4-scan'
  | 'labels'
  | 'grayscale'
  | 'palette'
  | 'id-stacked'
  | 'glare'
  | 'shadow'
  | 'rotate-270'
  | 'tilt'
  | 'photocopy'
  | 'td2'
  | 'td1-photo'
  | 'td1-glare'
  | 'id-side-by-side';
export const VARIANTS: Variant[] = [
  'clean',
  'jpeg',
  'noise',
  'blur',
  'rotate-small',
  'rotate-90',
  'rotate-180',
  'photo',
  'pdf',
  'td1',
  'perspective',
  'pattern',
  'a4-scan',
  'labels',
  'grayscale',
  'palette',
  'id-stacked',
  'glare',
  'shadow',
  'rotate-270',
  'tilt',
  'photocopy',
  'td2',
  'td1-photo',
  'td1-glare',
  'id-side-by-side',
];

const FORMAT_OF: Partial<Record<Variant, MrzFormat>> = {
  td1: 'TD1',
  'id-stacked': 'TD1',
  'td1-photo': 'TD1',
  'td1-glare': 'TD1',
  'id-side-by-side': 'TD1',
  td2: 'TD2',
};

export interface Sample {
  name: string;
  body: Buffer;
  expected:
    | { status: 'ok'; format: MrzFormat; fields: MrzIdentity }
    | {
        status: 'no-mrz' | 'invalid' | 'unreadable' | 'bad-file';
        /** Another answer that is as right (printed text with no zone: no zone, or not readable). */
        orElse?: 'no-mrz' | 'unreadable';
      };
}

/** mulberry32: small, seedable, good enough to vary test data. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  'ASANOV',
  'ABDYLDAEVA',
  'IVANOVA',
  'MULLER',
  'OKONKWO',
  'NAKAMURA',
  'HOHENBERG',
  'WANG',
  'KIM',
  'DUBOIS',
  'GARCIA',
  'TOKTOGULOVA',
  'MWANGI',
  'SHEVCHENKO',
  'NAZAROV',
  'BEKMURZAEV',
];
const GIVEN = [
  'AIGUL',
  'BAKYT',
  'MARIA',
  'HANS PETER',
  'CHINEDU',
  'YUKI',
  'WEI',
  'MIN JUN',
  'CLAIRE',
  'JOSE LUIS',
  'NURLAN',
  'WANJIRU',
  'OLENA',
  'TIMUR',
  'GULNARA MEDER',
];
const STATES = [
  'KGZ',
  'KAZ',
  'RUS',
  'UZB',
  'DEU',
  'CHN',
  'KOR',
  'FRA',
  'ESP',
  'NGA',
  'JPN',
  'UKR',
  'TJK',
  'TUR',
  'USA',
  'GBR',
  'D<<',
  'UTO',
];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function identity(rand: () => number, format: MrzFormat): MrzIdentity {
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
  const state = pick(STATES);
  const birthYear = 1950 + Math.floor(rand() * 55);
  const birth = `${birthYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const expiryYear = 2027 + Math.floor(rand() * 10);
  const expiry = `${expiryYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const sex = rand() < 0.5 ? 'M' : 'F';
  const personal =
    state === 'KGZ'
      ? `${sex === 'F' ? 1 : 2}${birth.slice(8, 10)}${birth.slice(5, 7)}${birth.slice(0, 4)}${digits(5)}`
      : rand() < 0.4
        ? digits(8)
        : '';
  return {
    documentCode: format === 'TD3' ? 'P' : 'ID',
    issuingState: state,
    surname: pick(SURNAMES),
    givenNames: pick(GIVEN),
    documentNumber: `${pick([...LETTERS])}${pick([...LETTERS])}${digits(7)}`,
    nationality: state,
    birthDate: birth,
    sex,
    expiryDate: expiry,
    // What the zone holds: TD2's optional data has seven characters.
    personalNumber: personal.slice(0, format === 'TD2' ? 7 : 14),
  };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Security print: fine wavy lines in light colours over the whole page, the zone included. */
function guilloche(width: number, height: number, rand: () => number): string {
  const paths: string[] = [];
  for (let i = 0; i < 36; i++) {
    const y0 = (i / 36) * height;
    const amplitude = 8 + rand() * 22;
    const period = 60 + rand() * 140;
    const phase = rand() * Math.PI * 2;
    const points = Array.from({ length: Math.ceil(width / 6) + 1 }, (_, k) => {
      const x = k * 6;
      return `${x},${(y0 + amplitude * Math.sin(phase + (x / period) * Math.PI * 2)).toFixed(1)}`;
    });
    const colour = ['#c8d7e8', '#e3cfd9', '#cfe3d2'][i % 3];
    paths.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="1.3"/>`);
  }
  return paths.join('');
}

/** A data page: header, photo box, labelled fields in print, and the MRZ in OCR-B at the bottom. */
interface PageOptions {
  /** Security print over the whole page. */
  pattern?: () => number;
  /** Bilingual Cyrillic/Latin print right above the zone (issuing authority, signature). */
  labelsNearZone?: boolean;
  /** The zone's lines in this font instead of OCR-B (printed text where a zone would be). */
  zoneFont?: string;
}

/** Print an issuing authority puts near the zone, in Russian, Kyrgyz and English. */
const NEAR_ZONE_LABELS = [
  'ОРГАН, ВЫДАВШИЙ ДОКУМЕНТ / БЕРГЕН МЕКЕМЕ / AUTHORITY: МКК 211041',
  'ПОДПИСЬ ВЛАДЕЛЬЦА / ЭЭСИНИН КОЛУ / HOLDER’S SIGNATURE ______________',
];

/** Where a page of `format` prints its zone of `lineCount` lines: the first baseline and the line pitch. */
function geometry(format: MrzFormat, lineCount: number) {
  const width = format === 'TD3' ? 1250 : 856;
  const height = format === 'TD3' ? 880 : 540;
  const mrzWidth = format === 'TD3' ? 1120 : 770;
  const left = (width - mrzWidth) / 2;
  const lineHeight = format === 'TD3' ? 62 : 50;
  const mrzTop = height - 40 - lineHeight * (lineCount - 1);
  // TD2's 36 characters fit the card's width only a size smaller than TD1's 30.
  const fontSize = { TD3: 34, TD2: 30, TD1: 36 }[format];
  return { width, height, mrzWidth, left, lineHeight, mrzTop, fontSize };
}

/** The box the zone's print covers on a page, in page pixels. */
export function zoneBox(format: MrzFormat): { left: number; top: number; width: number; height: number } {
  const lineCount = format === 'TD1' ? 3 : 2;
  const g = geometry(format, lineCount);
  return {
    left: g.left,
    top: g.mrzTop - g.fontSize,
    width: g.mrzWidth,
    height: g.lineHeight * (lineCount - 1) + g.fontSize * 1.3,
  };
}

function pageSvg(id: MrzIdentity, lines: string[], format: MrzFormat, options: PageOptions = {}): string {
  const { pattern } = options;
  const { width, height, mrzWidth, left, lineHeight, mrzTop, fontSize } = geometry(format, lines.length);
  const label = (x: number, y: number, caption: string, value: string) =>
    `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="15" fill="#555">${escapeXml(caption)}</text>` +
    `<text x="${x}" y="${y + 24}" font-family="DejaVu Sans" font-size="22" fill="#111">${escapeXml(value)}</text>`;
  const fieldsX = format === 'TD3' ? 400 : 300;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f3efe6"/><stop offset="1" stop-color="#e6eef3"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#bg)"/>
  ${pattern ? guilloche(width, height, pattern) : ''}
  <text x="${left}" y="50" font-family="DejaVu Sans" font-size="24" font-weight="bold" fill="#223">PASSPORT / ПАСПОРТ / ${escapeXml(id.issuingState.replace(/</g, ''))}</text>
  <rect x="${left}" y="80" width="${format === 'TD3' ? 300 : 230}" height="${format === 'TD3' ? 380 : 280}" fill="#cfd6dc" stroke="#889"/>
  <circle cx="${left + (format === 'TD3' ? 150 : 115)}" cy="${format === 'TD3' ? 230 : 180}" r="${format === 'TD3' ? 80 : 60}" fill="#aab4bd"/>
  ${label(fieldsX, 100, 'Surname / Фамилия', id.surname)}
  ${label(fieldsX, 160, 'Given names / Аты', id.givenNames)}
  ${label(fieldsX, 220, 'Nationality / Гражданство', id.nationality.replace(/</g, ''))}
  ${label(fieldsX, 280, 'Date of birth / Туулган күнү', id.birthDate.split('-').reverse().join('.'))}
  ${label(fieldsX + 380, 280, 'Sex / Пол', id.sex)}
  ${label(fieldsX, 340, 'Date of expiry / Действителен до', id.expiryDate.split('-').reverse().join('.'))}
  ${label(fieldsX + 380, 100, 'Passport No. / Номер', id.documentNumber)}
  ${
    options.labelsNearZone
      ? NEAR_ZONE_LABELS.map(
          (text, i) =>
            `<text x="${left}" y="${mrzTop - lineHeight - 8 - (NEAR_ZONE_LABELS.length - 1 - i) * 30}" font-family="DejaVu Sans" font-size="19" fill="#2a2a3a">${escapeXml(text)}</text>`,
        ).join('')
      : ''
  }
  ${lines
    .map(
      (line, i) =>
        `<text x="${left}" y="${mrzTop + i * lineHeight}" font-family="${options.zoneFont ?? 'OCR B'}" font-size="${fontSize}" textLength="${mrzWidth}" lengthAdjust="spacing" fill="#111">${escapeXml(line)}</text>`,
    )
    .join('\n  ')}
</svg>`;
}

async function addNoise(image: Sharp, rand: () => number, amount: number): Promise<Sharp> {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i++)
    data[i] = Math.max(0, Math.min(255, data[i]! + (rand() - 0.5) * amount));
  return sharp(data, { raw: info });
}

/** A "phone photo": the page on a dark table, sheared, unevenly lit, soft and compressed. */
async function phonePhoto(png: Buffer, rand: () => number): Promise<Buffer> {
  const meta = await sharp(png).metadata();
  const shear = (rand() - 0.5) * 0.08;
  const sheared = await sharp(png)
    .affine([1, shear, (rand() - 0.5) * 0.05, 1], { background: '#3a3430' })
    .rotate((rand() - 0.5) * 6, { background: '#3a3430' })
    .png()
    .toBuffer();
  const s = await sharp(sheared).metadata();
  const light = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${s.width}" height="${s.height}"><defs><radialGradient id="g" cx="${0.3 + rand() * 0.4}" cy="${0.3 + rand() * 0.4}" r="0.9"><stop offset="0" stop-color="#fff" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.45"/></radialGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`,
  );
  const lit = await sharp(sheared)
    .composite([{ input: light }])
    .png()
    .toBuffer();
  const noisy = await addNoise(
    sharp(lit).extend({ top: 60, bottom: 60, left: 60, right: 60, background: '#3a3430' }),
    rand,
    30,
  );
  return noisy
    .resize({ width: Math.round((meta.width ?? 1250) * 1.3) })
    .blur(0.8)
    .jpeg({ quality: 70 })
    .toBuffer();
}

/** Solves the 8 unknowns of the homography taking each `from` corner to its `to` corner. */
function homography(from: [number, number][], to: [number, number][]): number[] {
  const a: number[][] = [];
  from.forEach(([x, y], i) => {
    const [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  });
  for (let c = 0; c < 8; c++) {
    const pivot = a
      .slice(c)
      .reduce((best, row, k) => (Math.abs(row[c]!) > Math.abs(a[best]![c]!) ? c + k : best), c);
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < 9; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return a.map((row, r) => row[8]! / row[r]!);
}

/** A phone held at an angle: the page as a tilted trapezoid on a dark table, light falling off, compressed. */
async function perspectivePhoto(png: Buffer, rand: () => number): Promise<Buffer> {
  const { data, info } = await sharp(png)
    .flatten({ background: '#fff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width: w, height: h } = info;
  const margin = Math.round(w * 0.06);
  const W = w + 2 * margin;
  const H = h + 2 * margin;
  const jitter = () => (rand() - 0.3) * w * 0.07;
  // Where the page's corners land in the photo; the homography maps photo pixels back to the page.
  const corners: [number, number][] = [
    [margin + jitter(), margin + jitter()],
    [margin + w - jitter(), margin + jitter()],
    [margin + w - jitter(), margin + h - jitter()],
    [margin + jitter(), margin + h - jitter()],
  ];
  const m = homography(corners, [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ]);
  const out = Buffer.alloc(W * H * 3);
  const cx = rand() * W;
  const cy = rand() * H;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const d = m[6]! * x + m[7]! * y + 1;
      const u = (m[0]! * x + m[1]! * y + m[2]!) / d;
      const v = (m[3]! * x + m[4]! * y + m[5]!) / d;
      const light = 1 - 0.35 * Math.min(1, Math.hypot(x - cx, y - cy) / Math.hypot(W, H));
      for (let ch = 0; ch < 3; ch++) {
        let value = [58, 52, 48][ch]!;
        if (u >= 0 && v >= 0 && u < w - 1 && v < h - 1) {
          const x0 = Math.floor(u);
          const y0 = Math.floor(v);
          const fx = u - x0;
          const fy = v - y0;
          const at = (xx: number, yy: number) => data[(yy * w + xx) * 3 + ch]!;
          value =
            at(x0, y0) * (1 - fx) * (1 - fy) +
            at(x0 + 1, y0) * fx * (1 - fy) +
            at(x0, y0 + 1) * (1 - fx) * fy +
            at(x0 + 1, y0 + 1) * fx * fy;
        }
        out[(y * W + x) * 3 + ch] = Math.round(value * light);
      }
    }
  }
  const noisy = await addNoise(sharp(out, { raw: { width: W, height: H, channels: 3 } }), rand, 24);
  // Held at a tilt, up to 12° either way.
  const tilted = await noisy
    .rotate((rand() - 0.5) * 24, { background: '#3a3430' })
    .png()
    .toBuffer();
  return sharp(tilted).blur(0.7).jpeg({ quality: 72 }).toBuffer();
}

/** A one-page PDF with the page as its image (written by hand: one XObject, no dependency). */
async function pdfWithImage(png: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(png)
    .flatten({ background: '#fff' })
    .jpeg({ quality: 90 })
    .toBuffer({ resolveWithObject: true });
  const w = info.width;
  const h = info.height;
  const pageW = 595;
  const pageH = Math.round((595 * h) / w);
  const content = `q ${pageW} 0 0 ${pageH} 0 0 cm /Im0 Do Q`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageW} ${pageH}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`,
    null, // the image, binary
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((object, i) => {
    offsets.push(length);
    const chunk =
      object === null
        ? Buffer.concat([
            Buffer.from(
              `${i + 1} 0 obj\n<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${data.length} >>\nstream\n`,
            ),
            data,
            Buffer.from('\nendstream\nendobj\n'),
          ])
        : Buffer.from(`${i + 1} 0 obj\n${object}\nendobj\n`);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref));
  return Buffer.concat(parts);
}

/** A clean PNG data page for a given person, MRZ included. */
export async function renderPassportPage(id: MrzIdentity, format: MrzFormat = 'TD3'): Promise<Buffer> {
  return sharp(Buffer.from(pageSvg(id, composeMrz(id, format), format)))
    .png()
    .toBuffer();
}

export async function makeSample(seed: number, variant: Variant): Promise<Sample> {
  const rand = random(seed);
  const format: MrzFormat = FORMAT_OF[variant] ?? 'TD3';
  const id = identity(rand, format);
  const lines = composeMrz(id, format);
  const options: PageOptions = {
    pattern: variant === 'pattern' || variant === 'labels' ? rand : undefined,
    labelsNearZone: variant === 'labels',
  };
  const png = await sharp(Buffer.from(pageSvg(id, lines, format, options)))
    .png()
    .toBuffer();
  const name = `${variant}-${seed}`;
  const expected = {
    status: 'ok' as const,
    format,
    fields: {
      ...id,
      issuingState: id.issuingState.replace(/</g, ''),
      nationality: id.nationality.replace(/</g, ''),
    },
  };
  let body: Buffer;
  switch (variant) {
    case 'jpeg':
      body = await sharp(png)
        .jpeg({ quality: 25 + Math.floor(rand() * 20) })
        .toBuffer();
      return { name: `${name}.jpg`, body, expected };
    case 'noise':
      body = await (await addNoise(sharp(png).flatten(), rand, 90)).png().toBuffer();
      break;
    case 'blur':
      body = await sharp(png)
        .blur(1 + rand() * 0.6)
        .png()
        .toBuffer();
      break;
    case 'rotate-small':
      body = await sharp(png)
        .rotate((rand() < 0.5 ? -1 : 1) * (1 + rand() * 3), { background: '#ffffff' })
        .png()
        .toBuffer();
      break;
    case 'rotate-90':
    case 'rotate-270':
      body = await sharp(png)
        .rotate(variant === 'rotate-90' ? 90 : 270)
        .png()
        .toBuffer();
      break;
    case 'glare':
    case 'td1-glare':
    case 'shadow': {
      const lit = variant === 'shadow' ? withShadow : withGlare;
      const page = await lit(png, zoneBox(format), rand);
      body = await lowJpeg(await onTable(page, (rand() - 0.5) * 6, rand), rand);
      return { name: `${name}.jpg`, body, expected };
    }
    case 'tilt':
      body = await lowJpeg(await onTable(png, (rand() < 0.5 ? -1 : 1) * (5 + rand() * 3), rand), rand);
      return { name: `${name}.jpg`, body, expected };
    case 'photocopy':
      body = await photocopy(png, rand);
      break;
    case 'td2':
      body = await lowJpeg(await onTable(png, (rand() - 0.5) * 4, rand), rand);
      return { name: `${name}.jpg`, body, expected };
    case 'td1-photo':
      return { name: `${name}.jpg`, body: await phonePhoto(png, rand), expected };
    case 'id-side-by-side': {
      // An ID card's front and back photographed side by side: the zone is on the back, at the right.
      const front = await sharp(Buffer.from(pageSvg(id, [], format)))
        .png()
        .toBuffer();
      body = await lowJpeg(await sideBySide(front, png), rand);
      return { name: `${name}.jpg`, body, expected };
    }
    case 'rotate-180':
      body = await sharp(png).rotate(180).png().toBuffer();
      break;
    case 'photo':
      return { name: `${name}.jpg`, body: await phonePhoto(png, rand), expected };
    case 'perspective':
      return { name: `${name}.jpg`, body: await perspectivePhoto(png, rand), expected };
    case 'a4-scan':
      // The page laid on a flatbed scanner's glass: a whole A4 sheet at 300 dpi, mostly white.
      body = await sharp({ create: { width: 2480, height: 3508, channels: 3, background: '#fbfbf8' } })
        .composite([
          {
            input: await sharp(png)
              .resize({ width: 1100 + Math.floor(rand() * 500) })
              .toBuffer(),
            left: 150 + Math.floor(rand() * 400),
            top: 150 + Math.floor(rand() * 1200),
          },
        ])
        .jpeg({ quality: 80 })
        .toBuffer();
      return { name: `${name}.jpg`, body, expected };
    case 'pattern':
      body = await sharp(png)
        .jpeg({ quality: 60 + Math.floor(rand() * 25) })
        .toBuffer();
      return { name: `${name}.jpg`, body, expected };
    case 'pdf':
      return { name: `${name}.pdf`, body: await pdfWithImage(png), expected };
    case 'labels':
      body = await sharp(png)
        .jpeg({ quality: 70 + Math.floor(rand() * 20) })
        .toBuffer();
      return { name: `${name}.jpg`, body, expected };
    case 'grayscale':
      body = await sharp(png).grayscale().png().toBuffer();
      break;
    case 'palette':
      body = await sharp(png)
        .png({ palette: true, colours: 16 + Math.floor(rand() * 48) })
        .toBuffer();
      break;
    case 'id-stacked': {
      // An ID card's front and back scanned into one image, front on top: the zone is on the back.
      const front = await sharp(Buffer.from(pageSvg(id, [], format)))
        .png()
        .toBuffer();
      const { width = 856, height = 540 } = await sharp(png).metadata();
      body = await sharp({ create: { width, height: height * 2 + 40, channels: 3, background: '#ffffff' } })
        .composite([
          { input: front, left: 0, top: 0 },
          { input: png, left: 0, top: height + 40 },
        ])
        .png()
        .toBuffer();
      break;
    }
    default:
      body = png;
  }
  return { name: `${name}.png`, body, expected };
}

/** Files that must not be read as a passport: each with the status the reader must give. */
export async function makeNegatives(seed: number): Promise<Sample[]> {
  const rand = random(seed);
  const id = identity(rand, 'TD3');
  const lines = composeMrz(id, 'TD3');
  const broken = [
    lines[0]!,
    lines[1]!.slice(0, 19) + String((Number(lines[1]![19]) + 3) % 10) + lines[1]!.slice(20),
  ];
  // Two lines of printed Cyrillic where a zone would be (the back of an internal passport).
  const cyrillicLines = [
    'ПАСПОРТ ВЫДАН ОТДЕЛОМ УФМС РОССИИ ПО Г МОСКВЕ',
    'ДАТА ВЫДАЧИ 12 03 2019 КОД ПОДРАЗДЕЛЕНИЯ 770',
  ];
  const printedNotZone = await sharp(
    Buffer.from(pageSvg(id, cyrillicLines, 'TD3', { zoneFont: 'DejaVu Sans Mono', labelsNearZone: true })),
  )
    .jpeg({ quality: 70 })
    .toBuffer();
  const noMrz = (await sharp(Buffer.from(pageSvg(id, [], 'TD3')))
    .png()
    .toBuffer()) as Buffer;
  const badDigit = await sharp(Buffer.from(pageSvg(id, broken, 'TD3')))
    .png()
    .toBuffer();
  const full = await sharp(Buffer.from(pageSvg(id, lines, 'TD3')))
    .png()
    .toBuffer();
  // A number that fails its check digit (one character printed otherwise, the digits kept): no
  // reading may change it until the arithmetic works.
  const otherNumber = (line: string) => {
    const at = line.search(/[0-9]/);
    return line.slice(0, at) + String((Number(line[at]) + 1) % 10) + line.slice(at + 1);
  };
  const badNumber = await sharp(Buffer.from(pageSvg(id, [lines[0]!, otherNumber(lines[1]!)], 'TD3')))
    .png()
    .toBuffer();
  const cardId = identity(rand, 'TD1');
  const card = composeMrz(cardId, 'TD1');
  const badCardNumber = await sharp(
    Buffer.from(
      pageSvg(cardId, [card[0]!.slice(0, 5) + otherNumber(card[0]!.slice(5)), card[1]!, card[2]!], 'TD1'),
    ),
  )
    .png()
    .toBuffer();
  return [
    { name: `negative-no-mrz-${seed}.png`, body: noMrz, expected: { status: 'no-mrz' } },
    { name: `negative-check-digit-${seed}.png`, body: badDigit, expected: { status: 'invalid' } },
    {
      name: `negative-thumbnail-${seed}.png`,
      body: await sharp(full).resize({ width: 120 }).png().toBuffer(),
      expected: { status: 'unreadable' },
    },
    {
      name: `negative-printed-lines-${seed}.jpg`,
      body: printedNotZone,
      expected: { status: 'unreadable', orElse: 'no-mrz' },
    },
    { name: `negative-number-check-${seed}.png`, body: badNumber, expected: { status: 'invalid' } },
    {
      name: `negative-number-check-photo-${seed}.jpg`,
      body: await lowJpeg(await onTable(badNumber, (rand() - 0.5) * 6, rand), rand),
      expected: { status: 'invalid', orElse: 'unreadable' },
    },
    { name: `negative-card-number-check-${seed}.png`, body: badCardNumber, expected: { status: 'invalid' } },
    { name: `negative-empty-${seed}.png`, body: Buffer.alloc(0), expected: { status: 'bad-file' } },
    {
      name: `negative-text-${seed}.png`,
      body: Buffer.from('this is a text file, not an image\n'),
      expected: { status: 'bad-file' },
    },
  ];
}

export async function makeSampleSet(count: number, seed: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < count; i++)
    samples.push(await makeSample(seed * 1000 + i, VARIANTS[i % VARIANTS.length]!));
  return [...samples, ...(await makeNegatives(seed))];
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [out = 'artifacts/mrz-samples', count = '60', seed = '2026'] = process.argv.slice(2);
  fs.mkdirSync(out, { recursive: true });
  const samples = await makeSampleSet(Number(count), Number(seed));
  const expected: Record<string, Sample['expected']> = {};
  for (const sample of samples) {
    fs.writeFileSync(path.join(out, sample.name), sample.body);
    expected[sample.name] = sample.expected;
  }
  fs.writeFileSync(path.join(out, 'expected.json'), JSON.stringify(expected, null, 2));
  console.log(`${samples.length} files in ${out}`);
}
