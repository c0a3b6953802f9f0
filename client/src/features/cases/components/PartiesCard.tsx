import type { SlaTimeoutAction } from '../../../gql/graphql';

const TIMEOUT: Record<SlaTimeoutAction, string> = { ESCALATE: 'Escalate to ops', AUTO_APPROVE: 'Approve automatically', AUTO_REJECT: 'Reject automatically' };

/** Who is on each side of the case, and the merchant's response policy. */
export function PartiesCard({ customer, merchant }: {
  customer: { displayName: string; email?: string | null };
  merchant: { name: string; responseSlaHours: number; slaTimeoutAction: SlaTimeoutAction };
}) {
  return (
    <section className="card" aria-labelledby="parties-title">
      <div className="card__header">
        <h2 id="parties-title" className="card__title">
          People
        </h2>
      </div>
      <dl className="card__body facts-list">
        <div>
          <dt>Customer</dt>
          <dd>
            {customer.displayName}
            {customer.email ? (
              <a className="facts-list__sub" href={`mailto:${customer.email}`}>
                {customer.email}
              </a>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Merchant</dt>
          <dd>
            {merchant.name}
            <span className="facts-list__sub">
              Answers within {merchant.responseSlaHours} h · then: {TIMEOUT[merchant.slaTimeoutAction] ?? merchant.slaTimeoutAction}
            </span>
          </dd>
        </div>
      </dl>
    </section>
  );
}
