import pg from 'pg';
import type { Logger } from '../logger.js';
import { briefError } from './brief-error.js';

export interface PgListenerOptions {
  url: string;
  channel: string;
  logger: Logger;
  onNotification(payload: string): void;
  /** Called after a lost connection is back: notifications sent meanwhile were missed. */
  onReconnect?(): void;
  /** First and longest wait between reconnection attempts. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * One dedicated PostgreSQL connection that LISTENs on a channel (a pooled connection cannot: LISTEN belongs to
 * its session). It reconnects with back-off when the connection drops and says so, because NOTIFYs sent while
 * it was away are lost and the listener's owner has to catch up.
 */
export class PgListener {
  private client: pg.Client | null = null;
  private closed = false;
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private backoffMs: number;

  constructor(private readonly options: PgListenerOptions) {
    this.backoffMs = options.minBackoffMs ?? 500;
  }

  /** Resolves once LISTEN is in place (the first time); later reconnections happen in the background. */
  start(): Promise<void> {
    // A failed first attempt is not remembered: the next caller tries again.
    this.connecting ??= this.connect().catch((error: unknown) => {
      this.connecting = null;
      throw error;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    // Bounded: an attempt nobody answers (a partition) fails and is retried; keep-alive notices a dead peer.
    const client = new pg.Client({ connectionString: this.options.url, application_name: `returnhub-listen-${this.options.channel}`, connectionTimeoutMillis: 10_000, keepAlive: true });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    client.on('notification', (message) => {
      if (message.channel === this.options.channel && message.payload !== undefined) this.options.onNotification(message.payload);
    });
    try {
      await client.connect();
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      await client.query(`listen ${pg.escapeIdentifier(this.options.channel)}`);
    } catch (error) {
      // A half-open attempt (connected, LISTEN refused while the server shuts down) must not leak its connection.
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    this.backoffMs = this.options.minBackoffMs ?? 500;
  }

  private lost(client: pg.Client, error: Error | null): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    this.options.logger.warn({ error: error ? briefError(error) : null, channel: this.options.channel }, 'LISTEN connection lost; reconnecting');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 30_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect().then(
        () => this.options.onReconnect?.(),
        (error: unknown) => {
          this.options.logger.warn({ error: briefError(error), channel: this.options.channel }, 'LISTEN reconnection failed');
          this.scheduleReconnect();
        },
      );
    }, wait);
    this.retryTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
