import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '../../../components/Dialog';
import { Spinner } from '../../../components/PageState';

export const MAX_NOTE_LENGTH = 5_000;

/** Why a note cannot be sent, or null: required notes need text, and every note fits the API's limit. */
export function noteProblem(text: string, required: boolean): string | null {
  const trimmed = text.trim();
  if (required && trimmed.length === 0) return 'Write something before you continue: this step needs it.';
  if (trimmed.length > MAX_NOTE_LENGTH) return `Keep it to ${MAX_NOTE_LENGTH.toLocaleString('en')} characters (now ${trimmed.length.toLocaleString('en')}).`;
  return null;
}

/**
 * Confirms a move and collects its note. Validation happens here first (required, length); what the API then
 * refuses is shown in the same place, and the dialog stays open so nothing typed is lost.
 */
export function NoteDialog({
  title,
  description,
  fieldLabel,
  placeholder,
  confirmLabel,
  tone = 'primary',
  required,
  pending = false,
  serverError,
  onSubmit,
  onClose,
}: {
  title: string;
  description?: string;
  fieldLabel: string;
  placeholder?: string;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  required: boolean;
  pending?: boolean;
  serverError?: string | null;
  onSubmit: (note: string) => void;
  onClose: () => void;
}) {
  const fieldId = useId();
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const problem = noteProblem(text, required);
  const shownProblem = touched ? problem : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem || pending) return;
    onSubmit(text.trim());
  };

  return (
    <Dialog
      title={title}
      description={description}
      onClose={onClose}
      busy={pending}
      footer={
        <>
          <button type="button" className="button button--secondary" onClick={onClose} disabled={pending}>
            Back
          </button>
          <button type="submit" form={`${fieldId}-form`} className={`button ${tone === 'danger' ? 'button--danger-solid' : 'button--primary'}`} disabled={pending}>
            {pending ? <Spinner size="sm" /> : null}
            {confirmLabel}
          </button>
        </>
      }
    >
      <form id={`${fieldId}-form`} className="field" onSubmit={submit} noValidate>
        <div className="field__row">
          <label className="field__label" htmlFor={fieldId}>
            {fieldLabel}
            {required ? <span className="visually-hidden"> (required)</span> : null}
          </label>
          <span className="field__hint tabular" aria-hidden="true">
            {text.trim().length}/{MAX_NOTE_LENGTH.toLocaleString('en')}
          </span>
        </div>
        <textarea
          id={fieldId}
          className="field__input"
          value={text}
          placeholder={placeholder}
          rows={4}
          required={required}
          aria-invalid={shownProblem ? true : undefined}
          aria-describedby={shownProblem || serverError ? `${fieldId}-error` : undefined}
          data-autofocus
          onChange={(event) => setText(event.target.value)}
          onBlur={() => text && setTouched(true)}
        />
        {shownProblem || serverError ? (
          <p id={`${fieldId}-error`} className="field__error" role="alert">
            {shownProblem ?? serverError}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
