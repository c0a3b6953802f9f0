import type { Role } from '../../gql/graphql';

/** The console URL segment of each role: /console/customer, /console/merchant, /console/ops, /console/admin. */
const CONSOLE_SEGMENT: Record<Role, string> = {
  CUSTOMER: 'customer',
  MERCHANT: 'merchant',
  OPS: 'ops',
  ADMIN: 'admin',
};

export const ROLE_LABEL: Record<Role, string> = {
  CUSTOMER: 'Customer',
  MERCHANT: 'Merchant',
  OPS: 'Ops',
  ADMIN: 'Admin',
};

export const consolePath = (role: Role): string => `/console/${CONSOLE_SEGMENT[role]}`;

/** The role a /console/:role segment names, or null for anything else. */
export function roleOfConsoleSegment(segment: string | undefined): Role | null {
  const match = (Object.keys(CONSOLE_SEGMENT) as Role[]).find((role) => CONSOLE_SEGMENT[role] === segment);
  return match ?? null;
}

/**
 * Where to go after signing in: the page the user was sent away from when it is a same-origin path they may
 * open, otherwise their own console. Another role's console is never a destination.
 */
export function pathAfterSignIn(next: string | null, role: Role): string {
  const own = consolePath(role);
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return own;
  if (next === '/' || next.startsWith('/login')) return own;
  if (next === '/console' || next.startsWith('/console/')) {
    const segment = next.split(/[/?#]/)[2];
    return roleOfConsoleSegment(segment) === role ? next : own;
  }
  return next;
}
