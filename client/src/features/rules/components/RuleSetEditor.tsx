import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ErrorState, LoadingState } from '../../../components/PageState';
import { getFragmentData } from '../../../gql';
import { ReturnRulesDocument, RuleSetFragment } from '../graphql/rules';
import { RulesWorkspace } from './RulesWorkspace';

/**
 * One merchant's rules, loaded and edited. The workspace is keyed by the loaded version: a save or a reload after a
 * conflict starts a fresh draft from what the server now has.
 */
export function RuleSetEditor({ merchantId }: { merchantId: string }) {
  const { data, error, refetch } = useQuery(ReturnRulesDocument, { variables: { merchantId }, fetchPolicy: 'network-only' });
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [reloads, setReloads] = useState(0);
  const ruleSet = getFragmentData(RuleSetFragment, data?.returnRules);
  if (!ruleSet) {
    return error ? <ErrorState title="The rules could not be loaded" error={error} onRetry={() => void refetch().catch(() => undefined)} /> : <LoadingState label="Loading the rules…" />;
  }
  const reload = () => {
    setSavedVersion(null);
    void refetch().then(() => setReloads((n) => n + 1), () => undefined);
  };
  return (
    <>
      {savedVersion !== null && savedVersion === ruleSet.version ? (
        <p className="alert alert--success" role="status" data-testid="rules-saved">
          Saved as version {savedVersion}. New returns follow these rules from now on.
        </p>
      ) : null}
      <RulesWorkspace key={`${merchantId}:${ruleSet.version}:${reloads}`} merchantId={merchantId} ruleSet={ruleSet} onSaved={(saved) => setSavedVersion(saved.version)} onReload={reload} />
    </>
  );
}
