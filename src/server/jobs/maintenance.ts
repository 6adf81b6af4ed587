import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { deleteExpiredCounters } from '../http/rate-limit.repo.js';
import { sweepOrphanFiles } from '../modules/documents/documents.service.js';
import { sweepIdempotencyKeys } from '../modules/idempotency/idempotency.js';

/**
 * Housekeeping every few minutes: expired rate-limit counters, idempotency keys past their day,
 * files a crash left with no row.
 */
export function startMaintenance(ctx: AppContext, log: FastifyBaseLogger, everyMs = 10 * 60_000) {
  const run = async () => {
    try {
      await deleteExpiredCounters(ctx.db);
      await sweepIdempotencyKeys(ctx.db);
      const removed = await sweepOrphanFiles(ctx);
      if (removed) log.info({ removed }, 'removed stored files no row refers to');
    } catch (error) {
      log.warn({ err: (error as Error).message }, 'maintenance run failed');
    }
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
