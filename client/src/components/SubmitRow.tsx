import type { ReactNode } from 'react';
import { Spinner } from './PageState';

/** The end of a form: the server's refusal (announced), then the submit button, busy while the request runs. */
export function SubmitRow({ serverError, loading, children }: { serverError?: string | null; loading: boolean; children: ReactNode }) {
  return (
    <>
      {serverError ? (
        <p className="field__error" role="alert">
          {serverError}
        </p>
      ) : null}
      <div>
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? <Spinner size="sm" /> : null}
          {children}
        </button>
      </div>
    </>
  );
}
