// Batch MRZ reading: `npm run --silent mrz -- FILE...` prints one JSON object per file, per line.
import fs from 'node:fs';
import { MrzPool } from '../src/server/modules/documents/mrz/mrz-pool';
import { toMrzResponse } from '../src/server/modules/documents/mrz/mrz-response';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('Usage: npm run --silent mrz -- FILE...');
  process.exit(2);
}
// Nobody waits on a page here: a file may take what a busy machine needs (a first PDF loads the
// renderer and the OCR model in the worker).
const pool = new MrzPool({ queueLimit: files.length, timeoutMs: 120_000 });
await Promise.all(
  files.map(async (file) => {
    const started = performance.now();
    let body: Buffer;
    try {
      body = fs.readFileSync(file);
    } catch {
      console.log(JSON.stringify({ file, status: 'bad-file', uncertain: [], ms: 0 }));
      return;
    }
    const reading = await pool.read(body).catch(() => ({ status: 'unreadable' as const, uncertain: [] }));
    console.log(
      JSON.stringify({ file, ...toMrzResponse(reading), ms: Math.round(performance.now() - started) }),
    );
  }),
);
await pool.close();
