import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import countries from 'i18n-iso-countries';
import QRCode from 'qrcode';
import type { Language } from '../../../shared/profiles/index.js';

const require = createRequire(import.meta.url);
// DejaVu from npm: Cyrillic with the Kyrgyz ң ө ү, and no system font needed.
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
// Parsed once and shared by every document: parsing the font tables is most of a PDF's cost otherwise.
const FONTS = {
  regular: fontkit.create(fs.readFileSync(path.join(fontDir, 'DejaVuSans.ttf'))),
  bold: fontkit.create(fs.readFileSync(path.join(fontDir, 'DejaVuSans-Bold.ttf'))),
  condensed: fontkit.create(fs.readFileSync(path.join(fontDir, 'DejaVuSansCondensed.ttf'))),
};
for (const language of ['en', 'ru', 'ky'] as const)
  countries.registerLocale(require(`i18n-iso-countries/langs/${language}.json`));

/** The fonts as `regular`, `bold` and `condensed`, embedded as subsets. */
export function registerFonts(doc: PDFKit.PDFDocument) {
  // pdfkit takes a parsed fontkit font as well as a file (its types say only the latter).
  for (const [name, font] of Object.entries(FONTS)) doc.registerFont(name, font as unknown as Buffer);
}

/** The document's bytes once `doc.end()` is called. */
export function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
}

/**
 * The QR of `url` drawn as vector squares, sharp at any printer's resolution, in a square of
 * `size` at (x, y) that includes the quiet zone of four modules each side.
 */
export function drawQr(doc: PDFKit.PDFDocument, url: string, at: { x: number; y: number; size: number }) {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const cells = qr.modules.size + 8;
  const cell = at.size / cells;
  doc.save().fillColor('#000000');
  for (let row = 0; row < qr.modules.size; row++) {
    let run = -1;
    for (let col = 0; col <= qr.modules.size; col++) {
      const dark = col < qr.modules.size && qr.modules.get(row, col);
      if (dark && run < 0) run = col;
      if (!dark && run >= 0) {
        // A hair taller than a module: no light seams between rows when rasterised.
        doc.rect(at.x + (run + 4) * cell, at.y + (row + 4) * cell, (col - run) * cell, cell + 0.05);
        run = -1;
      }
    }
  }
  doc.fill().restore();
}

/** A country by its alpha-3 code and its name in each language: «DEU — Германия / Germany». */
export function countryName(code: string, languages: readonly Language[]): string {
  const names = languages.map((l) => countries.getName(code, l) ?? code);
  return `${code} — ${[...new Set(names)].join(' / ')}`;
}

/** A horizontal line across the text column. */
export function drawLine(
  doc: PDFKit.PDFDocument,
  {
    left,
    width,
    y,
    weight,
    color,
  }: { left: number; width: number; y: number; weight: number; color: string },
) {
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(weight)
    .strokeColor(color)
    .stroke();
}

/**
 * The issuing authority at the head of a document: the ministry in each language, one line each,
 * then its department in all of them on one line, and a rule. Returns the rule's height on the page.
 */
export function drawAuthority(
  doc: PDFKit.PDFDocument,
  issuer: { languages: readonly Language[]; authority: Partial<Record<Language, readonly string[]>> },
  at: { left: number; width: number; y: number; size: number },
): number {
  const { left, width } = at;
  let y = at.y;
  for (const language of issuer.languages) {
    doc
      .font('bold')
      .fontSize(at.size)
      .fillColor('#111111')
      .text(issuer.authority[language]?.[0] ?? '', left, y, { width, align: 'center' });
    y = doc.y;
  }
  const department = issuer.languages
    .map((l) => issuer.authority[l]?.[1])
    .filter(Boolean)
    .join(' / ');
  doc
    .font('regular')
    .fontSize(at.size - 0.5)
    .fillColor('#4a4a4a')
    .text(department, left, y + 1, { width, align: 'center' });
  y = doc.y + 4;
  drawLine(doc, { left, width, y, weight: 0.8, color: '#111111' });
  return y;
}
