import { PriorityLabel, StatusBadge } from '../../../components/Badge';
import { graphql, getFragmentData, type FragmentType } from '../../../gql';
import type { CaseTable_CaseFragment } from '../../../gql/graphql';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { formatMoney } from '../../../lib/money';
import './case-table.css';

export const CaseTableCaseFragment = graphql(`
  fragment CaseTable_case on ReturnCase {
    id
    number
    status
    priority
    type
    createdAt
    refundAmountMinor
    currency
    customer {
      id
      displayName
    }
    merchant {
      id
      name
    }
    order {
      id
      number
    }
    items {
      id
      quantity
      orderItem {
        id
        name
      }
    }
  }
`);

export interface CaseTableColumns {
  customer: boolean;
  merchant: boolean;
}

/** "2 × Trail shoes", or "2 × Trail shoes + 1 more" when several items come back together. */
export function summarizeItems(items: CaseTable_CaseFragment['items']): string {
  if (items.length === 0) return 'No items';
  const [first] = items;
  const lead = `${first.quantity} × ${first.orderItem.name}`;
  return items.length === 1 ? lead : `${lead} + ${items.length - 1} more`;
}

function CaseRow({ returnCase, columns }: { returnCase: CaseTable_CaseFragment; columns: CaseTableColumns }) {
  return (
    <tr className="case-table__row" data-testid="case-row">
      <td className="case-table__case" data-label="Case">
        <span className="case-table__number">{returnCase.number}</span>
        <span className="case-table__detail">
          Order {returnCase.order.number} · {summarizeItems(returnCase.items)}
        </span>
      </td>
      <td data-label="Status">
        <StatusBadge status={returnCase.status} />
      </td>
      <td data-label="Priority">
        <PriorityLabel priority={returnCase.priority} />
      </td>
      {columns.customer ? (
        <td className="case-table__party" data-label="Customer">
          {returnCase.customer.displayName}
        </td>
      ) : null}
      {columns.merchant ? (
        <td className="case-table__party" data-label="Merchant">
          {returnCase.merchant.name}
        </td>
      ) : null}
      <td className="case-table__date" data-label="Created">
        <time dateTime={returnCase.createdAt} title={formatDateTime(returnCase.createdAt)}>
          {formatDate(returnCase.createdAt)}
        </time>
      </td>
      <td className="case-table__amount" data-label={returnCase.type === 'EXCHANGE' ? 'Exchange value' : 'Refund'}>
        <span>
          {formatMoney(returnCase.refundAmountMinor, returnCase.currency)}
          {returnCase.type === 'EXCHANGE' ? <span className="case-table__type">Exchange</span> : null}
        </span>
      </td>
    </tr>
  );
}

/** The cases a console lists: a table on wide screens, one card per case on a phone. */
export function CaseTable({
  cases,
  columns,
  caption,
}: {
  cases: ReadonlyArray<FragmentType<typeof CaseTableCaseFragment>>;
  columns: CaseTableColumns;
  caption: string;
}) {
  const rows = getFragmentData(CaseTableCaseFragment, cases);
  return (
    <div className="case-table__scroller">
      <table className="case-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">Status</th>
            <th scope="col">Priority</th>
            {columns.customer ? <th scope="col">Customer</th> : null}
            {columns.merchant ? <th scope="col">Merchant</th> : null}
            <th scope="col">Created</th>
            <th scope="col" className="case-table__amount">
              Refund
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((returnCase) => (
            <CaseRow key={returnCase.id} returnCase={returnCase} columns={columns} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
