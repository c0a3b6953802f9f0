import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { OpsQueueQuery } from '../../gql/graphql';
import { currentLocation, demoViewer, graphqlError, renderApp, viewerAnswer } from '../../test/render-app';
import { SEARCH_DEBOUNCE_MS } from './components/QueueFilters';
import { readQueueParams, writeQueueParams } from './hooks/queue-params';

const ops = demoViewer('OPS', { id: 'ops-1', displayName: 'Oscar Ops' });

function queueAnswer(variables: Record<string, unknown>, total = 32): { data: OpsQueueQuery } {
  const page = (variables.page as number) ?? 1;
  const totalPages = Math.ceil(total / 15);
  const count = Math.max(0, Math.min(15, total - (page - 1) * 15));
  const items = Array.from({ length: count }, (_, i) => {
    const n = (page - 1) * 15 + i + 1;
    return {
      __typename: 'ReturnCase' as const,
      id: `case-${n}`,
      number: `RET-2611-${String(n).padStart(6, '0')}`,
      status: 'IN_REVIEW' as const,
      priority: 'HIGH' as const,
      slaDueAt: '2030-01-01T00:00:00.000Z',
      slaBreached: false,
      createdAt: '2026-11-01T00:00:00.000Z',
      customer: { __typename: 'User' as const, id: 'c1', displayName: 'Chloe Carter' },
      merchant: { __typename: 'MerchantProfile' as const, id: 'm1', name: 'Northwind Goods' },
      order: { __typename: 'Order' as const, id: `o${n}`, number: `ORD-${100000 + n}` },
      assignee: n % 2 ? { __typename: 'User' as const, id: 'ops-1', displayName: 'Oscar Ops' } : null,
      risk: { __typename: 'RiskScore' as const, id: `r${n}`, label: 'HIGH' as const, score: 0.8 },
    };
  });
  return {
    data: {
      queue: {
        __typename: 'QueuePage',
        page,
        pageSize: 15,
        totalCount: total,
        totalPages,
        summary: { __typename: 'QueueSummary', total, breached: 2, dueWithin24h: 3, highRisk: total, byStatus: [{ __typename: 'StatusCount', status: 'IN_REVIEW', count: total }] },
        items: items as unknown as OpsQueueQuery['queue']['items'],
      },
    },
  };
}

describe('queue filters in the URL', () => {
  it('reads and writes only what differs from the defaults, ignoring junk', () => {
    expect(readQueueParams(new URLSearchParams('view=all&status=DISPUTED&priority=URGENT&risk=HIGH&assignee=me&q=%20chloe%20&page=3'))).toEqual({
      view: 'all',
      status: 'DISPUTED',
      priority: 'URGENT',
      risk: 'HIGH',
      mine: true,
      search: 'chloe',
      page: 3,
    });
    expect(readQueueParams(new URLSearchParams('view=closed&status=NOPE&priority=low&page=-2&assignee=bob'))).toEqual({ view: 'open', status: null, priority: null, risk: null, mine: false, search: '', page: 1 });
    expect(writeQueueParams({ view: 'open', status: null, priority: 'LOW', risk: null, mine: true, search: '', page: 1 }).toString()).toBe('priority=LOW&assignee=me');
    expect(writeQueueParams({ view: 'all', status: null, priority: null, risk: null, mine: false, search: '', page: 2 }).toString()).toBe('view=all&page=2');
  });

  it('asks the API for the filters in the URL and shows them in the controls', async () => {
    const asked = vi.fn((variables: Record<string, unknown>) => queueAnswer(variables, 4));
    renderApp('/ops?priority=URGENT&assignee=me&q=chloe&page=1', { Viewer: viewerAnswer(ops), OpsQueue: asked });
    expect(await screen.findAllByTestId('queue-row')).toHaveLength(4);
    expect(asked).toHaveBeenCalledWith({ filter: { open: true, status: null, priority: 'URGENT', riskLabel: null, assigneeId: 'ops-1', search: 'chloe' }, page: 1 });
    expect((screen.getByLabelText('Priority') as HTMLSelectElement).value).toBe('URGENT');
    expect((screen.getByLabelText('Assignee') as HTMLSelectElement).value).toBe('me');
    expect((screen.getByLabelText('Search') as HTMLInputElement).value).toBe('chloe');
  });

  it('puts a changed filter in the URL and goes back to page 1', async () => {
    const asked = vi.fn((variables: Record<string, unknown>) => queueAnswer(variables));
    renderApp('/ops?page=2', { Viewer: viewerAnswer(ops), OpsQueue: asked });
    await screen.findByText('16–30 of 32');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'DISPUTED' } });
    await waitFor(() => expect(currentLocation()).toBe('/ops?status=DISPUTED'));
    await waitFor(() => expect(asked).toHaveBeenLastCalledWith({ filter: expect.objectContaining({ status: 'DISPUTED' }), page: 1 }));
    fireEvent.change(screen.getByLabelText('Risk'), { target: { value: 'HIGH' } });
    await waitFor(() => expect(currentLocation()).toBe('/ops?status=DISPUTED&risk=HIGH'));
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(currentLocation()).toBe('/ops'));
  });

  it('builds a quick second change on the first, before the router has rendered it', async () => {
    renderApp('/ops?q=RET-2611-000001&priority=URGENT', { Viewer: viewerAnswer(ops), OpsQueue: (v) => queueAnswer(v, 1) });
    await screen.findAllByTestId('queue-row');
    const clear = screen.getAllByRole('button', { name: 'Clear filters' })[0];
    const assignee = screen.getByLabelText('Assignee');
    // Both events before React renders the first navigation: the second must not bring the cleared search back.
    act(() => {
      fireEvent.click(clear);
      fireEvent.change(assignee, { target: { value: 'me' } });
    });
    await waitFor(() => expect(currentLocation()).toBe('/ops?assignee=me'));
  });

  it('commits the search after a pause, without a history entry per keystroke', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      renderApp('/ops', { Viewer: viewerAnswer(ops), OpsQueue: (v) => queueAnswer(v) });
      await screen.findAllByTestId('queue-row');
      fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'RET-2611' } });
      expect(currentLocation()).toBe('/ops');
      await act(() => vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 50));
      expect(currentLocation()).toBe('/ops?q=RET-2611');
    } finally {
      vi.useRealTimers();
    }
  });

  it('pages with links that keep the filters', async () => {
    renderApp('/ops?priority=HIGH', { Viewer: viewerAnswer(ops), OpsQueue: (v) => queueAnswer(v) });
    const pager = await screen.findByRole('navigation', { name: 'Queue pages' });
    expect(within(pager).getByRole('link', { name: 'Page 2' }).getAttribute('href')).toBe('/ops?priority=HIGH&page=2');
    expect(within(pager).getByRole('link', { name: 'Page 1' }).getAttribute('aria-current')).toBe('page');
    fireEvent.click(within(pager).getByRole('link', { name: 'Page 3' }));
    await waitFor(() => expect(currentLocation()).toBe('/ops?priority=HIGH&page=3'));
    expect(await screen.findByText('31–32 of 32')).toBeTruthy();
  });

  it('shows the summary cards and an empty state with a way out', async () => {
    renderApp('/ops?view=all&status=EXPIRED', { Viewer: viewerAnswer(ops), OpsQueue: (v) => queueAnswer(v, 0) });
    expect(await screen.findByRole('heading', { name: 'No cases match these filters' })).toBeTruthy();
    expect(screen.getByTestId('summary-total').textContent).toContain('0');
    fireEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[1]);
    await waitFor(() => expect(currentLocation()).toBe('/ops?view=all'));
  });

  it('opens on the open cases, with all cases one click away and kept in the URL', async () => {
    const asked = vi.fn((variables: Record<string, unknown>) => queueAnswer(variables));
    renderApp('/ops', { Viewer: viewerAnswer(ops), OpsQueue: asked });
    await screen.findAllByTestId('queue-row');
    expect(asked).toHaveBeenLastCalledWith({ filter: expect.objectContaining({ open: true }), page: 1 });
    const views = screen.getByRole('navigation', { name: 'Queue view' });
    expect(within(views).getByRole('link', { name: 'Open cases' }).getAttribute('aria-current')).toBe('page');
    // No closed status to pick in the open view.
    const statuses = () => [...(screen.getByLabelText('Status') as HTMLSelectElement).options].map((o) => o.value);
    expect(statuses()).toContain('IN_REVIEW');
    expect(statuses()).not.toContain('EXCHANGED');
    fireEvent.click(within(views).getByRole('link', { name: 'All cases' }));
    await waitFor(() => expect(currentLocation()).toBe('/ops?view=all'));
    await waitFor(() => expect(asked).toHaveBeenLastCalledWith({ filter: expect.objectContaining({ open: false }), page: 1 }));
    expect(within(views).getByRole('link', { name: 'All cases' }).getAttribute('aria-current')).toBe('page');
    expect(statuses()).toContain('EXCHANGED');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'CANCELLED' } });
    await waitFor(() => expect(currentLocation()).toBe('/ops?view=all&status=CANCELLED'));
    // Back to the open view: the closed status cannot apply there and is dropped.
    fireEvent.click(within(views).getByRole('link', { name: 'Open cases' }));
    await waitFor(() => expect(currentLocation()).toBe('/ops'));
  });

  it('is a page that does not exist for merchants', async () => {
    renderApp('/ops', { Viewer: viewerAnswer(demoViewer('MERCHANT')) });
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });

  it('offers a retry when the queue cannot be loaded', async () => {
    let calls = 0;
    renderApp('/ops', { Viewer: viewerAnswer(ops), OpsQueue: (v) => (++calls === 1 ? graphqlError('INTERNAL_SERVER_ERROR', 'Something went wrong on our side.') : queueAnswer(v)) });
    expect(await screen.findByText('The queue could not be loaded')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('queue-row')).toHaveLength(15);
  });
});
