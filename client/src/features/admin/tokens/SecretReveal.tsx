import { useRef, useState } from 'react';

/** A new token's secret, shown this once, with a copy button; it is gone when the admin says they are done. */
export function SecretReveal({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // No clipboard permission (or not a secure context): select the text so Ctrl+C works.
      field.current?.select();
      setCopied('no');
    }
  };
  return (
    <div className="secret-reveal" role="status" data-testid="token-secret">
      <p className="secret-reveal__title">Token “{name}” created. Copy its secret now: it will not be shown again.</p>
      <div className="secret-reveal__row">
        <label className="visually-hidden" htmlFor="new-token-secret">
          Secret
        </label>
        <input ref={field} id="new-token-secret" className="field__input mono secret-reveal__value" value={secret} readOnly onFocus={(e) => e.target.select()} />
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          Done
        </button>
      </div>
      <p className="field__hint" aria-live="polite">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'no' ? 'Copying is blocked here: the secret is selected, press Ctrl+C (⌘C).' : 'Send it as Authorization: Bearer <secret>.'}
      </p>
    </div>
  );
}
