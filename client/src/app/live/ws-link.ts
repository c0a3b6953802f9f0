import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import { liveEvents } from './live-status';

/** Reconnect back-off: 1 s, 2 s, 4 s … capped at 30 s, with jitter so a restarted server is not hit all at once. */
export const retryDelay = (retries: number): number => Math.min(30_000, 1_000 * 2 ** retries) * (0.75 + Math.random() * 0.5);

let link: GraphQLWsLink | undefined;

/**
 * The WebSocket half of the app's link (loaded on the first subscription, so the sign-in page never carries it).
 * Same origin, so the session cookie authenticates the connection; it opens when a page subscribes, closes a little
 * after the last one leaves, and keeps retrying while pages are listening.
 */
export function wsLink(): GraphQLWsLink {
  if (link) return link;
  const { protocol, host } = window.location;
  const client = createClient({
    url: `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`,
    lazy: true,
    lazyCloseTimeout: 3_000,
    keepAlive: 15_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelay(retries))),
    on: {
      connecting: () => liveEvents.connecting(),
      connected: () => liveEvents.connected(),
      closed: () => liveEvents.closed(),
    },
  });
  link = new GraphQLWsLink(client);
  return link;
}
