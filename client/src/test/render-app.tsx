import { ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { cleanup, render } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { MemoryRouter, useLocation } from 'react-router';
import { Observable } from 'rxjs';
import { afterEach } from 'vitest';
import { createApolloClient } from '../app/apollo';
import { AuthProvider } from '../app/auth/AuthProvider';
import type { Viewer } from '../app/auth/viewer';
import { AppRoutes } from '../app/routes';
import { uploadLimits } from './upload-limits-answer';

afterEach(cleanup);

type Answer = FormattedExecutionResult | Error;

/** An answer per operation name: a GraphQL result, or an Error to simulate a network failure (a promise holds it back). */
export type Handlers = Record<string, (variables: Record<string, unknown>) => Answer | Promise<Answer>>;

/** A terminating link that answers from handlers, so components run against the app's real client and cache. */
export function mockLink(handlers: Handlers): ApolloLink {
  return new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const handler = handlers[operation.operationName ?? ''];
        let cancelled = false;
        // Answer asynchronously, as a server would.
        const timer = setTimeout(() => {
          void Promise.resolve(handler ? handler(operation.variables) : new Error(`No mock for ${operation.operationName}`)).then((answer) => {
            if (cancelled) return;
            if (answer instanceof Error) observer.error(answer);
            else {
              observer.next(answer);
              observer.complete();
            }
          });
        }, 0);
        return () => {
          cancelled = true;
          clearTimeout(timer);
        };
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

/** Where the app is now (path and query), for tests about what lands in the URL. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location" hidden>{location.pathname + location.search}</output>;
}

export const currentLocation = (): string => document.querySelector('[data-testid="location"]')?.textContent ?? '';

/** The whole app (routes, auth, Apollo) at one URL, with the API answered by handlers. */
export function renderApp(path: string, handlers: Handlers) {
  // The API's upload limits, which every upload form asks for, unless the test answers them itself.
  const client = createApolloClient(mockLink({ UploadLimits: () => ({ data: uploadLimits }), ...handlers }));
  const view = render(
    <ApolloProvider client={client}>
      <AuthProvider>
        <MemoryRouter initialEntries={[path]}>
          <AppRoutes />
          <LocationProbe />
        </MemoryRouter>
      </AuthProvider>
    </ApolloProvider>,
  );
  return { ...view, client };
}
