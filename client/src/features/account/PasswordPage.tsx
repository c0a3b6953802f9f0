import { useId, useState, type FormEvent } from 'react';
import { useChangePassword } from './useChangePassword';
import '../auth/login.css';

/** Mirrors the server's policy (modules/auth/passwords.ts), which has the last word. */
const MIN_LENGTH = 12;

/** Any signed-in person changes their own password; their other sessions are signed out. */
export default function PasswordPage() {
  const { changePassword, pending, problem, done } = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localProblem, setLocalProblem] = useState<{ field: string; message: string } | null>(null);
  const errorId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setLocalProblem(null);
    if ([...next].length < MIN_LENGTH) return setLocalProblem({ field: 'newPassword', message: `The new password needs at least ${MIN_LENGTH} characters.` });
    if (next !== confirm) return setLocalProblem({ field: 'confirm', message: 'The two new passwords differ. Type the same one twice.' });
    if (await changePassword(current, next)) {
      setCurrent('');
      setNext('');
      setConfirm('');
    }
  }

  const shown = localProblem ?? (problem ? { field: problem.field, message: problem.message, code: problem.code } : null);
  const invalid = (field: string) => (shown?.field === field ? true : undefined);

  return (
    <div className="page">
      <title>Password · ReturnHub</title>
      <header className="page-header">
        <p className="eyebrow">Your account</p>
        <h1>Change your password</h1>
        <p className="muted">At least {MIN_LENGTH} characters. Your other signed-in browsers are signed out; this one stays.</p>
      </header>
      <form className="login-form" onSubmit={(event) => void submit(event)} aria-describedby={shown ? errorId : undefined}>
        {shown ? (
          <div id={errorId} className="alert alert--danger" role="alert" data-error-code={problem && !localProblem ? problem.code : undefined}>
            <span className="alert__title">{problem?.code === 'RATE_LIMITED' && !localProblem ? 'Too many attempts' : 'Password not changed'}</span>
            <span>{shown.message}</span>
          </div>
        ) : null}
        {done && !shown ? (
          <p className="alert alert--success" role="status">
            Your password has been changed. Other sessions have been signed out.
          </p>
        ) : null}
        <PasswordField id="current-password" label="Current password" autoComplete="current-password" value={current} onChange={setCurrent} invalid={invalid('currentPassword')} />
        <PasswordField id="new-password" label="New password" autoComplete="new-password" value={next} onChange={setNext} invalid={invalid('newPassword')} />
        <PasswordField id="confirm-password" label="Confirm new password" autoComplete="new-password" value={confirm} onChange={setConfirm} invalid={invalid('confirm')} />
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </div>
  );
}

interface FieldProps {
  id: string;
  label: string;
  autoComplete: string;
  value: string;
  onChange: (value: string) => void;
  invalid: true | undefined;
}

function PasswordField({ id, label, autoComplete, value, onChange, invalid }: FieldProps) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="field__input" type="password" autoComplete={autoComplete} required maxLength={200} value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={invalid} />
    </div>
  );
}
