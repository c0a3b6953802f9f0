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

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * One-click demo sign-in is a development aid: shown by the Vite dev server and when the app is served from this
 * machine (`npm start`), never on a deployed host.
 */
export function demoSignInAvailable(hostname: string = window.location.hostname): boolean {
  return import.meta.env.DEV || LOCAL_HOSTS.has(hostname);
}
