import { Link, NavLink, useLocation } from 'react-router';
import { LogoMark } from '../../components/Logo';
import { useAuth } from '../auth/auth-context';
import { consolePath, ROLE_LABEL } from '../auth/roles';
import { useSignOut } from '../auth/useSignOut';
import type { Viewer } from '../auth/viewer';

function SignedInControls({ viewer }: { viewer: Viewer }) {
  const { signOut, pending, error } = useSignOut();
  return (
    <>
      <nav aria-label="Main">
        <NavLink className="app-header__nav-link" to={consolePath(viewer.role)}>
          Console
        </NavLink>
      </nav>
      <div className="app-header__user" data-testid="signed-in-user">
        <span className="app-header__avatar" aria-hidden="true">
          {viewer.displayName.charAt(0).toUpperCase()}
        </span>
        <span className="app-header__identity">
          <span className="app-header__name">{viewer.displayName}</span>
          <span className="app-header__role">{ROLE_LABEL[viewer.role]}</span>
        </span>
      </div>
      <button type="button" className="button button--secondary" onClick={() => void signOut()} disabled={pending}>
        {pending ? 'Signing out…' : 'Sign out'}
      </button>
      {error ? (
        <p className="app-header__error" role="alert">
          Sign-out failed. Try again.
        </p>
      ) : null}
    </>
  );
}

export function AppHeader() {
  const auth = useAuth();
  const { pathname } = useLocation();
  const viewer = auth.status === 'ready' ? auth.viewer : null;
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link to="/" className="app-header__brand">
          <LogoMark />
          <span>ReturnHub</span>
        </Link>
        <div className="app-header__actions">
          {viewer ? <SignedInControls viewer={viewer} /> : null}
          {auth.status === 'ready' && !viewer && pathname !== '/login' ? (
            <Link className="button button--primary" to="/login">
              Sign in
            </Link>
          ) : null}
        </div>
      </div>
    </header>
  );
}
