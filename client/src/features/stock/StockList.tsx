import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { SearchField, submittedSearch } from '../../components/SearchField';
import { Badge } from '../../components/Badge';
import { graphql } from '../../gql';
import type { StockLevelsQuery } from '../../gql/graphql';
import { useUrlParams } from '../../lib/use-url-params';
import { AdminTable, ListCard, ListStates, type Column } from '../admin/components/AdminTable';
import '../admin/admin.css';
import './stock.css';

export const StockLevelsDocument = graphql(`
  query StockLevels($merchantId: ID, $search: String, $first: Int, $after: String) {
    stock(merchantId: $merchantId, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          sku
          name
          stock
          lowStock
          merchant {
            id
            name
          }
        }
      }
    }
  }
`);

const StockMerchantsDocument = graphql(`
  query StockMerchants {
    merchants {
      items {
        id
        name
      }
    }
  }
`);

type ProductRow = StockLevelsQuery['stock']['edges'][number]['node'];
const PAGE_SIZE = 25;

interface StockParams {
  search: string;
  merchantId: string | null;
}

const readParams = (params: URLSearchParams): StockParams => ({ search: (params.get('q') ?? '').trim(), merchantId: params.get('merchant') || null });

function writeParams(p: StockParams): URLSearchParams {
  const out = new URLSearchParams();
  if (p.search) out.set('q', p.search);
  if (p.merchantId) out.set('merchant', p.merchantId);
  return out;
}

/** An admin's choice of merchant (every merchant when none is chosen). */
function MerchantPicker({ id, value, onChange }: { id: string; value: string | null; onChange: (merchantId: string | null) => void }) {
  const { data } = useQuery(StockMerchantsDocument);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Merchant
      </label>
      <select id={id} className="field__input" value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">Every merchant</option>
        {(data?.merchants.items ?? []).map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function StockFilters({ params, onChange, chooseMerchant }: { params: StockParams; onChange: (patch: Partial<StockParams>) => void; chooseMerchant: boolean }) {
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ search: submittedSearch(event.currentTarget) });
  };
  return (
    <form className="admin-filters" role="search" onSubmit={submit}>
      <SearchField value={params.search} placeholder="SKU or product name" inputId={`${id}-q`} />
      {chooseMerchant ? <MerchantPicker id={`${id}-merchant`} value={params.merchantId} onChange={(merchantId) => onChange({ merchantId })} /> : null}
    </form>
  );
}

/**
 * Stock per SKU, in SKU order, a page at a time (the API's cursor connection), with low stock highlighted.
 * Merchants see their own products; admins pick a merchant or see every one (with a merchant column).
 */
export function StockList({ chooseMerchant = false }: { chooseMerchant?: boolean }) {
  const [params, changeParams] = useUrlParams(readParams, writeParams);
  // The pages before this one (the cursor after which this page starts, and how many rows came before it);
  // reset whenever the filters change.
  const [trail, setTrail] = useState<{ key: string; cursors: Array<{ after: string; before: number }> }>({ key: '', cursors: [] });
  const filterKey = `${params.search}\u0000${params.merchantId ?? ''}`;
  const cursors = trail.key === filterKey ? trail.cursors : [];
  const after = cursors.at(-1)?.after ?? null;
  const { data, previousData, loading, error, refetch, networkStatus } = useQuery(StockLevelsDocument, {
    variables: { search: params.search || null, merchantId: chooseMerchant ? params.merchantId : null, first: PAGE_SIZE, after },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const stock = (data ?? previousData)?.stock;
  const filtered = Boolean(params.search || params.merchantId);
  const update = (patch: Partial<StockParams>) => changeParams((current) => ({ ...current, ...patch }));

  const columns: Column<ProductRow>[] = [
    { header: 'SKU', className: 'mono', cell: (p) => p.sku },
    { header: 'Product', cell: (p) => p.name },
    ...(chooseMerchant && !params.merchantId ? [{ header: 'Merchant', cell: (p: ProductRow) => p.merchant.name }] : []),
    {
      header: 'In stock',
      className: 'stock-table__count',
      cell: (p) => (
        <>
          <span data-testid="stock-count">{p.stock}</span> {p.lowStock ? <Badge tone="warning">Low stock</Badge> : null}
        </>
      ),
    },
  ];
  const start = (cursors.at(-1)?.before ?? 0) + 1;

  return (
    <ListCard
      id="stock-title"
      title="Stock"
      count={stock ? <span data-testid="stock-total">{`${stock.totalCount} ${stock.totalCount === 1 ? 'SKU' : 'SKUs'}`}</span> : undefined}
      busy={networkStatus === NetworkStatus.setVariables || networkStatus === NetworkStatus.refetch}
      tools={<StockFilters key={filterKey} params={params} onChange={update} chooseMerchant={chooseMerchant} />}
      footer={
        stock && stock.totalCount > 0 ? (
          <>
            <p className="muted">
              {start}–{start + stock.edges.length - 1} of {stock.totalCount}
            </p>
            <nav className="stock-pager" aria-label="Stock pages">
              <button type="button" className="button button--secondary button--small" disabled={cursors.length === 0} onClick={() => setTrail({ key: filterKey, cursors: cursors.slice(0, -1) })}>
                Previous
              </button>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={!stock.pageInfo.hasNextPage || !stock.pageInfo.endCursor}
                onClick={() => setTrail({ key: filterKey, cursors: [...cursors, { after: stock.pageInfo.endCursor!, before: start - 1 + stock.edges.length }] })}
              >
                Next
              </button>
            </nav>
          </>
        ) : undefined
      }
    >
      <ListStates
        hasData={Boolean(stock)}
        loading={loading}
        error={error}
        onRetry={() => void refetch().catch(() => undefined)}
        isEmpty={stock?.edges.length === 0}
        loadingLabel="Loading stock…"
        errorTitle="Stock could not be loaded"
        empty={{ title: filtered ? 'No products match' : 'No products yet', body: filtered ? 'Try another SKU or name.' : undefined }}
      >
        <AdminTable
          caption="Stock per SKU"
          columns={columns}
          rows={stock?.edges.map((e) => e.node) ?? []}
          rowKey={(p) => p.id}
          rowTestId="stock-row"
          rowClassName={(p) => (p.lowStock ? 'stock-table__row--low' : undefined)}
        />
      </ListStates>
    </ListCard>
  );
}
