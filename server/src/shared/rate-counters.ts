import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from './clock.js';

export interface CounterHit {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Whole seconds (at least 1) until the window ends. */
  secondsLeft: number;
}

/** Expired rows are deleted now and then by whoever is counting (about one hit in this many). */
const PURGE_ONE_IN = 500;

/**
 * Fixed-window counters shared by all API replicas: each hit is ONE statement (`insert … on conflict do update …
 * returning`), so concurrent hits on one key are serialised by PostgreSQL's row lock and each sees its own count —
 * a check-then-record race cannot let 40 parallel requests all pass. Time comes from the injected clock.
 */
export class RateCounters {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /** Counts one hit on `key` in a window of `windowMs` that starts with the first hit after the last one ended. */
  async hit(key: string, windowMs: number): Promise<CounterHit> {
    const now = this.clock.now();
    const [row] = await this.em.getConnection().execute<{ hits: number; window_ends_at: Date }[]>(
      `insert into rate_limit_counters as c (key, hits, window_ends_at) values (?, 1, ?)
       on conflict (key) do update set
         hits = case when c.window_ends_at <= ? then 1 else c.hits + 1 end,
         window_ends_at = case when c.window_ends_at <= ? then excluded.window_ends_at else c.window_ends_at end
       returning hits, window_ends_at`,
      [key, new Date(now.getTime() + windowMs), now, now],
    );
    if (Math.random() * PURGE_ONE_IN < 1) await this.purgeExpired(now);
    return { hits: Number(row.hits), secondsLeft: Math.max(1, Math.ceil((new Date(row.window_ends_at).getTime() - now.getTime()) / 1000)) };
  }

  /** Takes one hit back (an attempt that turned out fine), never below zero. */
  async giveBack(key: string): Promise<void> {
    await this.em.getConnection().execute('update rate_limit_counters set hits = greatest(hits - 1, 0) where key = ?', [key]);
  }

  /** Starts the key afresh. */
  async forget(key: string): Promise<void> {
    await this.em.getConnection().execute('delete from rate_limit_counters where key = ?', [key]);
  }

  private async purgeExpired(now: Date): Promise<void> {
    await this.em.getConnection().execute('delete from rate_limit_counters where window_ends_at < ?', [now]);
  }
}
