import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { checkQuietPayments } from '../modules/payments/payments.service.js';

/** Asks the acquirer about quiet payments and sends refunds again, every few seconds. */
export function startPaymentChecks(ctx: AppContext, log: FastifyBaseLogger, everyMs = 15_000) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    checkQuietPayments(ctx)
      .catch((error: Error) => log.warn({ err: error.message }, 'payment status check failed'))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
