import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface PdfLimits {
  /** A passport page comes as a PDF of a page or two; more is not a passport scan. */
  maxPages: number;
  /** The rendered page's longest side, in pixels: the page is scaled down to it, never up past it. */
  maxSide: number;
  /** Rendering is stopped here (a crafted PDF can take long to draw): its thread is ended. */
  timeoutMs: number;
}

export const PDF_LIMITS: PdfLimits = { maxPages: 20, maxSide: 2400, timeoutMs: 15_000 };

export class PdfError extends Error {}

// The standard 14 fonts ship with pdfjs-dist: text drawn in them renders with no system font.
const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const fonts = {
  standardFontDataUrl: `${pathToFileURL(path.join(pdfjsRoot, 'standard_fonts')).href}/`,
  cMapUrl: `${pathToFileURL(path.join(pdfjsRoot, 'cmaps')).href}/`,
};

const workerUrl = new URL('./pdf-render.worker.mjs', import.meta.url);

interface Pending {
  resolve: (page: RenderedPage) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export interface RenderedPage {
  /** RGBA, row by row. */
  data: Buffer;
  width: number;
  height: number;
}

let renderer: { worker: Worker; pending: Map<number, Pending> } | undefined;
let nextId = 1;

/** The rendering thread, started on the first PDF and kept for the next (pdfjs takes a while to load). */
function startRenderer() {
  // Plain JavaScript with no loader: execArgv empty so no TypeScript loader comes along.
  const worker = new Worker(workerUrl, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 512 } });
  const pending = new Map<number, Pending>();
  const current = { worker, pending };
  const fail = (error: Error) => {
    for (const job of pending.values()) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    pending.clear();
    if (renderer === current) renderer = undefined;
  };
  worker.on(
    'message',
    (message: { id: number; page?: { data: Uint8Array; width: number; height: number }; error?: string }) => {
      const job = pending.get(message.id);
      if (!job) return;
      pending.delete(message.id);
      clearTimeout(job.timer);
      if (message.page) {
        const { data, width, height } = message.page;
        job.resolve({ data: Buffer.from(data.buffer, data.byteOffset, data.length), width, height });
      } else job.reject(new PdfError(message.error ?? 'rendering failed'));
    },
  );
  worker.on('error', (error) => fail(new PdfError(error.message)));
  worker.on('exit', () => fail(new PdfError('renderer stopped')));
  worker.unref();
  return current;
}

/**
 * Renders the first page of a PDF to raw RGBA pixels with npm packages only (pdfjs-dist drawing
 * on @napi-rs/canvas): no poppler or other system program is needed.
 */
export function renderFirstPage(body: Buffer, limits: PdfLimits = PDF_LIMITS): Promise<RenderedPage> {
  renderer ??= startRenderer();
  const { worker, pending } = renderer;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new PdfError('rendering took too long'));
      // The only way to stop a render that is still drawing; the next PDF starts a new thread.
      if (renderer?.worker === worker) renderer = undefined;
      void worker.terminate();
    }, limits.timeoutMs);
    pending.set(id, { resolve, reject, timer });
    worker.postMessage({ id, body: new Uint8Array(body), limits, fonts });
  });
}
