import { Navigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth/auth-context';
import { pathAfterSignIn } from '../../app/auth/roles';
import { LogoMark } from '../../components/Logo';
import { DemoSignIn } from './DemoSignIn';
import { demoSignInAvailable } from './demo-accounts';
import { LoginForm } from './LoginForm';
import { useSignIn } from './useSignIn';
import './login.css';

export default function LoginPage() {
  const auth = useAuth();
  const [params] = useSearchParams();
  const { signIn, pending, problem } = useSignIn();

  // Signed in (just now, or already): go where the user was heading, or to their console.
  if (auth.status === 'ready' && auth.viewer) {
    return <Navigate to={pathAfterSignIn(params.get('next'), auth.viewer.role)} replace />;
  }

  return (
    <div className="login-page">
      <title>Sign in · ReturnHub</title>
      <section className="login-card" aria-labelledby="login-title">
        <div className="login-card__head">
          <LogoMark size={40} />
          <h1 id="login-title">Sign in to ReturnHub</h1>
          <p className="muted">Customers, merchants, operations and administrators all sign in here.</p>
        </div>
        {params.has('signedOut') && !problem ? (
          <p className="alert alert--success" role="status">
            You have signed out.
          </p>
        ) : null}
        <LoginForm onSubmit={(username, password) => void signIn(username, password)} pending={pending} problem={problem} />
        {demoSignInAvailable() ? <DemoSignIn onSignIn={(username, password) => void signIn(username, password)} pending={pending} /> : null}
      </section>
    </div>
  );
}
