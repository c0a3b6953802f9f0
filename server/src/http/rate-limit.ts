import type { ApolloServerPlugin } from '@apollo/server';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { Clock } from '../shared/clock.js';
import { RateCounters } from '../shared/rate-counters.js';
import type { RequestContext } from './context.js';

export interface RateLimit {
  /** Mutations allowed per window and caller. */
  limit: number;
  windowMs: number;
}

export const MUTATION_RATE_LIMIT: RateLimit = { limit: 120, windowMs: 60_000 };

/**
 * A fixed-window counter per caller, kept in PostgreSQL (shared/rate-counters.ts): every API replica counts
 * against the same number, for one upsert per mutation. It exists to stop a runaway client, not to meter usage.
 */
export class RateLimiter {
  constructor(
    private readonly rule: RateLimit,
    private readonly clock: Clock,
  ) {}

  /** Counts one call; returns the seconds to wait when over the limit, else null. */
  async hit(em: EntityManager, key: string): Promise<number | null> {
    const { hits, secondsLeft } = await new RateCounters(em, this.clock).hit(`mutations:${key}`, this.rule.windowMs);
    return hits > this.rule.limit ? secondsLeft : null;
  }
}

/** Who is counted: a partner token, a session, or (signed out) the address. */
export const callerKey = (ctx: RequestContext): string =>
  ctx.viewer?.partnerTokenId ? `token:${ctx.viewer.partnerTokenId}` : ctx.viewer?.sessionId ? `session:${ctx.viewer.sessionId}` : `address:${ctx.req?.ip ?? 'local'}`;

/** Refuses mutations past the caller's limit with RATE_LIMITED before anything runs. */
export function mutationRateLimitPlugin(limiter: RateLimiter): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const wait = await limiter.hit(contextValue.em, callerKey(contextValue));
          if (wait !== null) {
            throw new GraphQLError(`Too many changes in a short time. Try again in ${wait} s.`, { extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait } });
          }
        },
      };
    },
  };
}

/**
 * A request refused as a whole for its rate (no data: the mutation limit above, or a throttled sign-in) answers
 * HTTP 429 with `Retry-After`, whichever layer refused it; a refusal of one field among others that ran stays 200.
 */
export function rateLimitedStatusPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || response.body.singleResult.data) return;
          const waits = (response.body.singleResult.errors ?? [])
            .filter((e) => e.extensions?.code === 'RATE_LIMITED')
            .map((e) => Number(e.extensions?.retryAfterSeconds) || 1);
          if (waits.length === 0) return;
          response.http.status = 429;
          response.http.headers.set('retry-after', String(Math.max(...waits)));
        },
      };
    },
  };
}
