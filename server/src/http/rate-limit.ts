import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Clock } from '../shared/clock.js';
import type { RequestContext } from './context.js';

export interface RateLimit {
  /** Mutations allowed per window and caller. */
  limit: number;
  windowMs: number;
}

export const MUTATION_RATE_LIMIT: RateLimit = { limit: 120, windowMs: 60_000 };
const MAX_TRACKED_CALLERS = 50_000;

/**
 * A fixed-window counter per caller, in process. Each API replica counts on its own, so the effective limit of a
 * deployment is the per-replica limit times the replicas; it exists to stop a runaway client, not to meter usage.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly rule: RateLimit,
    private readonly clock: Clock,
  ) {}

  /** Counts one call; returns the seconds to wait when over the limit, else null. */
  hit(key: string): number | null {
    const now = this.clock.now().getTime();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.rule.windowMs) {
      if (this.windows.size >= MAX_TRACKED_CALLERS) this.windows.clear();
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    return window.count > this.rule.limit ? Math.ceil((window.startedAt + this.rule.windowMs - now) / 1000) : null;
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
          const wait = limiter.hit(callerKey(contextValue));
          if (wait !== null) {
            throw new GraphQLError(`Too many changes in a short time. Try again in ${wait} s.`, { extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait } });
          }
        },
      };
    },
  };
}
