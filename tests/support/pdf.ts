import sharp from 'sharp';
import { renderFirstPage } from '../../src/server/modules/documents/pdf';

/**
 * A PDF's first page as a printer would see it (200 dpi, at most `maxSide` pixels), drawn by the
 * renderer Konok itself uses for PDF uploads (pdfjs on @napi-rs/canvas): no poppler needed.
 */
export async function renderPdf(pdf: Buffer, maxSide = 2400) {
  const page = await renderFirstPage(pdf, { maxPages: 5, maxSide, timeoutMs: 60_000 });
  const png = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 4 } })
    .png()
    .toBuffer();
  return { ...page, png };
}

/** The text of every page, in reading order, as pdfjs extracts it. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await document.destroy();
  return pages.join('\n');
}

export interface PdfFont {
  name: string;
  subtype: string;
  encoding?: string;
  embedded: boolean;
}

/**
 * The fonts a PDF names, read from its dictionaries: each with whether its file is embedded.
 * (PDFKit writes dictionaries uncompressed; only streams are deflated.)
 */
export function pdfFonts(pdf: Buffer): PdfFont[] {
  const text = pdf.toString('latin1');
  const descriptors = new Map<string, boolean>();
  for (const m of text.matchAll(/\/Type\s*\/FontDescriptor([\s\S]*?)>>/g)) {
    const name = /\/FontName\s*\/([^\s/>]+)/.exec(m[1]!)?.[1];
    if (name) descriptors.set(name, /\/FontFile[23]?\s/.test(m[1]!));
  }
  const fonts: PdfFont[] = [];
  for (const m of text.matchAll(/\/Type\s*\/Font\b(?!Descriptor)([\s\S]*?)>>/g)) {
    const name = /\/BaseFont\s*\/([^\s/>]+)/.exec(m[1]!)?.[1];
    const subtype = /\/Subtype\s*\/(\w+)/.exec(m[1]!)?.[1] ?? '';
    const encoding = /\/Encoding\s*\/([\w-]+)/.exec(m[1]!)?.[1];
    // A composite font's file hangs off its descendant, which carries the same name.
    if (name) fonts.push({ name, subtype, encoding, embedded: descriptors.get(name) ?? false });
  }
  return fonts;
}
