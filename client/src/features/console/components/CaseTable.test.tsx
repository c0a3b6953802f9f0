import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFragmentData } from '../../../gql';
import type { CaseTable_CaseFragment } from '../../../gql/graphql';
import { caseFixture } from '../../../test/fixtures';
import { CaseTable, CaseTableCaseFragment, summarizeItems } from './CaseTable';

afterEach(cleanup);

const asRef = (data: CaseTable_CaseFragment) => makeFragmentData(data, CaseTableCaseFragment);

describe('CaseTable', () => {
  it('renders one readable row per case', () => {
    render(
      <CaseTable
        caption="All cases"
        columns={{ customer: true, merchant: true }}
        cases={[asRef(caseFixture()), asRef(caseFixture({ id: 'case-2', number: 'RET-2611-000002', status: 'REFUNDED', priority: 'LOW', type: 'EXCHANGE' }))]}
      />,
    );
    const rows = screen.getAllByTestId('case-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0]);
    expect(first.getByText('RET-2611-000001')).toBeTruthy();
    expect(first.getByText('Order ORD-100048 · 2 × Trail shoes')).toBeTruthy();
    expect(first.getByText('Waiting for merchant')).toBeTruthy();
    expect(first.getByText('Urgent')).toBeTruthy();
    expect(first.getByText('Chloe Carter')).toBeTruthy();
    expect(first.getByText('Northwind Goods')).toBeTruthy();
    expect(first.getByText(/\$184\.98/)).toBeTruthy();
    expect(rows[0].querySelector('time')?.getAttribute('datetime')).toBe('2026-11-20T10:00:00.000Z');
    expect(within(rows[1]).getByText('Refunded')).toBeTruthy();
    expect(within(rows[1]).getByText('Exchange')).toBeTruthy();
  });

  it('shows only the other party of the case', () => {
    render(<CaseTable caption="Your returns" columns={{ customer: false, merchant: true }} cases={[asRef(caseFixture())]} />);
    const headers = screen.getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Case', 'Status', 'Priority', 'Merchant', 'Created', 'Refund']);
    expect(screen.queryByText('Chloe Carter')).toBeNull();
  });

  it('summarises several returned items', () => {
    const item = caseFixture().items[0];
    expect(summarizeItems([item, { ...item, id: 'i2' }, { ...item, id: 'i3' }])).toBe('2 × Trail shoes + 2 more');
    expect(summarizeItems([])).toBe('No items');
  });
});
