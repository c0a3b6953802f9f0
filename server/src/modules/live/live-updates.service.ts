import type { EntityManager } from '@mikro-orm/postgresql';
import type { PubSub } from 'type-graphql';
import { DomainError, ErrorCode } from '../../errors/domain-error.js';
import type { Viewer } from '../auth/viewer.js';
import { findVisibleCase } from '../access/access.js';
import { audienceOf, isEventVisible } from '../returns/case-event-visibility.js';
import type { CaseRow } from '../returns/case-row.js';
import { type CaseChangeFeed, type CaseFeedEvent, PREVIEW_READY } from './case-change-feed.js';
import type { QueueChange } from './live.types.js';

/** The parts of a subscription's context the live updates use; `renew` gives each event a fresh unit of work. */
export interface LiveContext {
  readonly viewer: Viewer | null;
  readonly em: EntityManager;
  /** Re-reads the viewer (a revoked session loses access) and starts a fresh EntityManager. */
  renew(): Promise<void>;
}

/**
 * GraphQL subscriptions' sources. Access is decided when subscribing, with the same case scope as every
 * read (another customer's case is NOT_FOUND right away, not merely silent later), and again for each event.
 */
export class LiveUpdates {
  constructor(
    private readonly feed: CaseChangeFeed,
    private readonly ctx: LiveContext,
  ) {}

  async caseUpdates(caseId: string): Promise<AsyncIterableIterator<CaseFeedEvent>> {
    const rc = await findVisibleCase(this.ctx.em, this.ctx.viewer, caseId);
    return this.forViewer(await this.feed.subscribe((event) => event.caseId === rc.id));
  }

  async queueChanges(): Promise<AsyncIterableIterator<CaseFeedEvent>> {
    // A thumbnail made in the background changes what a case page shows, not a queue row.
    return this.forViewer(await this.feed.subscribe((event) => event.type !== PREVIEW_READY));
  }

  /** What a queue subscriber receives for one event (the case as it is now). */
  async queueChange(event: CaseFeedEvent, load: (id: string) => Promise<CaseRow>): Promise<QueueChange> {
    if (event.resync) return { caseId: null, eventType: 'resync', returnCase: null };
    return { caseId: event.caseId, eventType: event.type, returnCase: await load(event.caseId) };
  }

  /** Renews the context before each event and leaves out the events the viewer may not see (case-event-visibility.ts). */
  private forViewer(source: AsyncIterableIterator<CaseFeedEvent>): AsyncIterableIterator<CaseFeedEvent> {
    const ctx = this.ctx;
    // A plain iterator rather than an async generator: `return()` must end a subscription that is waiting.
    const iterator: AsyncIterableIterator<CaseFeedEvent> = {
      [Symbol.asyncIterator]: () => iterator,
      async next() {
        for (;;) {
          const result = await source.next();
          if (result.done) return result;
          await ctx.renew();
          if (!visibleTo(ctx.viewer, result.value)) continue;
          return result;
        }
      },
      return: () => source.return!(),
    };
    return iterator;
  }
}

/** A feed event reaches a viewer when the case's audit event is visible to them; a resync or a new preview reaches everyone. */
function visibleTo(viewer: Viewer | null, event: CaseFeedEvent): boolean {
  return event.resync === true || event.type === PREVIEW_READY || isEventVisible(event.type, audienceOf(viewer));
}

/** Subscriptions are served over WebSocket only; the HTTP context has no live updates. */
export function requireLive(context: { live?: LiveUpdates }): LiveUpdates {
  if (!context.live) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Subscriptions are served over WebSocket (graphql-ws) at /graphql.');
  return context.live;
}

/**
 * type-graphql insists on a PubSub when a schema has subscriptions, though ours bring their own sources
 * (`subscribe:` in the resolver, fed by PostgreSQL NOTIFY). This one refuses to be used.
 */
export const noPubSub: PubSub = {
  publish() {
    throw new Error('Subscriptions here have their own sources (modules/live); there is no in-process PubSub.');
  },
  subscribe() {
    throw new Error('Subscriptions here have their own sources (modules/live); there is no in-process PubSub.');
  },
};
