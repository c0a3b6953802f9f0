import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useState } from 'react';
import { getFragmentData, graphql } from '../../../gql';
import type { ReturnRuleInput, RuleSimulationJobFieldsFragment } from '../../../gql/graphql';
import { describeApiError, type ApiProblem } from '../../../lib/errors';

export const RuleSimulationJobFields = graphql(`
  fragment RuleSimulationJobFields on RuleSimulationJob {
    id status casesDone casesTotal error finishedAt
    result {
      cases currency changedCases { caseId number before after }
      before { approved refused reviewed undecided kept credited refundMinor creditMinor creditBonusMinor labelsAvoided shippingAvoidedMinor }
      after { approved refused reviewed undecided kept credited refundMinor creditMinor creditBonusMinor labelsAvoided shippingAvoidedMinor }
    }
  }
`);

const StartRuleSimulationDocument = graphql(`
  mutation StartRuleSimulation($merchantId: ID!, $rules: [ReturnRuleInput!]!, $from: DateTimeISO!, $to: DateTimeISO!) {
    startRuleSimulation(merchantId: $merchantId, rules: $rules, from: $from, to: $to) { ...RuleSimulationJobFields }
  }
`);

const RuleSimulationDocument = graphql(`
  query RuleSimulation($id: ID!) {
    ruleSimulation(id: $id) { ...RuleSimulationJobFields }
  }
`);

/** How often a running simulation is asked about (the server writes progress every 5,000 cases). */
export const POLL_MS = 1000;

export const isFinished = (job: Pick<RuleSimulationJobFieldsFragment, 'status'> | null | undefined) => job?.status === 'DONE' || job?.status === 'FAILED';

/**
 * Runs a policy simulation in the background (startRuleSimulation) and follows it (ruleSimulation, polled until it is
 * done or failed). For ranges too large for simulateReturnRules' answer in the request.
 */
export function useRuleSimulation() {
  const [id, setId] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [mutate, { loading: starting }] = useMutation(StartRuleSimulationDocument);
  const { data, startPolling, stopPolling } = useQuery(RuleSimulationDocument, { variables: { id: id ?? '' }, skip: !id });
  const job = getFragmentData(RuleSimulationJobFields, data?.ruleSimulation) ?? null;
  const finished = isFinished(job);
  // Asked again every second until it is done or failed.
  useEffect(() => {
    if (!id) return;
    if (finished) stopPolling();
    else startPolling(POLL_MS);
  }, [id, finished, startPolling, stopPolling]);

  const start = useCallback(
    async (merchantId: string, rules: ReturnRuleInput[], from: Date, to: Date): Promise<boolean> => {
      setProblem(null);
      setId(null);
      try {
        const answer = await mutate({ variables: { merchantId, rules, from: from.toISOString(), to: to.toISOString() } });
        const started = getFragmentData(RuleSimulationJobFields, answer.data?.startRuleSimulation);
        setId(started?.id ?? null);
        return !!started;
      } catch (error) {
        setProblem(describeApiError(error));
        return false;
      }
    },
    [mutate],
  );
  return { start, starting, job, problem };
}
