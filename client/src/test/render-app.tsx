import { ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { cleanup, render } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { MemoryRouter } from 'react-router';
import { Observable } from 'rxjs';
import { afterEach } from 'vitest';
import { createApolloClient } from '../app/apollo';
import { AuthProvider } from '../app/auth/AuthProvider';
import type { Viewer } from '../app/auth/viewer';
import { AppRoutes } from '../app/routes';

afterEach(cleanup);

/** An answer per operation name: a GraphQL result, or an Error to simulate a network failure. */
export type Handlers = Record<string, (variables: Record<string, unknown>) => FormattedExecutionResult | Error>;

/** A terminating link that answers from handlers, so components run against the app's real client and cache. */
export function mockLink(handlers: Handlers): ApolloLink {
  return new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const handler = handlers[operation.operationName ?? ''];
        const answer = handler ? handler(operation.variables) : new Error(`No mock for ${operation.operationName}`);
        // Answer asynchronously, as a server would.
        const timer = setTimeout(() => {
          if (answer instanceof Error) observer.error(answer);
          else {
            observer.next(answer);
            observer.complete();
          }
        }, 0);
        return () => clearTimeout(timer);
      }),
  );
}

export const viewerAnswer = (me: Viewer | null) => () => ({ data: { me } });

export const demoViewer = (role: Viewer['role'], overrides: Partial<Viewer> = {}): Viewer => ({
  __typename: 'User',
  id: `user-${role.toLowerCase()}`,
  username: `${role.toLowerCase()}.demo`,
  displayName: `${role.charAt(0)}${role.slice(1).toLowerCase()} Person`,
  role,
  ...overrides,
});

export const graphqlError = (code: string, message: string): FormattedExecutionResult => ({
  data: null,
  errors: [{ message, extensions: { code } }],
});

/** The whole app (routes, auth, Apollo) at one URL, with the API answered by handlers. */
export function renderApp(path: string, handlers: Handlers) {
  const client = createApolloClient(mockLink(handlers));
  const view = render(
    <ApolloProvider client={client}>
      <AuthProvider>
        <MemoryRouter initialEntries={[path]}>
          <AppRoutes />
        </MemoryRouter>
      </AuthProvider>
    </ApolloProvider>,
  );
  return { ...view, client };
}
