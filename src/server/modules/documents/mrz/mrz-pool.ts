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
  /** The worker has loaded its reader and may be given an image. */
  ready: boolean;
  job?: Job;
  /** The image's time limit, or, before the worker is ready, its start-up limit. */
  timer?: NodeJS.Timeout;
}

export interface MrzPoolOptions {
  /** Worker threads; default: one per CPU core. */
  size?: number;
  /** Jobs allowed to wait beyond the running ones; more get MrzBusyError (503 + Retry-After). */
  queueLimit?: number;
  /** Per image, counted from when a ready worker takes it; a worker past it is replaced and the image reported unreadable. */
  timeoutMs?: number;
  /** For a worker to load its reader; one that does not is replaced, and the images waiting are reported unreadable. */
  startupTimeoutMs?: number;
  /** The worker's entry module (tests start a stand-in). */
  workerUrl?: URL;
}

type WorkerMessage =
  { ready: true } | { ready: false; error: string } | { id: number; result?: MrzReading; error?: string };

const UNREADABLE: MrzReading = { status: 'unreadable', uncertain: [] };
const defaultWorkerUrl = new URL('./mrz-worker-entry.mjs', import.meta.url);

/** A fixed set of OCR worker threads with a bounded queue. */
export class MrzPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  readonly size: number;
  private readonly queueLimit: number;
  private readonly timeoutMs: number;
  private readonly startupTimeoutMs: number;
  private readonly workerUrl: URL;
  private closed = false;

  constructor(options: MrzPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? os.availableParallelism());
    this.queueLimit = options.queueLimit ?? this.size * 4;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.startupTimeoutMs = options.startupTimeoutMs ?? 120_000;
    this.workerUrl = options.workerUrl ?? defaultWorkerUrl;
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    // The worker is TypeScript: load it through tsx, as the main process is.
    // Memory is bounded per worker: images by their pixel limit (40 MP) before decoding, the
    // JavaScript heap here; the queue holds at most queueLimit uploads of ≤ 5 MB.
    const worker = new Worker(this.workerUrl, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
    const slot: Slot = { worker, ready: false };
    slot.timer = setTimeout(() => this.failedToStart(slot), this.startupTimeoutMs);
    worker.on('message', (message: WorkerMessage) => this.receive(slot, message));
    worker.on('error', () => (slot.ready ? this.replace(slot) : this.failedToStart(slot)));
    worker.unref();
    return slot;
  }

  read(body: Buffer): Promise<MrzReading> {
    if (this.closed) return Promise.reject(new Error('pool closed'));
    // Images beyond what the readers (started or starting) can take at once wait, up to the limit.
    const waiting = this.queue.length + 1 - this.slots.filter((slot) => !slot.job).length;
    if (waiting > this.queueLimit) {
      throw new MrzBusyError(Math.ceil((this.queue.length / this.size) * 1.5 + 1));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, body, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch() {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => this.replace(slot), this.timeoutMs);
      slot.worker.postMessage({ id: job.id, body: job.body });
    }
  }

  private receive(slot: Slot, message: WorkerMessage) {
    if (!this.slots.includes(slot)) return;
    if ('ready' in message) {
      if (!message.ready) return this.failedToStart(slot);
      clearTimeout(slot.timer);
      slot.ready = true;
      return this.dispatch();
    }
    if (slot.job?.id !== message.id) return;
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    if (message.result) job.resolve(message.result);
    else job.reject(new Error(message.error ?? 'mrz reader failed'));
    this.dispatch();
  }

  /**
   * A reader that cannot start (its data missing, out of memory): the images waiting for one are
   * answered as unreadable rather than held until the host gives up, and a fresh thread tries again.
   */
  private failedToStart(slot: Slot) {
    if (!this.slots.includes(slot)) return;
    if (!this.slots.some((other) => other !== slot && other.ready))
      for (const job of this.queue.splice(0)) job.resolve(UNREADABLE);
    this.replace(slot);
  }

  /** A stuck or crashed worker: its image is answered, and a fresh thread takes its place. */
  private replace(slot: Slot) {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    clearTimeout(slot.timer);
    slot.job?.resolve(UNREADABLE);
    void slot.worker.terminate();
    if (this.closed) this.slots.splice(index, 1);
    else this.slots[index] = this.spawn();
    this.dispatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('pool closed'));
    for (const slot of this.slots) clearTimeout(slot.timer);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
