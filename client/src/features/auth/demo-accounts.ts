import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';

/** The seeded demo users (SPEC §10). The server refuses their password in production. */
export const DEMO_PASSWORD = 'ChangeMe123!';

export const DEMO_ACCOUNTS: ReadonlyArray<{ username: string; role: Role }> = [
  { username: 'customer.one', role: 'CUSTOMER' },
  { username: 'customer.two', role: 'CUSTOMER' },
  { username: 'merchant.one', role: 'MERCHANT' },
  { username: 'merchant.two', role: 'MERCHANT' },
  { username: 'ops.demo', role: 'OPS' },
  { username: 'admin.demo', role: 'ADMIN' },
];

/**
 * Whether this deployment accepts the demo password (the API says so: never in production). One-click demo
 * sign-in is shown only then; until the answer comes, it is not shown.
 */
export const AppInfoDocument = graphql(`
  query AppInfo {
    appInfo {
      demoSignInEnabled
    }
  }
`);

export function useDemoSignInEnabled(): boolean {
  const { data } = useQuery(AppInfoDocument);
  return data?.appInfo.demoSignInEnabled ?? false;
}
