import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * Hits per caller in fixed windows, shared by every Konok process through `rate_limits`, without
 * a database write per request for callers well under their limit: each process counts locally
 * and adds its counts to the shared rows every `flushMs`, reading back the totals. Once a
 * caller's estimate (the total as of the last flush plus this process's hits since) reaches half
 * the limit, every further hit is written at once and judged by the exact shared total.
 */
export class BatchedCounter {
  private readonly pending = new Map<string, number>();
  private readonly shared = new Map<string, { hits: number; resetAt: number }>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: { prefix: string; windowMs: number; flushMs: number },
  ) {}

  /** Counts one hit for `key`; returns the hits in its window so far, this one included. */
  async hit(key: string, limit: number): Promise<{ hits: number; msLeft: number }> {
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    let estimate = this.estimate(key);
    if (estimate.hits * 2 >= limit) {
      await this.flush();
      estimate = this.estimate(key);
    } else this.schedule();
    return estimate;
  }

  private estimate(key: string, now = Date.now()) {
    const known = this.shared.get(key);
    const current = known && known.resetAt > now ? known : undefined;
    return {
      hits: (current?.hits ?? 0) + (this.pending.get(key) ?? 0),
      msLeft: current ? current.resetAt - now : this.options.windowMs,
    };
  }

  private schedule() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch(() => undefined);
    }, this.options.flushMs);
    this.timer.unref();
  }

  /** Adds this process's counts to the shared rows and learns the totals. */
  async flush(): Promise<void> {
    await this.flushing;
    if (this.pending.size === 0) return;
    const batch = [...this.pending];
    this.pending.clear();
    this.flushing = (async () => {
      try {
        const { rows } = await sql<{ key: string; hits: number; reset_at: Date }>`
          insert into rate_limits as l (key, hits, reset_at)
          select k, h, now() + ${this.options.windowMs} * interval '1 millisecond'
          from unnest(${batch.map(([k]) => this.options.prefix + k)}::text[], ${batch.map(([, h]) => h)}::int[]) as b(k, h)
          on conflict (key) do update set
            hits = case when l.reset_at <= now() then excluded.hits else l.hits + excluded.hits end,
            reset_at = case when l.reset_at <= now() then excluded.reset_at else l.reset_at end
          returning key, hits, reset_at
        `.execute(this.db);
        for (const row of rows)
          this.shared.set(row.key.slice(this.options.prefix.length), {
            hits: row.hits,
            resetAt: row.reset_at.getTime(),
          });
      } catch (error) {
        // Not lost: counted again with the next flush.
        for (const [key, hits] of batch) this.pending.set(key, (this.pending.get(key) ?? 0) + hits);
        throw error;
      }
    })();
    await this.flushing;
    this.flushing = undefined;
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush().catch(() => undefined);
  }
}
