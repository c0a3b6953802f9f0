import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useViewer } from './auth/auth-context';
import { RequireAuth } from './auth/RequireAuth';
import { consolePath } from './auth/roles';
import { AppShell } from './layout/AppShell';

// Each page is its own chunk: the sign-in page loads only what it needs.
const LandingPage = lazy(() => import('../features/landing/LandingPage'));
const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const ConsolePage = lazy(() => import('../features/console/ConsolePage'));
const NotFoundPage = lazy(() => import('../features/not-found/NotFoundPage'));

/** /console without a role: the signed-in user's own console. */
function OwnConsoleRedirect() {
  const viewer = useViewer();
  return viewer ? <Navigate to={consolePath(viewer.role)} replace /> : null;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<LandingPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route
          path="console"
          element={
            <RequireAuth>
              <OwnConsoleRedirect />
            </RequireAuth>
          }
        />
        <Route
          path="console/:role"
          element={
            <RequireAuth>
              <ConsolePage />
            </RequireAuth>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
