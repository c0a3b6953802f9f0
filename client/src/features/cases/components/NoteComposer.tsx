import { useId, useState, type FormEvent } from 'react';
import { Spinner } from '../../../components/PageState';
import { describeApiError } from '../../../lib/errors';
import { noteProblem } from './NoteDialog';

/** A text box that posts to a thread; it keeps the text when the API refuses it. */
export function NoteComposer({ label, placeholder, submitLabel, pending, error, onPost, tone = 'default' }: {
  label: string;
  placeholder?: string;
  submitLabel: string;
  pending: boolean;
  error?: unknown;
  onPost: (body: string) => Promise<boolean>;
  tone?: 'default' | 'internal';
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = noteProblem(text, true);
    setProblem(found);
    if (found || pending) return;
    if (await onPost(text.trim())) setText('');
  };

  const shown = problem ?? (error ? describeApiError(error).message : null);
  return (
    <form className={`composer composer--${tone}`} onSubmit={submit} noValidate>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className="field__input composer__input"
        rows={3}
        value={text}
        placeholder={placeholder}
        aria-invalid={problem ? true : undefined}
        aria-describedby={shown ? `${id}-error` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (problem) setProblem(null);
        }}
      />
      <div className="composer__footer">
        {shown ? (
          <p id={`${id}-error`} className="field__error" role="alert">
            {shown}
          </p>
        ) : (
          <span />
        )}
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? <Spinner size="sm" /> : null}
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
