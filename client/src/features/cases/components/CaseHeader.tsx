import type { ReactNode } from 'react';
import { Badge, StatusBadge } from '../../../components/Badge';
import { graphql, getFragmentData, type FragmentType } from '../../../gql';
import { formatDate, formatDateTime } from '../../../lib/dates';

export const CaseHeaderFragment = graphql(`
  fragment CaseHeader_case on ReturnCase {
    id
    number
    status
    type
    createdAt
    order {
      id
      number
    }
    customer {
      id
      displayName
    }
    merchant {
      id
      name
    }
  }
`);

/** The case's identity line: number, status, order, parties. Role-specific controls go in `children`. */
export function CaseHeader({ returnCase, eyebrow, children, aside }: {
  returnCase: FragmentType<typeof CaseHeaderFragment>;
  eyebrow: string;
  children?: ReactNode;
  aside?: ReactNode;
}) {
  const rc = getFragmentData(CaseHeaderFragment, returnCase);
  return (
    <header className="case-header card">
      <div className="case-header__main">
        <div className="case-header__identity">
          <p className="eyebrow">{eyebrow}</p>
          <div className="case-header__title-row">
            <h1 className="case-header__number mono" data-testid="case-number">
              {rc.number}
            </h1>
            <span data-testid="case-status">
              <StatusBadge status={rc.status} />
            </span>
            {rc.type === 'EXCHANGE' ? <Badge tone="attention">Exchange</Badge> : null}
          </div>
          <p className="case-header__meta">
            <span>Order {rc.order.number}</span>
            <span aria-hidden="true">·</span>
            <span>{rc.customer.displayName}</span>
            <span aria-hidden="true">·</span>
            <span>{rc.merchant.name}</span>
            <span aria-hidden="true">·</span>
            <span>
              Opened <time dateTime={rc.createdAt} title={formatDateTime(rc.createdAt)}>{formatDate(rc.createdAt)}</time>
            </span>
          </p>
        </div>
        {aside ? <div className="case-header__aside">{aside}</div> : null}
      </div>
      {children ? <div className="case-header__controls">{children}</div> : null}
    </header>
  );
}
