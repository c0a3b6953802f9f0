import { Link, NavLink, useLocation } from 'react-router';
import { LogoMark } from '../../components/Logo';
import { useAuth } from '../auth/auth-context';
import { consolePath, ROLE_LABEL } from '../auth/roles';
import type { Role } from '../../gql/graphql';
import { useSignOut } from '../auth/useSignOut';
import { LiveIndicator } from '../live/LiveIndicator';
import type { Viewer } from '../auth/viewer';

/** Each role's places in the app, after its console. */
const ROLE_NAV: Record<Role, ReadonlyArray<{ to: string; label: string }>> = {
  CUSTOMER: [{ to: '/customer', label: 'My returns' }],
  MERCHANT: [
    { to: '/merchant', label: 'Returns' },
    { to: '/stock', label: 'Stock' },
    { to: '/rules', label: 'Return rules' },
  ],
  OPS: [{ to: '/ops', label: 'Queue' }],
  ADMIN: [
    { to: '/ops', label: 'Queue' },
    { to: '/admin', label: 'Admin' },
  ],
};

/** The role's places; a row of its own under the brand on a phone. */
function MainNav({ viewer }: { viewer: Viewer }) {
  return (
    <nav aria-label="Main" className="app-header__nav">
      <NavLink className="app-header__nav-link" to={consolePath(viewer.role)}>
        Console
      </NavLink>
      {ROLE_NAV[viewer.role].map((item) => (
        <NavLink key={item.to} className="app-header__nav-link" to={item.to}>
          {item.label}
        </NavLink>
      ))}
    </nav>
  );
}

function SignedInControls({ viewer }: { viewer: Viewer }) {
  const { signOut, pending, error } = useSignOut();
  return (
    <>
      <div className="app-header__user" data-testid="signed-in-user">
        <span className="app-header__avatar" aria-hidden="true">
          {viewer.displayName.charAt(0).toUpperCase()}
        </span>
        <span className="app-header__identity">
          <span className="app-header__name">{viewer.displayName}</span>
          <span className="app-header__role">{ROLE_LABEL[viewer.role]}</span>
        </span>
      </div>
      <Link className="button button--secondary" to="/account/password">
        Password
      </Link>
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
        {viewer ? <MainNav viewer={viewer} /> : null}
        <div className="app-header__actions">
          {viewer ? <LiveIndicator /> : null}
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
