import { useQuery } from '@apollo/client/react';
import { ErrorState, LoadingState } from '../../components/PageState';
import { RulesOwnMerchantDocument } from './graphql/rules';
import { RuleSetEditor } from './components/RuleSetEditor';
import './rules.css';

/** /rules — a merchant's own return rules, with the simulator beside them. */
export default function RulesPage() {
  const { data, error, refetch } = useQuery(RulesOwnMerchantDocument);
  const merchant = data?.me?.merchantProfile;
  return (
    <div className="page rules-page">
      <title>Return rules · ReturnHub</title>
      <header className="page-header">
        <p className="eyebrow">{merchant?.name ?? 'Your shop'}</p>
        <h1>Return rules</h1>
        <p className="muted">Decide which returns are approved at once, reviewed, refused or kept — and see what a change would have done to your past returns before you save it.</p>
      </header>
      {merchant ? (
        <RuleSetEditor merchantId={merchant.id} />
      ) : error ? (
        <ErrorState title="Your shop could not be loaded" error={error} onRetry={() => void refetch().catch(() => undefined)} />
      ) : data ? (
        <ErrorState title="No shop is linked to this account" />
      ) : (
        <LoadingState />
      )}
    </div>
  );
}
