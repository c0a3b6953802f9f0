import './journey.css';
import { Badge, type Tone } from '../../../components/Badge';
import { graphql, getFragmentData, type FragmentType } from '../../../gql';
import type { RefundState } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/dates';
import { formatMoney } from '../../../lib/money';

export const RefundPanelFragment = graphql(`
  fragment RefundPanel_case on ReturnCase {
    id
    status
    type
    outcome
    keepItem
    currency
    refundAmountMinor
    refundAdjustmentReason
    refundedAt
    refunds {
      id
      state
      amountMinor
      currency
      succeededAt
      createdAt
      attempts @include(if: $staff)
      provider @include(if: $staff)
      providerRefundId @include(if: $staff)
      idempotencyKey @include(if: $staff)
      lastAttemptAt @include(if: $staff)
      lastError @include(if: $staff)
    }
  }
`);

const STATE: Record<RefundState, { label: string; tone: Tone }> = {
  PENDING: { label: 'Pending', tone: 'info' },
  SUCCEEDED: { label: 'Paid', tone: 'success' },
  FAILED: { label: 'Failed', tone: 'danger' },
  CANCELED: { label: 'Cancelled', tone: 'neutral' },
};

/**
 * The refund of the case and each attempt to pay it: state, amount and dates for everyone; the provider, its
 * reference, the attempts and the provider's error for staff only (the API does not send them to customers).
 */
export function RefundPanel({ returnCase, staff = false }: { returnCase: FragmentType<typeof RefundPanelFragment>; staff?: boolean }) {
  const rc = getFragmentData(RefundPanelFragment, returnCase);
  if (rc.type !== 'REFUND') return null;
  return (
    <section className="card" aria-labelledby="refund-title" data-testid="refund-panel">
      <div className="card__header">
        <h2 id="refund-title" className="card__title">
          {rc.outcome === 'STORE_CREDIT' ? 'Store credit' : 'Refund'}
        </h2>
        <span className="tabular" data-testid="refund-due">
          {formatMoney(rc.refundAmountMinor, rc.currency)}
        </span>
      </div>
      <div className="card__body stack">
        {rc.refundAdjustmentReason ? (
          <p>
            <span className="muted">Lowered at inspection:</span> {rc.refundAdjustmentReason}
          </p>
        ) : null}
        {rc.refunds.length === 0 ? (
          <p className="muted">
            {rc.keepItem ? 'No refund yet: it is issued when the return is approved.' : 'No refund yet: it is issued when the items pass inspection.'}
          </p>
        ) : (
          <ul className="refund-list">
            {rc.refunds.map((r) => (
              <li key={r.id} className="refund-list__item" data-testid="refund-attempt" data-state={r.state}>
                <div className="refund-list__head">
                  <Badge tone={STATE[r.state].tone}>{STATE[r.state].label}</Badge>
                  <span className="tabular">{formatMoney(r.amountMinor, r.currency)}</span>
                </div>
                <p className="refund-list__meta">{r.succeededAt ? `Paid ${formatDateTime(r.succeededAt)}` : `Issued ${formatDateTime(r.createdAt)}`}</p>
                {staff ? (
                  <>
                    <p className="refund-list__meta" data-testid="refund-provider">
                      {r.provider} · {r.attempts} {r.attempts === 1 ? 'attempt' : 'attempts'}
                      {r.lastAttemptAt ? ` · last ${formatDateTime(r.lastAttemptAt)}` : ''}
                    </p>
                    <p className="refund-list__meta mono">{r.providerRefundId ?? r.idempotencyKey}</p>
                  </>
                ) : null}
                {r.lastError ? (
                  <p className="field__error" data-testid="refund-error">
                    {r.lastError}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {rc.status === 'REFUND_FAILED' && staff ? (
          <p className="field__hint">The provider refused or failed the refund. It is retried automatically every 5 minutes, up to 10 times; “Retry refund” asks again now. Every attempt carries an idempotency key, so the customer is never paid twice.</p>
        ) : null}
      </div>
    </section>
  );
}
