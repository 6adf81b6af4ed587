import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';

export interface PdfLimits {
  /** A passport page comes as a PDF of a page or two; more is not a passport scan. */
  maxPages: number;
  /** The rendered page's longest side, in pixels: the page is scaled down to it, never up past it. */
  maxSide: number;
  /** Rendering stops here (a crafted PDF can take long to draw). */
  timeoutMs: number;
}

export const PDF_LIMITS: PdfLimits = { maxPages: 20, maxSide: 2400, timeoutMs: 15_000 };
/** 200 dpi: the MRZ's characters come out about 40 px high, where the OCR reads best. */
const DPI = 200;

export class PdfError extends Error {}

// The standard 14 fonts ship with pdfjs-dist: text drawn in them renders with no system font.
const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const standardFontDataUrl = `${pathToFileURL(path.join(pdfjsRoot, 'standard_fonts')).href}/`;
const cMapUrl = `${pathToFileURL(path.join(pdfjsRoot, 'cmaps')).href}/`;

/**
 * Renders the first page of a PDF to raw RGBA pixels, inside this process with npm packages only
 * (pdfjs-dist draws on @napi-rs/canvas): no poppler or other system program is needed.
 */
export async function renderFirstPage(
  body: Buffer,
  limits: PdfLimits = PDF_LIMITS,
): Promise<{ data: Buffer; width: number; height: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(body),
    isEvalSupported: false,
    useSystemFonts: false,
    standardFontDataUrl,
    cMapUrl,
    cMapPacked: true,
    verbosity: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PdfError('rendering took too long')), limits.timeoutMs);
  });
  try {
    return await Promise.race([
      (async () => {
        const document = await task.promise;
        if (document.numPages > limits.maxPages) throw new PdfError('too many pages');
        const page = await document.getPage(1);
        const natural = page.getViewport({ scale: DPI / 72 });
        const scale = (DPI / 72) * Math.min(1, limits.maxSide / Math.max(natural.width, natural.height));
        const viewport = page.getViewport({ scale });
        const width = Math.max(1, Math.floor(viewport.width));
        const height = Math.max(1, Math.floor(viewport.height));
        const canvas = createCanvas(width, height);
        const context = canvas.getContext('2d');
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, width, height);
        await page.render({
          canvas: canvas as unknown as HTMLCanvasElement,
          canvasContext: context as unknown as CanvasRenderingContext2D,
          viewport,
        }).promise;
        const pixels = context.getImageData(0, 0, width, height);
        return {
          data: Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.length),
          width,
          height,
        };
      })(),
      timeout,
    ]);
  } catch (error) {
    throw error instanceof PdfError ? error : new PdfError((error as Error).message);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => {});
  }
}
