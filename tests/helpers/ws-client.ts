import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { GraphQLResponse } from './test-server.js';

/** A graphql-ws client against a test server, signed in by session cookie or partner token (or anonymous). */
export function wsClient(baseUrl: string, auth: { cookie?: string; bearer?: string } = {}): Client {
  const headers = auth.cookie ? { cookie: auth.cookie } : {};
  class AuthenticatedWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: AuthenticatedWebSocket,
    connectionParams: auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : undefined,
    retryAttempts: 0,
    lazy: true,
  });
}

/** One subscription whose results can be awaited one by one. */
export interface Subscription<T = Record<string, any>> {
  /** The next result (data or errors); fails after `timeoutMs`. */
  next(timeoutMs?: number): Promise<GraphQLResponse<T>>;
  /** Whether the server ended the subscription. */
  readonly completed: boolean;
  dispose(): void;
}

export function subscribe<T = Record<string, any>>(client: Client, query: string, variables: Record<string, unknown> = {}): Subscription<T> {
  const results: GraphQLResponse<T>[] = [];
  const waiters: Array<(result: GraphQLResponse<T>) => void> = [];
  let completed = false;
  const deliver = (result: GraphQLResponse<T>) => {
    const waiter = waiters.shift();
    if (waiter) waiter(result);
    else results.push(result);
  };
  const dispose = client.subscribe<T>({ query, variables }, {
    next: (result) => deliver(result as GraphQLResponse<T>),
    error: (error) => {
      completed = true;
      const errors = Array.isArray(error) ? error : [{ message: error instanceof Error ? error.message : String((error as { reason?: string })?.reason ?? error) }];
      deliver({ errors } as GraphQLResponse<T>);
    },
    complete: () => {
      completed = true;
    },
  });
  return {
    next(timeoutMs = 15_000) {
      const ready = results.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no subscription result within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (result: GraphQLResponse<T>) => {
          clearTimeout(timer);
          resolve(result);
        };
        waiters.push(waiter);
      });
    },
    get completed() {
      return completed;
    },
    dispose,
  };
}

/** Waits until `condition` holds (polling), or fails after `timeoutMs` with `what`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the server's feed has `count` subscribers (the subscription is in place, events will not be missed). */
export const waitForSubscribers = (feed: { subscriberCount: number }, count: number): Promise<void> =>
  waitUntil(() => feed.subscriberCount >= count, `${count} subscribers (have ${feed.subscriberCount})`);
