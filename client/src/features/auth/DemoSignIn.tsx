import { ROLE_LABEL } from '../../app/auth/roles';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';

/** One click per seeded role, for development and demos. */
export function DemoSignIn({ onSignIn, pending }: { onSignIn: (username: string, password: string) => void; pending: boolean }) {
  return (
    <section className="demo-sign-in" aria-labelledby="demo-sign-in-title">
      <h2 id="demo-sign-in-title" className="demo-sign-in__title">
        Demo accounts
      </h2>
      <p className="demo-sign-in__hint">Development only: sign in as a seeded user with one click.</p>
      <ul className="demo-sign-in__list">
        {DEMO_ACCOUNTS.map((account) => (
          <li key={account.username}>
            <button
              type="button"
              className="demo-sign-in__button"
              disabled={pending}
              onClick={() => onSignIn(account.username, DEMO_PASSWORD)}
              aria-label={`Sign in as ${account.username} (${ROLE_LABEL[account.role]})`}
            >
              {/* In parentheses, as in the accessible name: speech users can say what they see (WCAG 2.5.3). */}
              <span className="demo-sign-in__role">({ROLE_LABEL[account.role]})</span>
              <span className="demo-sign-in__username">{account.username}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
