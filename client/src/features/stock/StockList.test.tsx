import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { demoViewer, renderApp, viewerAnswer } from '../../test/render-app';

const northwind = { __typename: 'MerchantProfile' as const, id: 'm1', name: 'Northwind Goods' };
const bazaar = { __typename: 'MerchantProfile' as const, id: 'm2', name: 'Bazaar Marketplace' };

const product = (sku: string, name: string, stock: number, merchant = northwind) => ({
  __typename: 'Product' as const,
  id: `p-${sku}`,
  sku,
  name,
  stock,
  lowStock: stock <= 5,
  merchant,
});

const page = (nodes: ReturnType<typeof product>[], totalCount: number, endCursor: string | null) => ({
  data: {
    stock: {
      __typename: 'ProductConnection',
      totalCount,
      pageInfo: { __typename: 'PageInfo', hasNextPage: endCursor !== null, endCursor },
      edges: nodes.map((node) => ({ __typename: 'ProductEdge', cursor: `c-${node.sku}`, node })),
    },
  },
});

describe('stock pages', () => {
  it('lists a merchant’s SKUs with low stock highlighted, pages by cursor and searches', async () => {
    const stock = vi.fn((variables: Record<string, unknown>) => {
      if (variables.search) return page([product('NW-MUG', 'Enamel mug', 40)], 1, null);
      if (variables.after === 'c-NW-BAG') return page([product('NW-CAP', 'Wool cap', 9)], 3, null);
      return page([product('NW-APR', 'Canvas apron', 2), product('NW-BAG', 'Tote bag', 12)], 3, 'c-NW-BAG');
    });
    renderApp('/stock', { Viewer: viewerAnswer(demoViewer('MERCHANT')), StockLevels: stock });

    const rows = await screen.findAllByTestId('stock-row', {}, { timeout: 5000 });
    expect(rows.map((r) => within(r).getByTestId('stock-count').textContent)).toEqual(['2', '12']);
    expect(rows[0].className).toContain('stock-table__row--low');
    expect(within(rows[0]).getByText('Low stock')).toBeTruthy();
    expect(rows[1].className).not.toContain('stock-table__row--low');
    expect(within(rows[1]).queryByText('Low stock')).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Merchant' })).toBeNull();
    expect(stock).toHaveBeenCalledWith(expect.objectContaining({ merchantId: null, after: null, first: 25 }));

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(screen.getByText('Wool cap')).toBeTruthy());
    expect(stock).toHaveBeenLastCalledWith(expect.objectContaining({ after: 'c-NW-BAG' }));
    expect(screen.getByText('3–3 of 3')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    await waitFor(() => expect(screen.getByText('Canvas apron')).toBeTruthy());

    fireEvent.change(screen.getByLabelText('Search'), { target: { value: ' mug ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(screen.getByText('Enamel mug')).toBeTruthy());
    expect(stock).toHaveBeenLastCalledWith(expect.objectContaining({ search: 'mug', after: null }));
  });

  it('lets an admin see every merchant’s stock, or pick one', async () => {
    const stock = vi.fn((variables: Record<string, unknown>) =>
      variables.merchantId === 'm2' ? page([product('BZ-LAMP', 'Desk lamp', 0, bazaar)], 1, null) : page([product('BZ-LAMP', 'Desk lamp', 0, bazaar), product('NW-BAG', 'Tote bag', 12)], 2, null),
    );
    const merchants = () => ({ data: { merchants: { __typename: 'MerchantPage', items: [northwind, bazaar] } } });
    renderApp('/admin/stock', { Viewer: viewerAnswer(demoViewer('ADMIN')), StockLevels: stock, StockMerchants: merchants });

    expect(await screen.findByRole('columnheader', { name: 'Merchant' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.getAllByTestId('stock-row')).toHaveLength(2);
    await screen.findByRole('option', { name: 'Bazaar Marketplace' });
    fireEvent.change(screen.getByLabelText('Merchant'), { target: { value: 'm2' } });
    await waitFor(() => expect(screen.getAllByTestId('stock-row')).toHaveLength(1));
    expect(stock).toHaveBeenLastCalledWith(expect.objectContaining({ merchantId: 'm2' }));
    expect(screen.queryByRole('columnheader', { name: 'Merchant' })).toBeNull();
  });
});
