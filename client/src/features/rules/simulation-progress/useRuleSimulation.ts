import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useState } from 'react';
import { getFragmentData, graphql } from '../../../gql';
import type { RuleSimulationJobFieldsFragment, StartRuleSimulationMutationVariables } from '../../../gql/graphql';

export const RuleSimulationJobFields = graphql(`
  fragment RuleSimulationJobFields on RuleSimulationJob {
    id
    status
    casesDone
    casesTotal
    error
    finishedAt
    result {
      ...RuleSimulation_result
    }
  }
`);

const StartRuleSimulationDocument = graphql(`
  mutation StartRuleSimulation($merchantId: ID!, $rules: [ReturnRuleInput!]!, $from: DateTimeISO!, $to: DateTimeISO!) {
    startRuleSimulation(merchantId: $merchantId, rules: $rules, from: $from, to: $to) {
      ...RuleSimulationJobFields
    }
  }
`);

const RuleSimulationDocument = graphql(`
  query RuleSimulation($id: ID!) {
    ruleSimulation(id: $id) {
      ...RuleSimulationJobFields
    }
  }
`);

/** How often a running simulation is asked about (the server writes progress every 5,000 cases). */
export const POLL_MS = 1000;

export const isFinished = (job: Pick<RuleSimulationJobFieldsFragment, 'status'> | null | undefined) => job?.status === 'DONE' || job?.status === 'FAILED';

/**
 * Runs a policy simulation in the background (startRuleSimulation) and follows the last one started (ruleSimulation,
 * polled until it is done or failed). For ranges too large for simulateReturnRules' answer in the request.
 * `start` throws the API's refusal, for the caller to place; a refused start leaves the previous simulation followed.
 */
export function useRuleSimulation() {
  const [id, setId] = useState<string | null>(null);
  const [mutate, { loading: starting }] = useMutation(StartRuleSimulationDocument);
  const { data, startPolling, stopPolling } = useQuery(RuleSimulationDocument, { variables: { id: id ?? '' }, skip: !id });
  const answer = getFragmentData(RuleSimulationJobFields, data?.ruleSimulation) ?? null;
  // Right after a start the query may still hold the previous simulation's answer.
  const job = answer?.id === id ? answer : null;
  const finished = isFinished(job);
  // Asked again every second until it is done or failed.
  useEffect(() => {
    if (!id) return;
    if (finished) stopPolling();
    else startPolling(POLL_MS);
  }, [id, finished, startPolling, stopPolling]);

  const start = useCallback(
    async (variables: StartRuleSimulationMutationVariables): Promise<void> => {
      const started = await mutate({ variables });
      const queued = getFragmentData(RuleSimulationJobFields, started.data?.startRuleSimulation);
      if (!queued) throw new Error('The simulation was not started.');
      setId(queued.id);
    },
    [mutate],
  );
  return { start, starting, job };
}
