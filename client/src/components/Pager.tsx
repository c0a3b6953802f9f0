import { Link } from 'react-router';
import './pager.css';

/** Page numbers to show: the first, the last, and the current one with its neighbours; null is a gap. */
export function pageWindow(page: number, totalPages: number): Array<number | null> {
  const wanted = new Set([1, totalPages, page - 1, page, page + 1].filter((p) => p >= 1 && p <= totalPages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: Array<number | null> = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1] > 1) out.push(null);
    out.push(p);
  });
  return out;
}

/** Numbered pages as links (each page has its own URL, so it can be shared, reloaded or opened in a new tab). */
export function Pager({ page, totalPages, hrefFor, label = 'Pages' }: { page: number; totalPages: number; hrefFor: (page: number) => string; label?: string }) {
  if (totalPages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      {page > 1 ? (
        <Link className="pager__step" to={hrefFor(page - 1)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className="pager__step pager__step--disabled" aria-hidden="true">
          ← Previous
        </span>
      )}
      <ol className="pager__pages">
        {pageWindow(page, totalPages).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} className="pager__gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              <Link className="pager__page" to={hrefFor(p)} aria-current={p === page ? 'page' : undefined} aria-label={`Page ${p}`}>
                {p}
              </Link>
            </li>
          ),
        )}
      </ol>
      {page < totalPages ? (
        <Link className="pager__step" to={hrefFor(page + 1)} rel="next">
          Next →
        </Link>
      ) : (
        <span className="pager__step pager__step--disabled" aria-hidden="true">
          Next →
        </span>
      )}
    </nav>
  );
}
