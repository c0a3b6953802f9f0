import { useQuery } from '@apollo/client/react';
import { casePath } from '../../app/auth/roles';
import type { Role } from '../../gql/graphql';
import { getFragmentData } from '../../gql';
import { StoreCreditAccountList } from './StoreCreditAccounts';
import { CustomerStoreCreditDocument, StoreCreditAccountFieldsFragment } from './store-credit.graphql';

/**
 * A customer's store credit where staff and merchants look at a case: ops and admins see every account of the
 * customer, a merchant only the customer's credit with it (the API decides).
 */
export function CustomerCreditCard({ customerId, role }: { customerId: string; role: Role }) {
  const { data, error } = useQuery(CustomerStoreCreditDocument, { variables: { customerId }, fetchPolicy: 'cache-and-network' });
  const accounts = getFragmentData(StoreCreditAccountFieldsFragment, data?.storeCreditAccounts ?? []);
  return (
    <section className="card" aria-labelledby="customer-credit-title" data-testid="customer-store-credit">
      <div className="card__header">
        <h2 id="customer-credit-title" className="card__title">
          Customer's store credit
        </h2>
      </div>
      <div className="card__body">
        {data ? (
          <StoreCreditAccountList accounts={accounts} caseHref={(caseId) => casePath(role, caseId)} emptyText="No store credit." />
        ) : error ? (
          <p className="muted">The store credit could not be loaded.</p>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </div>
    </section>
  );
}
