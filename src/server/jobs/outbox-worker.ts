import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.js';
import {
  claimDueMessages,
  markFailedAttempt,
  markSent,
} from '../modules/notifications/notifications.repo.js';
import type { Transport } from '../modules/notifications/transports.js';

const MAX_ATTEMPTS = 8;
const BATCH = 20;

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
}): OutboxWorker {
  const { db, transports, log } = options;
  let stopped = false;
  let running: Promise<number> = Promise.resolve(0);

  const runOnce = () =>
    db.transaction().execute(async (tx) => {
      const due = await claimDueMessages(tx, BATCH);
      for (const message of due) {
        const transport = transports[message.channel];
        try {
          await transport.send(message);
          await markSent(tx, message.id, transport.name, transport.keepsBody);
        } catch (error) {
          const attempts = message.attempts + 1;
          const retryAt = attempts >= MAX_ATTEMPTS ? null : new Date(Date.now() + retryDelayMs(attempts));
          // The id and the reason only: recipients and bodies are personal data.
          log.warn(
            { outboxId: message.id, channel: message.channel, attempts, err: (error as Error).message },
            'notification not delivered',
          );
          await markFailedAttempt(tx, message.id, { error: (error as Error).message, retryAt });
        }
      }
      return due.length;
    });

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
