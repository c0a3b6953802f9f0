import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { badInput, forbidden } from '../../errors/domain-error.js';
import { type Clock, HOUR_MS, OffsetClock } from '../../shared/clock.js';
import { TaskName, queueJobs } from '../../shared/job-queue.js';
import type { DemoClockState } from './demo-clock.types.js';

/** The channel every process LISTENs on for a moved demo clock; the payload is the new offset in ms. */
export const DEMO_CLOCK_CHANNEL = 'demo_clock';
/** At most a year ahead: enough to see every timer of SPEC §5, little enough to stay readable. */
export const MAX_DEMO_OFFSET_HOURS = 24 * 366;

export async function readDemoClockOffset(em: EntityManager): Promise<number> {
  const [row] = await em.execute<Array<{ offset_ms: string }>>('select offset_ms from demo_clock where id = 1');
  return row ? Number(row.offset_ms) : 0;
}

/**
 * The development demo clock (issue 19 §18): admins move time forward so the 48-hour and 7-day rules can be seen
 * without waiting. Never in production: there the query answers null and the mutation FORBIDDEN.
 */
export class DemoClock {
  constructor(
    private readonly em: EntityManager,
    private readonly config: Pick<Config, 'isProduction'>,
    private readonly clock: Clock,
  ) {}

  async state(): Promise<DemoClockState | null> {
    if (this.config.isProduction) return null;
    const offsetMs = await readDemoClockOffset(this.em);
    this.follow(offsetMs);
    return { now: this.clock.now(), offsetHours: Math.round(offsetMs / HOUR_MS) };
  }

  /** Moves the clock by `hours` (negative goes back, never before the real time), then runs the timers at once. */
  async advance(hours: number): Promise<DemoClockState> {
    if (this.config.isProduction) throw forbidden('The demo clock exists only in development.');
    if (!Number.isInteger(hours) || hours === 0 || Math.abs(hours) > MAX_DEMO_OFFSET_HOURS) {
      throw badInput(`Move the clock by a whole number of hours between -${MAX_DEMO_OFFSET_HOURS} and ${MAX_DEMO_OFFSET_HOURS}, not 0.`, { field: 'hours' });
    }
    const offsetMs = await this.em.transactional(async (tx) => {
      const [row] = await tx.execute<Array<{ offset_ms: string }>>('select offset_ms from demo_clock where id = 1 for update');
      const next = (row ? Number(row.offset_ms) : 0) + hours * HOUR_MS;
      if (next < 0 || next > MAX_DEMO_OFFSET_HOURS * HOUR_MS) throw badInput('The demo clock cannot go back before the real time, nor more than a year ahead.', { field: 'hours' });
      await tx.execute('insert into demo_clock (id, offset_ms, updated_at) values (1, ?, now()) on conflict (id) do update set offset_ms = excluded.offset_ms, updated_at = now()', [next]);
      await tx.execute('select pg_notify(?, ?)', [DEMO_CLOCK_CHANNEL, String(next)]);
      // The timers run now, not at the next minute's cron tick, so the effects show at once.
      queueJobs(tx, [{ task: TaskName.RUN_SCHEDULED_MOVES, payload: {}, jobKey: 'demo-clock-moved' }]);
      return next;
    });
    this.follow(offsetMs);
    return { now: this.clock.now(), offsetHours: Math.round(offsetMs / HOUR_MS) };
  }

  /** This process follows at once; the others through the NOTIFY (DemoClockFollower). */
  private follow(offsetMs: number): void {
    if (this.clock instanceof OffsetClock) this.clock.setOffset(offsetMs);
  }
}
