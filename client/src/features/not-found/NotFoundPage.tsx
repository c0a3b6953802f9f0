import { Link } from 'react-router';
import { useViewer } from '../../app/auth/auth-context';
import { consolePath } from '../../app/auth/roles';
import './not-found.css';

/** Unknown addresses, and pages the signed-in user may not open (they do not exist for that user). */
export default function NotFoundPage() {
  const viewer = useViewer();
  return (
    <section className="page not-found" aria-labelledby="not-found-title">
      <title>Page not found · ReturnHub</title>
      <p className="not-found__code">404</p>
      <h1 id="not-found-title">Page not found</h1>
      <p className="not-found__text">The page you asked for does not exist, or it is not available to your account.</p>
      <div className="not-found__actions">
        {viewer ? (
          <Link className="button button--primary" to={consolePath(viewer.role)}>
            Go to your console
          </Link>
        ) : (
          <Link className="button button--primary" to="/">
            Go to the home page
          </Link>
        )}
      </div>
    </section>
  );
}
