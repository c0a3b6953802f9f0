import { Spinner } from '../../../components/PageState';
import { describeApiError } from '../../../lib/errors';
import { useAuditExport } from '../hooks/useAuditExport';

/** The case's full audit trail as a file, for disputes and audits outside the app. */
export function AuditExportCard({ caseId }: { caseId: string }) {
  const { download, pending, error } = useAuditExport(caseId);
  return (
    <section className="card" aria-labelledby="audit-title">
      <div className="card__header">
        <h2 id="audit-title" className="card__title">
          Audit trail
        </h2>
      </div>
      <div className="card__body stack">
        <p className="field__hint">Every event of this case, oldest first, as a file.</p>
        <div className="button-row">
          {(['CSV', 'JSON'] as const).map((format) => (
            <button key={format} type="button" className="button button--secondary button--small" disabled={pending !== null} onClick={() => void download(format)}>
              {pending === format ? <Spinner size="sm" /> : null}
              Download {format}
            </button>
          ))}
        </div>
        {error ? (
          <p className="field__error" role="alert">
            {describeApiError(error).message}
          </p>
        ) : null}
      </div>
    </section>
  );
}
