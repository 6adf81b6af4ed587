import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { AppError } from './errors.js';
import { countHit, readHits } from './rate-limit.repo.js';

/** Route config for @fastify/rate-limit: at most `max` requests per client address in `minutes`. */
export const routeRateLimit = (ctx: AppContext, max: number, minutes: number) => ({
  rateLimit: { max: max * ctx.rateLimitFactor, timeWindow: minutes * 60_000 },
});

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit that keeps its counters in PostgreSQL, so every Konok process
 * behind a load balancer counts against the same limit.
 */
export function postgresRateLimitStore(db: Db) {
  return class PostgresRateLimitStore {
    private readonly prefix: string;
    // The plugin constructs the store with its options; children pass their key prefix.
    constructor(prefix?: unknown) {
      this.prefix = typeof prefix === 'string' ? prefix : 'route:';
    }

    incr(key: string, callback: Callback, timeWindow: number) {
      countHit(db, this.prefix + key, timeWindow).then(
        ({ hits, msLeft }) => callback(null, { current: hits, ttl: msLeft }),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Callback) {
      readHits(db, this.prefix + key).then(
        ({ hits, msLeft }) => callback(null, { current: hits, ttl: msLeft }),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: object) {
      // The plugin passes the route's merged options with `routeInfo` (its method and URL).
      const { method, url } =
        (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo ?? {};
      return new PostgresRateLimitStore(`${this.prefix}${String(method)} ${url}:`);
    }
  };
}

/**
 * A limit counted in the shared table for any key (a signup ticket, a host): past `max` hits in
 * the window, a 429 that says how long to wait.
 */
export async function enforceLimit(
  db: Db,
  options: { key: string; max: number; windowMs: number; messageKey?: string },
): Promise<void> {
  const { hits, msLeft } = await countHit(db, options.key, options.windowMs);
  if (hits > options.max) {
    const seconds = Math.max(1, Math.ceil(msLeft / 1000));
    throw new AppError({
      status: 429,
      code: 'rate_limited',
      messageKey: options.messageKey ?? 'errors.rateLimited',
      details: { seconds },
    });
  }
}
