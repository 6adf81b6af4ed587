import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import { claimDueMessages, markFailedAttempt, markSent } from './notifications.repo.js';
import type { Transport } from './transports.js';

const MAX_ATTEMPTS = 8;
const BATCH = 20;
/**
 * Longer than a batch can take with the transports' time limits (20 messages × ≤ 30 s): a live
 * worker never loses its lease, a dead one's messages are taken again after it.
 */
export const LEASE_MS = 15 * 60_000;

/** 5 s, 10 s, 20 s … capped at 30 min. */
export const retryDelayMs = (attempts: number) => Math.min(5_000 * 2 ** attempts, 30 * 60_000);

export interface OutboxWorker {
  /** Sends every message due now; returns how many were handled. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export function startOutboxWorker(options: {
  db: Db;
  transports: Record<'email' | 'sms', Transport>;
  pollMs: number;
  log: FastifyBaseLogger;
  leaseMs?: number;
}): OutboxWorker {
  const { db, transports, log } = options;
  let stopped = false;
  let running: Promise<number> = Promise.resolve(0);

  // Delivery is at least once: only a crash between a send and its mark sends a message twice.
  const runOnce = async () => {
    const due = await claimDueMessages(db, BATCH, options.leaseMs ?? LEASE_MS);
    for (const message of due) {
      const transport = transports[message.channel];
      try {
        await transport.send(message);
      } catch (error) {
        const attempts = message.attempts + 1;
        const retryAt = attempts >= MAX_ATTEMPTS ? null : new Date(Date.now() + retryDelayMs(attempts));
        // The id and the reason only: recipients and bodies are personal data.
        log.warn(
          { outboxId: message.id, channel: message.channel, attempts, err: (error as Error).message },
          'notification not delivered',
        );
        await markFailedAttempt(db, message.id, { error: (error as Error).message, retryAt });
        continue;
      }
      await markSent(db, message.id, transport.name, transport.keepsBody);
    }
    return due.length;
  };

  const loop = async () => {
    while (!stopped) {
      running = runOnce().catch((error: unknown) => {
        log.error({ err: (error as Error).message }, 'outbox worker run failed');
        return 0;
      });
      const handled = await running;
      if (handled < BATCH) await new Promise((r) => setTimeout(r, options.pollMs).unref());
    }
  };
  void loop();

  return {
    runOnce: () => {
      running = running.then(runOnce, runOnce);
      return running;
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}
