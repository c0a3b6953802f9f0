import { useQuery } from '@apollo/client/react';
import { getFragmentData } from '../../gql';
import { StoreCreditAccountList } from './StoreCreditAccounts';
import { MyStoreCreditDocument, StoreCreditAccountFieldsFragment } from './store-credit.graphql';

/** The customer's store credit on their orders page: shown once they have any (nothing while loading or on error). */
export function MyStoreCreditCard() {
  const { data } = useQuery(MyStoreCreditDocument, { fetchPolicy: 'cache-and-network' });
  const accounts = getFragmentData(StoreCreditAccountFieldsFragment, data?.me?.storeCredit ?? []);
  if (accounts.length === 0) return null;
  return (
    <section className="card" aria-labelledby="my-credit-title" data-testid="my-store-credit">
      <div className="card__header">
        <h2 id="my-credit-title" className="card__title">
          Your store credit
        </h2>
      </div>
      <div className="card__body">
        <p className="muted">Credit from your returns, to spend with the same shop.</p>
        <StoreCreditAccountList accounts={accounts} caseHref={(caseId) => `/customer/${caseId}`} emptyText="" />
      </div>
    </section>
  );
}
