import { useId, useState } from 'react';

/**
 * A search box with its button, for the filter forms of lists (`role="search"` belongs to the form around it).
 * It keeps what the person types and hands it over, trimmed, only when the form is submitted; when the applied
 * search changes from outside (the URL, going back), the box shows it again.
 */
export function SearchField({ value, placeholder, label = 'Search', inputId }: { value: string; placeholder: string; label?: string; inputId?: string }) {
  const ownId = useId();
  const id = inputId ?? `${ownId}-q`;
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(value);
  }
  return (
    <div className="field admin-filters__search">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="admin-filters__row">
        <input id={id} name="search" className="field__input" type="search" value={text} maxLength={200} placeholder={placeholder} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button button--secondary">
          Search
        </button>
      </div>
    </div>
  );
}

/** The trimmed search of a submitted filter form holding a SearchField. */
export const submittedSearch = (form: HTMLFormElement): string => String(new FormData(form).get('search') ?? '').trim();
