import type { Logger } from '../logger.js';
import { PgListener } from '../shared/pg-listener.js';

export const OUTBOX_CHANNEL = 'returnhub_outbox';

/**
 * Runs the outbox relay as soon as a change commits: a trigger NOTIFYs on every outbox insert, this loop
 * LISTENs and relays. A periodic sweep catches anything a lost connection missed. One pass at a time per
 * process; several processes are safe together (the relay claims rows with SKIP LOCKED).
 */
export class OutboxRelayLoop {
  private readonly listener: PgListener;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly options: { databaseUrl: string; logger: Logger; relay: () => Promise<number>; sweepMs?: number },
  ) {
    this.listener = new PgListener({
      url: options.databaseUrl,
      channel: OUTBOX_CHANNEL,
      logger: options.logger,
      onNotification: () => this.kick(),
      onReconnect: () => this.kick(),
    });
  }

  async start(): Promise<void> {
    await this.listener.start();
    this.timer = setInterval(() => this.kick(), this.options.sweepMs ?? 10_000);
    this.timer.unref();
    this.kick();
  }

  /** Asks for a pass; a request during a pass runs one more pass after it. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async pass(): Promise<void> {
    try {
      const moved = await this.options.relay();
      if (moved > 0) this.options.logger.debug({ moved }, 'outbox relayed');
    } catch (error) {
      this.options.logger.error({ err: error }, 'outbox relay failed; the next pass retries');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.listener.close();
  }
}
