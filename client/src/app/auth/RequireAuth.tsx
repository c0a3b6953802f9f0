import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState, LoadingState } from '../../components/PageState';
import { useAuth } from './auth-context';

/** Guarded pages: anonymous visitors go to /login, which brings them back here after signing in. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  if (auth.status === 'loading') return <LoadingState label="Checking your session…" />;
  if (auth.status === 'error') {
    return <ErrorState title="We could not check your session" error={auth.error} onRetry={auth.retry} />;
  }
  if (!auth.viewer) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}
