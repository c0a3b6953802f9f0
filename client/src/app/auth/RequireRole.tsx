import { lazy, type ReactNode } from 'react';
import type { Role } from '../../gql/graphql';
import { useViewer } from './auth-context';
import { RequireAuth } from './RequireAuth';

// Lazy like every page, so the sign-in page's bundle does not carry it.
const NotFoundPage = lazy(() => import('../../features/not-found/NotFoundPage'));

/** A page for some roles only: anonymous visitors sign in first; other roles get Not Found (the page does not exist for them). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  return (
    <RequireAuth>
      <RoleGate roles={roles}>{children}</RoleGate>
    </RequireAuth>
  );
}

function RoleGate({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const viewer = useViewer();
  if (!viewer || !roles.includes(viewer.role)) return <NotFoundPage />;
  return children;
}
