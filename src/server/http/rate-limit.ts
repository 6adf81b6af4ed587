import type { AppContext } from '../context.js';

/** Route config for @fastify/rate-limit: at most `max` requests per client address in `minutes`. */
export const routeRateLimit = (ctx: AppContext, max: number, minutes: number) => ({
  rateLimit: { max: max * ctx.rateLimitFactor, timeWindow: minutes * 60_000 },
});
