import { Suspense } from 'react';
import { Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { LoadingState } from '../../components/PageState';
import { AppHeader } from './AppHeader';
import './app-shell.css';

/** Every page: the header, then the routed page (loaded on demand) inside the main landmark. */
export function AppShell() {
  const { pathname } = useLocation();
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader />
      <main id="main" className="app-shell__main" tabIndex={-1}>
        {/* Keyed by path so an error on one page is forgotten when the user navigates away. */}
        <ErrorBoundary key={pathname}>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="app-shell__footer">
        <div className="app-shell__footer-inner">
          <span>© ReturnHub</span>
          <a href="/graphiql">GraphQL API explorer</a>
        </div>
      </footer>
    </div>
  );
}
