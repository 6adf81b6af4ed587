import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MrzPool } from './mrz-pool';

// Stand-in readers: real worker threads speaking the pool's protocol, with a start-up and a
// reading time chosen by the test, so the pool's clock is tested without OCR's variance.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'konok-mrz-pool-'));
function standIn(name: string, startupMs: number | 'never' | 'fails', readMs: number): URL {
  const file = path.join(dir, `${name}.mjs`);
  fs.writeFileSync(
    file,
    `import { parentPort } from 'node:worker_threads';
${
  startupMs === 'never'
    ? ''
    : startupMs === 'fails'
      ? `parentPort.postMessage({ ready: false, error: 'no trained data' });`
      : `setTimeout(() => parentPort.postMessage({ ready: true }), ${startupMs});`
}
parentPort.on('message', (m) => setTimeout(() => parentPort.postMessage({ id: m.id, result: { status: 'ok', uncertain: [], bytes: m.body.length } }), ${readMs}));
`,
  );
  return pathToFileURL(file);
}

const pools: MrzPool[] = [];
const pool = (options: ConstructorParameters<typeof MrzPool>[0]) => {
  const made = new MrzPool(options);
  pools.push(made);
  return made;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the passport readers’ pool', () => {
  it('gives an image its whole time once a reader has started, however long starting took', async () => {
    // Starting (600 ms) is longer than an image's limit (400 ms); reading takes 100 ms.
    const slowStart = pool({ size: 1, timeoutMs: 400, workerUrl: standIn('slow-start', 600, 100) });
    const reading = await slowStart.read(Buffer.from('page'));
    expect(reading).toMatchObject({ status: 'ok', bytes: 4 });
  });

  it('still reports an image unreadable when reading it takes longer than its limit', async () => {
    const slowRead = pool({ size: 1, timeoutMs: 150, workerUrl: standIn('slow-read', 0, 1_000) });
    expect(await slowRead.read(Buffer.from('page'))).toEqual({ status: 'unreadable', uncertain: [] });
    // The stuck reader was replaced: the next image is read by a fresh one (which is slow too).
    expect(await slowRead.read(Buffer.from('page'))).toEqual({ status: 'unreadable', uncertain: [] });
  });

  it('answers the waiting images as unreadable when no reader can start, instead of holding them', async () => {
    const neverReady = pool({
      size: 1,
      timeoutMs: 100,
      startupTimeoutMs: 300,
      workerUrl: standIn('never', 'never', 0),
    });
    const started = Date.now();
    const readings = await Promise.all([
      neverReady.read(Buffer.from('a')),
      neverReady.read(Buffer.from('b')),
    ]);
    expect(readings).toEqual([
      { status: 'unreadable', uncertain: [] },
      { status: 'unreadable', uncertain: [] },
    ]);
    expect(Date.now() - started).toBeLessThan(3_000);

    const broken = pool({ size: 1, workerUrl: standIn('fails', 'fails', 0) });
    expect(await broken.read(Buffer.from('c'))).toEqual({ status: 'unreadable', uncertain: [] });
  });
});

describe('how many images may wait', () => {
  it('lets each reader take one and queueLimit more wait, started or still starting', async () => {
    for (const startupMs of [0, 300]) {
      const limited = pool({
        size: 1,
        queueLimit: 1,
        workerUrl: standIn(`limit-${startupMs}`, startupMs, 200),
      });
      if (startupMs === 0) await new Promise((resolve) => setTimeout(resolve, 150));
      const first = limited.read(Buffer.from('1'));
      const second = limited.read(Buffer.from('2'));
      expect(() => limited.read(Buffer.from('3')), `start-up ${startupMs} ms`).toThrow('mrz readers busy');
      await expect(Promise.all([first, second])).resolves.toHaveLength(2);
    }
  });
});
