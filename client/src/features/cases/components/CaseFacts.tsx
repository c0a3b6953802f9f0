import { Badge, humanize, reasonLabel } from '../../../components/Badge';
import { graphql, getFragmentData, type FragmentType } from '../../../gql';
import { formatDate } from '../../../lib/dates';
import { formatMoney } from '../../../lib/money';

export const CaseFactsFragment = graphql(`
  fragment CaseFacts_case on ReturnCase {
    id
    type
    outcome
    keepItem
    keepItemRule @include(if: $staff)
    storeCreditBonusPercent
    reason
    description
    currency
    refundAmountMinor
    restockingFeeMinor
    returnShippingFeeMinor
    reconciliationPaidMinor
    reconciliationDueMinor
    reconciliationFlaggedAt
    decisionReason
    carrier
    trackingNumber
    order {
      id
      number
      placedAt
      deliveredAt
    }
    merchant {
      id
      name
      returnWindowDays
      responseSlaHours
    }
    items {
      id
      quantity
      condition
      restockable
      orderItem {
        id
        name
        sku
        unitPriceMinor
      }
    }
  }
`);

/** What the customer gets: a refund to the original payment, store credit (with its bonus), or an exchange. */
function outcomeLabel(rc: { type: string; outcome: string; storeCreditBonusPercent?: number | null }): string {
  if (rc.outcome === 'STORE_CREDIT') return rc.storeCreditBonusPercent ? `Store credit +${rc.storeCreditBonusPercent} %` : 'Store credit';
  return rc.type === 'EXCHANGE' ? 'Exchange' : 'Refund';
}

/** What is being returned and why: items, amounts, the customer's words, the decision reason. */
export function CaseFacts({ returnCase, audience = 'staff' }: { returnCase: FragmentType<typeof CaseFactsFragment>; audience?: 'customer' | 'staff' }) {
  const rc = getFragmentData(CaseFactsFragment, returnCase);
  const gross = rc.items.reduce((sum, item) => sum + item.quantity * item.orderItem.unitPriceMinor, 0);
  const inspected = rc.items.some((item) => item.condition !== null && item.condition !== undefined);
  return (
    <section className="card" aria-labelledby="case-facts-title">
      <div className="card__header">
        <h2 id="case-facts-title" className="card__title">
          What is coming back
        </h2>
        <span className="muted case-facts__reason">
          {reasonLabel(rc.reason)} · {outcomeLabel(rc)}
        </span>
      </div>
      <div className="case-facts">
        {rc.keepItem ? (
          <p className="alert alert--info" data-testid="keep-item">
            {audience === 'customer' ? 'You keep the item — no need to send it back.' : rc.keepItemRule ? `Kept by customer (rule ${rc.keepItemRule}).` : 'Kept by customer (a return rule).'}
          </p>
        ) : null}
        {audience !== 'customer' && rc.reconciliationFlaggedAt ? (
          <p className="alert alert--warning" data-testid="reconciliation">
            Refund paid before inspection: {formatMoney(rc.reconciliationPaidMinor ?? 0, rc.currency)} paid, {formatMoney(rc.reconciliationDueMinor ?? 0, rc.currency)} due.
            The difference of {formatMoney((rc.reconciliationPaidMinor ?? 0) - (rc.reconciliationDueMinor ?? 0), rc.currency)} was not taken back: flagged for ops to settle.
          </p>
        ) : null}
        <table className="items-table">
          <caption className="visually-hidden">Returned items</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="items-table__num">
                Qty
              </th>
              <th scope="col" className="items-table__num">
                Unit price
              </th>
              {inspected ? <th scope="col">Inspection</th> : null}
            </tr>
          </thead>
          <tbody>
            {rc.items.map((item) => (
              <tr key={item.id}>
                <td>
                  <span className="items-table__name">{item.orderItem.name}</span>
                  <span className="items-table__sku mono">{item.orderItem.sku}</span>
                </td>
                <td className="items-table__num tabular">{item.quantity}</td>
                <td className="items-table__num tabular">{formatMoney(item.orderItem.unitPriceMinor, rc.currency)}</td>
                {inspected ? (
                  <td>
                    <span className="items-table__inspection">
                      {item.condition ? humanize(item.condition) : '—'}
                      {item.restockable ? <Badge tone="success">Restockable</Badge> : null}
                    </span>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="money-lines">
          <div>
            <dt>Items</dt>
            <dd className="tabular">{formatMoney(gross, rc.currency)}</dd>
          </div>
          {rc.restockingFeeMinor > 0 ? (
            <div>
              <dt>Restocking fee</dt>
              <dd className="tabular">−{formatMoney(rc.restockingFeeMinor, rc.currency)}</dd>
            </div>
          ) : null}
          {rc.returnShippingFeeMinor > 0 ? (
            <div>
              <dt>Return shipping</dt>
              <dd className="tabular">−{formatMoney(rc.returnShippingFeeMinor, rc.currency)}</dd>
            </div>
          ) : null}
          <div className="money-lines__total">
            <dt>{rc.type === 'EXCHANGE' ? 'Exchange value' : rc.outcome === 'STORE_CREDIT' ? 'Store credit due' : 'Refund due'}</dt>
            <dd className="tabular" data-testid="refund-amount">
              {formatMoney(rc.refundAmountMinor, rc.currency)}
            </dd>
          </div>
          {rc.outcome === 'STORE_CREDIT' && (rc.storeCreditBonusPercent ?? 0) > 0 ? (
            <div data-testid="credit-bonus">
              <dt>Bonus ({rc.storeCreditBonusPercent} %)</dt>
              <dd className="tabular">+{formatMoney(Math.floor((rc.refundAmountMinor * (rc.storeCreditBonusPercent ?? 0)) / 100), rc.currency)}</dd>
            </div>
          ) : null}
        </dl>
        {rc.description ? (
          <div className="case-facts__block">
            <h3 className="case-facts__label">{audience === 'customer' ? 'In your words' : 'In the customer’s words'}</h3>
            <blockquote className="case-facts__quote">{rc.description}</blockquote>
          </div>
        ) : null}
        {rc.decisionReason ? (
          <div className="case-facts__block">
            <h3 className="case-facts__label">Decision note</h3>
            <p>{rc.decisionReason}</p>
          </div>
        ) : null}
        <dl className="facts-grid">
          <div>
            <dt>Order</dt>
            <dd>{rc.order.number}</dd>
          </div>
          <div>
            <dt>Delivered</dt>
            <dd>{rc.order.deliveredAt ? formatDate(rc.order.deliveredAt) : '—'}</dd>
          </div>
          <div>
            <dt>Return window</dt>
            <dd>{rc.merchant.returnWindowDays} days</dd>
          </div>
          {rc.trackingNumber ? (
            <div>
              <dt>Shipment</dt>
              <dd>
                {rc.carrier} <span className="mono">{rc.trackingNumber}</span>
              </dd>
            </div>
          ) : null}
        </dl>
      </div>
    </section>
  );
}
