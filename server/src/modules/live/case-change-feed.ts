import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../logger.js';
import { PgListener } from '../../shared/pg-listener.js';
import { OutboxTopic } from '../returns/case-changes.js';

/** The outbox trigger's NOTIFY channel (see the background_work migration). */
export const CASE_CHANGES_CHANNEL = 'returnhub_outbox';

/** What live subscribers hear when an image's thumbnail has been made (or found unreadable) in the background. */
export const PREVIEW_READY = 'document_preview_ready';

/**
 * Tells the case's subscribers to reload it after background work that is no case event (no audit entry, no
 * partner webhook, no mail): a thumbnail made by the worker. Same channel and shape as the outbox trigger's NOTIFY.
 */
export async function announceCaseRefresh(em: EntityManager, caseId: string, type: string): Promise<void> {
  await em.getConnection().execute('select pg_notify(?, ?)', [CASE_CHANGES_CHANNEL, JSON.stringify({ topic: OutboxTopic.CASE_CHANGED, caseId, type })]);
}

/** One committed change of a case, as announced by PostgreSQL. `resync` follows a lost connection. */
export interface CaseFeedEvent {
  caseId: string;
  type: string;
  resync?: boolean;
}

interface Subscriber {
  accepts(event: CaseFeedEvent): boolean;
  push(event: CaseFeedEvent): void;
  end(): void;
}

/** How many undelivered events one slow subscriber may hold; older ones are dropped (the next one carries the state). */
const MAX_BUFFERED = 100;

/**
 * Case changes of every API replica, for this replica's subscribers: one dedicated connection LISTENs to the
 * NOTIFY the outbox trigger sends at each commit, and fans the events out in memory. It connects on the first
 * subscription. After a lost connection every subscriber gets a `resync` event (changes may have been missed).
 */
export class CaseChangeFeed {
  private readonly subscribers = new Set<Subscriber>();
  private readonly listener: PgListener;

  constructor(databaseUrl: string, private readonly logger: Logger) {
    this.listener = new PgListener({
      url: databaseUrl,
      channel: CASE_CHANGES_CHANNEL,
      logger,
      onNotification: (payload) => this.dispatch(payload),
      onReconnect: () => this.publish({ caseId: '*', type: 'resync', resync: true }),
    });
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  private dispatch(payload: string): void {
    let message: { topic?: unknown; caseId?: unknown; type?: unknown };
    try {
      message = JSON.parse(payload);
    } catch {
      this.logger.warn({ payload }, 'unreadable case-change notification');
      return;
    }
    if (message.topic !== OutboxTopic.CASE_CHANGED || typeof message.caseId !== 'string') return;
    this.publish({ caseId: message.caseId, type: typeof message.type === 'string' ? message.type : 'changed' });
  }

  private publish(event: CaseFeedEvent): void {
    for (const subscriber of this.subscribers) if (event.resync || subscriber.accepts(event)) subscriber.push(event);
  }

  /**
   * The events `accepts` lets through, from now until the consumer stops iterating. Resolves once LISTEN is in
   * place, so nothing committed after it returns is missed.
   */
  async subscribe(accepts: (event: CaseFeedEvent) => boolean): Promise<AsyncIterableIterator<CaseFeedEvent>> {
    await this.listener.start();
    const buffer: CaseFeedEvent[] = [];
    let wake: (() => void) | null = null;
    let done = false;
    const subscriber: Subscriber = {
      accepts,
      push: (event) => {
        if (buffer.length >= MAX_BUFFERED) buffer.shift();
        buffer.push(event);
        wake?.();
      },
      end: () => {
        done = true;
        this.subscribers.delete(subscriber);
        wake?.();
      },
    };
    this.subscribers.add(subscriber);
    const iterator: AsyncIterableIterator<CaseFeedEvent> = {
      [Symbol.asyncIterator]: () => iterator,
      next: async () => {
        while (!done && buffer.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        if (done) return { done: true, value: undefined };
        return { done: false, value: buffer.shift()! };
      },
      return: async () => {
        subscriber.end();
        return { done: true, value: undefined };
      },
    };
    return iterator;
  }

  /** Ends every subscription and closes the connection. */
  async close(): Promise<void> {
    for (const subscriber of [...this.subscribers]) subscriber.end();
    await this.listener.close();
  }
}
