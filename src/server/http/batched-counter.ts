import { sql } from 'kysely';
import type { Db } from '../db/database.js';

interface Allowance {
  /** Hits this process has reserved in the shared row and not served yet. */
  left: number;
  /** The shared window's end (ms since the epoch). */
  resetAt: number;
  /** The shared row reached the limit: nothing more can be reserved in this window. */
  exhausted: boolean;
  /** The reservation under way; other hits for the caller wait for it instead of making their own. */
  reserving?: Promise<void>;
}

/**
 * A limit of hits per caller in fixed windows, shared by every Konok process through
 * `rate_limits`, without a database write per request: a process reserves a few hits at a time
 * in the caller's shared row (one atomic statement, never past the limit) and serves them from
 * memory. The shared row counts every hit any process may serve, so together they never serve
 * more than the limit; what a process reserved and did not serve is lost with the window. A
 * burst may be refused a little early, never served late.
 */
export class BatchedCounter {
  private readonly callers = new Map<string, Allowance>();

  constructor(
    private readonly db: Db,
    private readonly options: { prefix: string; windowMs: number; maxBatch: number },
  ) {}

  /** Counts one hit for `key`: allowed while the caller is within `limit` in the window. */
  async hit(key: string, limit: number): Promise<{ allowed: boolean; msLeft: number }> {
    for (;;) {
      let allowance = this.callers.get(key);
      if (allowance?.reserving) {
        await allowance.reserving;
        continue;
      }
      const now = Date.now();
      if (!allowance || allowance.resetAt <= now) {
        allowance = { left: 0, resetAt: 0, exhausted: false };
        this.callers.set(key, allowance);
        this.forgetEnded(now);
      }
      if (allowance.left > 0) {
        allowance.left -= 1;
        return { allowed: true, msLeft: allowance.resetAt - now };
      }
      if (allowance.exhausted) return { allowed: false, msLeft: allowance.resetAt - now };
      const reserving = this.reserve(key, allowance, limit);
      allowance.reserving = reserving;
      try {
        await reserving;
      } finally {
        allowance.reserving = undefined;
      }
    }
  }

  /**
   * Takes up to a batch of hits from the shared row. A batch is small next to the limit (an
   * eighth), so that processes which each hold one leave little unused.
   */
  private async reserve(key: string, allowance: Allowance, limit: number): Promise<void> {
    const batch = Math.max(1, Math.min(this.options.maxBatch, Math.ceil(limit / 8)));
    const { rows } = await sql<{ hits: number; ms_left: number }>`
      insert into rate_limits as l (key, hits, reset_at)
      values (${this.options.prefix + key}, ${batch}, now() + ${this.options.windowMs} * interval '1 millisecond')
      on conflict (key) do update set
        hits = case when l.reset_at <= now() then excluded.hits else l.hits + excluded.hits end,
        reset_at = case when l.reset_at <= now() then excluded.reset_at else l.reset_at end
      returning hits, greatest(0, ceil(extract(epoch from reset_at - now()) * 1000))::int as ms_left
    `.execute(this.db);
    const { hits, ms_left: msLeft } = rows[0]!;
    // The row held hits - batch before this statement: what is left of the limit is ours.
    const granted = Math.max(0, Math.min(batch, limit - (hits - batch)));
    allowance.resetAt = Date.now() + msLeft;
    allowance.left += granted;
    if (granted < batch) allowance.exhausted = true;
  }

  /** Callers whose window ended are forgotten, so that the map does not grow with every address. */
  private forgetEnded(now: number) {
    if (this.callers.size < 10_000) return;
    for (const [key, allowance] of this.callers)
      if (allowance.resetAt <= now && !allowance.reserving) this.callers.delete(key);
  }
}
