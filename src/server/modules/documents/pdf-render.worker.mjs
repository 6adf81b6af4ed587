// Renders PDF pages in a thread of its own, as plain JavaScript: pdfjs-dist is loaded natively
// (through the TypeScript loader it would take some 150 MB more per thread), and a PDF that
// renders for too long is stopped by ending this thread.
import { parentPort } from 'node:worker_threads';
import { createCanvas } from '@napi-rs/canvas';

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');

/** 200 dpi: the MRZ's characters come out about 40 px high, where the OCR reads best. */
const DPI = 200;

async function renderFirstPage(body, limits, fonts) {
  const task = pdfjs.getDocument({
    data: body,
    isEvalSupported: false,
    useSystemFonts: false,
    standardFontDataUrl: fonts.standardFontDataUrl,
    cMapUrl: fonts.cMapUrl,
    cMapPacked: true,
    verbosity: 0,
  });
  try {
    const document = await task.promise;
    if (document.numPages > limits.maxPages) throw new Error('too many pages');
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
    await page.render({ canvas, canvasContext: context, viewport }).promise;
    const pixels = context.getImageData(0, 0, width, height);
    return { data: pixels.data, width, height };
  } finally {
    await task.destroy().catch(() => {});
  }
}

parentPort.on('message', async ({ id, body, limits, fonts }) => {
  try {
    const page = await renderFirstPage(body, limits, fonts);
    parentPort.postMessage({ id, page }, [page.data.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
