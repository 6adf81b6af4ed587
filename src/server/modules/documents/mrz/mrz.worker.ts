// One OCR worker thread: decodes, finds the zone and reads it, off the HTTP event loop.
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { readMrz } from './read-mrz.js';
import { createMrzRecognizer } from './tesseract.js';

// libvips' operation cache keeps decoded images around between pages; a reader needs none of it.
sharp.cache(false);
const recognizer = createMrzRecognizer();
// The pool gives an image its time only once the reader can start on it: loading the trained
// data takes seconds on a cold machine, and must not eat into the first image's budget.
recognizer.then(
  () => parentPort!.postMessage({ ready: true }),
  (error: Error) => parentPort!.postMessage({ ready: false, error: error.message }),
);

parentPort!.on('message', async (message: { id: number; body: Uint8Array }) => {
  try {
    const { recognize } = await recognizer;
    const result = await readMrz(Buffer.from(message.body), recognize);
    parentPort!.postMessage({ id: message.id, result });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: (error as Error).message });
  }
});
