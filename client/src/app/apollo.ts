import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { Observable, type Subscription } from 'rxjs';
import { ViewerDocument } from './auth/viewer';
import { liveEvents } from './live/live-status';

export const GRAPHQL_PATH = '/graphql';

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          // One growing list per filter; "show more" appends the next page.
          returnCases: relayStylePagination(['filter']),
        },
      },
    },
  });
}

/** A server that no longer knows the session (expired, revoked) signs the app out: guarded pages then send the user to /login. */
const sessionEndedLink = new ErrorLink(({ error, operation }) => {
  if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    operation.client.cache.writeQuery({ query: ViewerDocument, data: { me: null } });
  }
});

/**
 * Subscriptions go over WebSocket (graphql-ws). Its client is loaded on the first subscription — the case page or
 * the queue — so the sign-in page's bundle does not grow; queries and mutations stay on HTTP.
 */
const lazyWsLink = new ApolloLink(
  (operation) =>
    new Observable<ApolloLink.Result>((observer) => {
      let inner: Subscription | undefined;
      let closed = false;
      liveEvents.subscribed();
      import('./live/ws-link').then(
        ({ wsLink }) => {
          if (!closed) inner = wsLink().request(operation).subscribe(observer);
        },
        (error: unknown) => observer.error(error),
      );
      return () => {
        closed = true;
        inner?.unsubscribe();
        liveEvents.unsubscribed();
      };
    }),
);

/**
 * The app's one Apollo Client. The session is an httpOnly cookie, so requests go to the same origin with its
 * credentials; `apollo-require-preflight` satisfies the server's CSRF guard. Files do not go through this link:
 * uploads are multipart requests sent by features/evidence/multipart-request.ts, which reports their progress.
 */
export function createApolloClient(terminatingLink?: ApolloLink): ApolloClient {
  // Tests pass one link that answers everything, subscriptions included.
  const transport =
    terminatingLink ??
    ApolloLink.split(
      (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
      lazyWsLink,
      new HttpLink({
        uri: GRAPHQL_PATH,
        credentials: 'same-origin',
        headers: { 'apollo-require-preflight': 'true' },
      }),
    );
  return new ApolloClient({
    link: ApolloLink.from([sessionEndedLink, transport]),
    cache: createCache(),
  });
}
