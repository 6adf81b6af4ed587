import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { MrzReading } from './read-mrz.js';

export class MrzBusyError extends Error {
  constructor(public readonly retryAfterSeconds: number) {
    super('mrz readers busy');
  }
}

interface Job {
  id: number;
  body: Buffer;
  resolve: (reading: MrzReading) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
}

export interface MrzPoolOptions {
  /** Worker threads; default: one per CPU core. */
  size?: number;
  /** Jobs allowed to wait beyond the running ones; more get MrzBusyError (503 + Retry-After). */
  queueLimit?: number;
  /** Per image; a worker past it is replaced and the image reported unreadable. */
  timeoutMs?: number;
}

const workerUrl = new URL('./mrz-worker-entry.mjs', import.meta.url);

/** A fixed set of OCR worker threads with a bounded queue. */
export class MrzPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  readonly size: number;
  private readonly queueLimit: number;
  private readonly timeoutMs: number;
  private closed = false;

  constructor(options: MrzPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? os.availableParallelism());
    this.queueLimit = options.queueLimit ?? this.size * 4;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    for (let i = 0; i < this.size; i++) this.slots.push({ worker: this.spawn() });
  }

  private spawn(): Worker {
    // The worker is TypeScript: load it through tsx, as the main process is.
    // Memory is bounded per worker: images by their pixel limit (40 MP) before decoding, the
    // JavaScript heap here; the queue holds at most queueLimit uploads of ≤ 5 MB.
    const worker = new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
    worker.on('message', (message: { id: number; result?: MrzReading; error?: string }) =>
      this.finish(worker, message),
    );
    worker.on('error', () => this.replace(worker, { status: 'unreadable', uncertain: [] }));
    worker.unref();
    return worker;
  }

  read(body: Buffer): Promise<MrzReading> {
    if (this.closed) return Promise.reject(new Error('pool closed'));
    const waiting = this.queue.length;
    if (waiting >= this.queueLimit) {
      throw new MrzBusyError(Math.ceil((waiting / this.size) * 1.5 + 1));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, body, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch() {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(
        () => this.replace(slot.worker, { status: 'unreadable', uncertain: [] }),
        this.timeoutMs,
      );
      slot.worker.postMessage({ id: job.id, body: job.body });
    }
  }

  private finish(worker: Worker, message: { id: number; result?: MrzReading; error?: string }) {
    const slot = this.slots.find((s) => s.worker === worker);
    if (!slot?.job || slot.job.id !== message.id) return;
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    if (message.result) job.resolve(message.result);
    else job.reject(new Error(message.error ?? 'mrz reader failed'));
    this.dispatch();
  }

  /** A stuck or crashed worker: its image is answered, and a fresh thread takes its place. */
  private replace(worker: Worker, answer: MrzReading) {
    const slot = this.slots.find((s) => s.worker === worker);
    if (!slot) return;
    clearTimeout(slot.timer);
    slot.job?.resolve(answer);
    slot.job = undefined;
    void worker.terminate();
    if (!this.closed) slot.worker = this.spawn();
    this.dispatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('pool closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
