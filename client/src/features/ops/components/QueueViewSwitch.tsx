import { Link } from 'react-router';
import { isActiveStatus } from '../../../lib/case-status';
import { writeQueueParams, type QueueParams, type QueueView } from '../hooks/queue-params';

const VIEWS: ReadonlyArray<{ view: QueueView; label: string }> = [
  { view: 'open', label: 'Open cases' },
  { view: 'all', label: 'All cases' },
];

/** Open cases (the default) or every case, one click apart; the view lives in the URL (`?view=all`). */
export function QueueViewSwitch({ params }: { params: QueueParams }) {
  const hrefFor = (view: QueueView) => {
    // The open view has no closed case to show: a closed status picked in "All cases" is dropped.
    const status = view === 'open' && params.status && !isActiveStatus(params.status) ? null : params.status;
    return `?${writeQueueParams({ ...params, view, status, page: 1 }).toString()}`;
  };
  return (
    <nav className="segmented queue-views" aria-label="Queue view">
      {VIEWS.map(({ view, label }) => (
        <Link key={view} className="segmented__item" to={hrefFor(view)} aria-current={params.view === view ? 'page' : undefined} data-testid={`queue-view-${view}`}>
          {label}
        </Link>
      ))}
    </nav>
  );
}
