import { Link } from 'react-router';
import type { StoreCreditAccountFieldsFragment, StoreCreditMovementKind } from '../../gql/graphql';
import { formatDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import './store-credit.css';

const KIND: Record<StoreCreditMovementKind, string> = { ISSUED: 'Credit issued', BONUS: 'Bonus', SPENT: 'Spent' };

/** What one movement was, in words: its kind, and the case or order it belongs to. */
export function describeMovement(movement: Pick<StoreCreditAccountFieldsFragment['history'][number], 'kind' | 'caseNumber' | 'orderNumber'>): string {
  const about = [movement.caseNumber ? `return ${movement.caseNumber}` : null, movement.orderNumber ? `order ${movement.orderNumber}` : null].filter(Boolean).join(', ');
  if (movement.kind === 'ISSUED' && movement.orderNumber) return `Credit given back (order ${movement.orderNumber} cancelled)`;
  return about ? `${KIND[movement.kind]} · ${about}` : KIND[movement.kind];
}

/**
 * Store-credit accounts, one per merchant: the balance, the totals, and the latest movements, newest first.
 * `caseHref` links a movement to its return case (the viewer's own case path), when the viewer may open it.
 */
export function StoreCreditAccountList({ accounts, caseHref, emptyText }: {
  accounts: readonly StoreCreditAccountFieldsFragment[];
  caseHref?: (caseId: string) => string;
  emptyText: string;
}) {
  if (accounts.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <ul className="credit-accounts" aria-label="Store credit accounts">
      {accounts.map((account) => (
        <li key={account.merchantId} className="credit-account" data-testid="credit-account" data-merchant={account.merchantName}>
          <div className="credit-account__head">
            <span>{account.merchantName}</span>
            <strong className="credit-account__balance" data-testid="credit-balance">
              {formatMoney(account.balanceMinor, account.currency)}
            </strong>
          </div>
          <p className="muted credit-account__totals">
            Issued {formatMoney(account.issuedMinor, account.currency)} · bonus {formatMoney(account.bonusMinor, account.currency)} · spent{' '}
            {formatMoney(account.spentMinor, account.currency)}
          </p>
          {account.history.length > 0 ? (
            <details className="credit-account__history">
              <summary>History</summary>
              <table className="credit-history">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">What</th>
                    <th scope="col" className="num">Amount</th>
                    <th scope="col" className="num">Balance</th>
                  </tr>
                </thead>
                <tbody>
                  {account.history.map((movement) => (
                    <tr key={movement.id} data-testid="credit-movement">
                      <td>{formatDate(movement.createdAt)}</td>
                      <td>
                        {movement.caseId && caseHref ? <Link to={caseHref(movement.caseId)}>{describeMovement(movement)}</Link> : describeMovement(movement)}
                      </td>
                      <td className="num">
                        {movement.amountMinor > 0 ? '+' : ''}
                        {formatMoney(movement.amountMinor, account.currency)}
                      </td>
                      <td className="num">{formatMoney(movement.balanceAfterMinor, account.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
