import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../logger.js';
import { briefError } from '../../shared/brief-error.js';
import type { OffsetClock } from '../../shared/clock.js';
import { PgListener } from '../../shared/pg-listener.js';
import { DEMO_CLOCK_CHANNEL, readDemoClockOffset } from './demo-clock.service.js';

/**
 * Keeps a process's OffsetClock on the database's demo clock (development only): reads it at start, follows every
 * move by LISTEN/NOTIFY (the payload is the offset), and reads it again after a lost LISTEN connection comes back.
 * The API replicas and a separate worker process therefore agree on "now" within a notification's delay.
 */
export class DemoClockFollower {
  private constructor(private readonly listener: PgListener) {}

  static async start(options: { orm: MikroORM; databaseUrl: string; clock: OffsetClock; logger: Logger }): Promise<DemoClockFollower> {
    const { orm, clock, logger } = options;
    const reread = () =>
      readDemoClockOffset(orm.em.fork())
        .then((ms) => clock.setOffset(ms))
        .catch((error: unknown) => logger.warn({ error: briefError(error) }, 'demo clock: reading the offset failed'));
    const listener = new PgListener({
      url: options.databaseUrl,
      channel: DEMO_CLOCK_CHANNEL,
      logger,
      onNotification: (payload) => {
        const ms = Number(payload);
        if (Number.isSafeInteger(ms) && ms >= 0) clock.setOffset(ms);
      },
      onReconnect: () => void reread(),
    });
    await listener.start();
    await reread();
    return new DemoClockFollower(listener);
  }

  close(): Promise<void> {
    return this.listener.close();
  }
}
