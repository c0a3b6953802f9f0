import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConsoleCasesQuery } from '../../gql/graphql';
import { demoViewer, graphqlError, renderApp, viewerAnswer } from '../../test/render-app';
import { caseFixture } from '../../test/fixtures';

function connection(count: number, total = count, hasNextPage = false): { data: ConsoleCasesQuery } {
  const edges = Array.from({ length: count }, (_, i) => {
    const node = caseFixture({ id: `case-${i}`, number: `RET-2611-${String(i + 1).padStart(6, '0')}` });
    return { __typename: 'ReturnCaseEdge' as const, cursor: `c${i}`, node };
  });
  return {
    data: {
      returnCases: {
        __typename: 'ReturnCaseConnection',
        totalCount: total,
        edges,
        pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: count ? `c${count - 1}` : null },
      },
    },
  };
}

const ops = { Viewer: viewerAnswer(demoViewer('OPS', { displayName: 'Oscar Ops' })) };

describe('console', () => {
  it('lists the cases with their total and who is signed in', async () => {
    renderApp('/console/ops', { ...ops, ConsoleCases: () => connection(3) });
    expect(await screen.findByRole('heading', { name: 'All return cases' })).toBeTruthy();
    expect(await screen.findAllByTestId('case-row')).toHaveLength(3);
    expect(screen.getByTestId('case-total').textContent).toBe('3 cases');
    expect(screen.getByTestId('console-viewer').textContent).toContain('Oscar Ops');
    expect(screen.queryByRole('button', { name: 'Show more cases' })).toBeNull();
  });

  it('shows the next page on request', async () => {
    const pages: Array<Record<string, unknown>> = [];
    renderApp('/console/ops', {
      ...ops,
      ConsoleCases: (variables) => {
        pages.push(variables);
        if (!variables.after) return connection(2, 3, true);
        const last = connection(3, 3).data.returnCases.edges.slice(2);
        return { data: { returnCases: { ...connection(0, 3).data.returnCases, edges: last, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c2' } } } };
      },
    });
    expect(await screen.findAllByTestId('case-row')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Show more cases' }));
    expect(await screen.findByText('Showing 3 of 3')).toBeTruthy();
    expect(pages).toEqual([{ first: 25 }, { first: 25, after: 'c1' }]);
  });

  it('explains an empty list in the words of the role', async () => {
    renderApp('/console/customer', { Viewer: viewerAnswer(demoViewer('CUSTOMER')), ConsoleCases: () => connection(0) });
    expect(await screen.findByRole('heading', { name: 'No returns yet' })).toBeTruthy();
    expect(screen.getByTestId('case-total').textContent).toBe('0 cases');
  });

  it('shows a failure with a way to retry', async () => {
    let calls = 0;
    renderApp('/console/ops', {
      ...ops,
      ConsoleCases: () => (++calls === 1 ? graphqlError('INTERNAL_SERVER_ERROR', 'Something went wrong on our side.') : connection(1)),
    });
    expect(await screen.findByText('Cases could not be loaded')).toBeTruthy();
    expect(screen.getByText('Something went wrong on our side.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('case-row')).toHaveLength(1);
  });

  it("treats another role's console as a page that does not exist", async () => {
    renderApp('/console/ops', { Viewer: viewerAnswer(demoViewer('CUSTOMER')) });
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to your console' }).getAttribute('href')).toBe('/console/customer');
  });

  it('sends anonymous visitors to sign in', async () => {
    renderApp('/console/ops', { Viewer: viewerAnswer(null) });
    expect(await screen.findByRole('heading', { name: 'Sign in to ReturnHub' })).toBeTruthy();
  });

  it('signs the app out when the API says the session has ended', async () => {
    renderApp('/console/ops', { ...ops, ConsoleCases: () => graphqlError('UNAUTHENTICATED', 'Sign in to continue.') });
    expect(await screen.findByRole('heading', { name: 'Sign in to ReturnHub' })).toBeTruthy();
  });
});
