import { useId, useState, type FormEvent } from 'react';
import type { SignInProblem } from './sign-in-problem';

interface Props {
  onSubmit: (username: string, password: string) => void;
  pending: boolean;
  problem: SignInProblem | null;
}

/** Username and password, with the server's answer shown above the fields when sign-in fails. */
export function LoginForm({ onSubmit, pending, problem }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const errorId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(username, password);
  }

  return (
    <form className="login-form" onSubmit={submit} aria-describedby={problem ? errorId : undefined}>
      {problem ? (
        <div id={errorId} className="alert alert--danger" role="alert" data-error-code={problem.code}>
          <span className="alert__title">{problem.title}</span>
          <span>{problem.message}</span>
        </div>
      ) : null}
      <div className="field">
        <label className="field__label" htmlFor="login-username">
          Username
        </label>
        <input
          id="login-username"
          className="field__input"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={64}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          aria-invalid={problem?.code === 'UNAUTHENTICATED' || problem?.code === 'BAD_USER_INPUT' ? true : undefined}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="login-password">
          Password
        </label>
        <input
          id="login-password"
          className="field__input"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={200}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={problem?.code === 'UNAUTHENTICATED' || problem?.code === 'BAD_USER_INPUT' ? true : undefined}
        />
      </div>
      <button type="submit" className="button button--primary button--large button--block" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
