import { RISK_LABELS, PRIORITIES } from '../../../components/Badge';
import type { CasePriority, CaseStatus, QueueFilter, RiskLabel } from '../../../gql/graphql';
import { ALL_STATUSES, isActiveStatus } from '../../../lib/case-status';

/** `open`: the cases still to work on (the default view); `all`: every case, closed ones included. */
export type QueueView = 'open' | 'all';

/** The queue's filters and page as the URL holds them (so a view can be shared, reloaded, or gone back to). */
export interface QueueParams {
  view: QueueView;
  status: CaseStatus | null;
  priority: CasePriority | null;
  risk: RiskLabel | null;
  /** Only the cases assigned to the viewer. */
  mine: boolean;
  search: string;
  page: number;
}

export const EMPTY_QUEUE_PARAMS: QueueParams = { view: 'open', status: null, priority: null, risk: null, mine: false, search: '', page: 1 };

const oneOf = <T extends string>(allowed: readonly T[], value: string | null): T | null => (value && (allowed as readonly string[]).includes(value) ? (value as T) : null);

/** Unknown values are ignored rather than sent: a hand-edited URL still shows a queue. */
export function readQueueParams(params: URLSearchParams): QueueParams {
  const page = Number(params.get('page'));
  return {
    view: params.get('view') === 'all' ? 'all' : 'open',
    status: oneOf(ALL_STATUSES, params.get('status')),
    priority: oneOf(PRIORITIES, params.get('priority')),
    risk: oneOf(RISK_LABELS, params.get('risk')),
    mine: params.get('assignee') === 'me',
    search: (params.get('q') ?? '').trim(),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** Only what differs from the defaults goes in the URL: `/ops` is the open cases, page 1; `?view=all` every case. */
export function writeQueueParams(state: QueueParams): URLSearchParams {
  const params = new URLSearchParams();
  if (state.view === 'all') params.set('view', 'all');
  if (state.status) params.set('status', state.status);
  if (state.priority) params.set('priority', state.priority);
  if (state.risk) params.set('risk', state.risk);
  if (state.mine) params.set('assignee', 'me');
  if (state.search) params.set('q', state.search);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

export const hasFilters = (state: QueueParams): boolean => Boolean(state.status || state.priority || state.risk || state.mine || state.search);

/** The statuses the status filter offers in a view: the open view has no closed case to pick. */
export const statusesIn = (view: QueueView): readonly CaseStatus[] => (view === 'open' ? ALL_STATUSES.filter(isActiveStatus) : ALL_STATUSES);

/** The API's QueueFilter for these params; "mine" becomes the viewer's id, the open view `open: true`. */
export function toQueueFilter(state: QueueParams, viewerId: string): QueueFilter {
  return {
    open: state.view === 'open',
    status: state.status,
    priority: state.priority,
    riskLabel: state.risk,
    assigneeId: state.mine ? viewerId : null,
    search: state.search || null,
  };
}
