import { useApolloClient, useMutation } from '@apollo/client/react';
import { useMemo, useReducer, useState } from 'react';
import { getFragmentData } from '../../../gql';
import type { RuleSet_ReturnRulesFragment, RuleSimulation_ResultFragment } from '../../../gql/graphql';
import { ReturnRulesDocument, RuleSetFragment, RuleSimulationResultFragment, SaveReturnRulesDocument, SimulateReturnRulesDocument } from '../graphql/rules';
import { ruleDraftOf, toRulesInput, type RuleDraft, type RuleProblems } from '../rule-draft';
import { isTooManyCases, ruleSetProblem, type RuleSetProblem } from '../rule-set-problem';
import { rulesReducer } from '../rules-reducer';
import { isFinished, useRuleSimulation } from '../simulation-progress/useRuleSimulation';

export type Simulation = RuleSimulation_ResultFragment;

/** The exact draft a simulation ran on, and its range: any edit makes a new draft, so `rules === draft` means "still current". */
export interface SimulationRequest {
  rules: RuleDraft[];
  from: string;
  to: string;
}

/** A finished simulation and what it ran on. */
export interface SimulationRun extends SimulationRequest {
  result: Simulation;
}

/** [from, to) of the API from two YYYY-MM-DD days, both included. */
export function rangeOf(fromDay: string, toDay: string): { from: string; to: string } {
  const to = new Date(`${toDay}T00:00:00.000Z`);
  to.setUTCDate(to.getUTCDate() + 1);
  return { from: `${fromDay}T00:00:00.000Z`, to: to.toISOString() };
}

/**
 * The rules editor's state for one loaded rule set: the draft and its edits, the problems to show (the client's own
 * checks once the person has tried to simulate or save, and the server's refusal until the next edit), the last
 * simulation, and saving, which is allowed only while that simulation is of the current draft.
 */
export function useRulesWorkspace(merchantId: string, ruleSet: RuleSet_ReturnRulesFragment, onSaved: (saved: RuleSet_ReturnRulesFragment) => void) {
  const client = useApolloClient();
  const [rules, edit] = useReducer(rulesReducer, ruleSet.rules, (saved) => saved.map(ruleDraftOf));
  const [tried, setTried] = useState(false);
  // Counts refused attempts, so the page can move focus to the first marked field after each one.
  const [refusedAttempts, setRefusedAttempts] = useState(0);
  const [refusal, setRefusal] = useState<{ rules: RuleDraft[]; problem: RuleSetProblem } | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [simulation, setSimulation] = useState<SimulationRun | null>(null);
  const [requesting, setRequesting] = useState(false);
  const [save, { loading: saving }] = useMutation(SaveReturnRulesDocument);

  const checked = useMemo(() => toRulesInput(rules), [rules]);
  // The server's refusal stays on its field until the draft changes.
  const current = refusal && refusal.rules === rules ? refusal.problem : null;
  const problemsOf = (rule: RuleDraft): RuleProblems => ({
    ...(tried && checked.problems ? checked.problems[rule.key] : {}),
    ...(current?.kind === 'rule' && current.ruleKey === rule.key ? { [current.field]: current.message } : {}),
  });
  const rulesToFix = tried && checked.problems ? rules.flatMap((rule, i) => (checked.problems[rule.key] ? [i + 1] : [])) : [];
  const otherProblem =
    current?.kind === 'other' ? current.message
    : rulesToFix.length > 0 ? `Fix the marked fields of rule ${rulesToFix.join(', ')} first.`
    : null;

  const refuse = (error: unknown, at: RuleDraft[]) => {
    const problem = ruleSetProblem(error, at);
    if (problem.kind === 'conflict') setConflict(problem.message);
    else setRefusal({ rules: at, problem });
    if (problem.kind === 'rule') setRefusedAttempts((n) => n + 1);
  };

  // A range too large for the request runs in the background: `background` is what the last one started runs on, and
  // its result, once done, is the simulation shown (it is newer than any answered in the request before it).
  const backgroundSimulation = useRuleSimulation();
  const job = backgroundSimulation.job;
  const [background, setBackground] = useState<SimulationRequest | null>(null);
  const backgroundResult = background && job?.status === 'DONE' && job.result ? { ...background, result: getFragmentData(RuleSimulationResultFragment, job.result) } : null;
  const shown = backgroundResult ?? simulation;
  const running = background !== null && !isFinished(job);

  const simulateInBackground = async (request: SimulationRequest, variables: Parameters<typeof backgroundSimulation.start>[0]) => {
    try {
      await backgroundSimulation.start(variables);
      // The finished background result stays on screen while the new one runs.
      if (backgroundResult) setSimulation(backgroundResult);
      setBackground(request);
    } catch (error) {
      refuse(error, request.rules);
    }
  };

  const simulate = async (fromDay: string, toDay: string) => {
    setTried(true);
    if (!checked.rules) {
      setRefusedAttempts((n) => n + 1);
      return;
    }
    const request: SimulationRequest = { rules, from: fromDay, to: toDay };
    const variables = { merchantId, rules: checked.rules, ...rangeOf(fromDay, toDay) };
    setRequesting(true);
    try {
      const { data } = await client.query({ query: SimulateReturnRulesDocument, variables, fetchPolicy: 'no-cache' });
      if (data) {
        setSimulation({ ...request, result: getFragmentData(RuleSimulationResultFragment, data.simulateReturnRules) });
        setBackground(null);
      }
    } catch (error) {
      if (isTooManyCases(error)) await simulateInBackground(request, variables);
      else refuse(error, request.rules);
    } finally {
      setRequesting(false);
    }
  };

  const simulationIsCurrent = shown !== null && shown.rules === rules;
  const canSave = simulationIsCurrent && checked.rules !== null && !saving && conflict === null;
  // A background simulation of the current draft is under way: simulating again would only queue the same one.
  const simulating = requesting || (running && background.rules === rules);

  const saveRules = async () => {
    if (!canSave || !checked.rules) return;
    const at = rules;
    try {
      const { data } = await save({
        variables: { merchantId, expectedVersion: ruleSet.version, rules: checked.rules },
        // The rule set has no id to normalise by: the answer replaces the loaded set in the cache.
        update(cache, { data: answer }) {
          if (answer) cache.writeQuery({ query: ReturnRulesDocument, variables: { merchantId }, data: { returnRules: answer.saveReturnRules } });
        },
      });
      if (data) onSaved(getFragmentData(RuleSetFragment, data.saveReturnRules));
    } catch (error) {
      refuse(error, at);
    }
  };

  const saveBlocked =
    conflict !== null ? 'Reload the current rules first.'
    : tried && checked.problems ? 'Fix the problems marked in the rules, then simulate them.'
    : running && background.rules === rules && !simulationIsCurrent ? 'Wait for the simulation to finish: you can save once you have seen what it would do.'
    : shown === null ? 'Simulate the draft first: you can save once you have seen what it would do.'
    : !simulationIsCurrent ? 'You changed the rules after the simulation: simulate again before saving.'
    : null;

  return {
    rules, edit, problemsOf, otherProblem, refusedAttempts, conflict, simulation: shown, simulationIsCurrent, simulating, simulate, canSave, saving, saveRules, saveBlocked,
    // The background simulation while it runs or once it failed, and whether the draft changed since it started.
    backgroundJob: background && job?.status !== 'DONE' ? job : null,
    backgroundIsCurrent: background?.rules === rules,
  };
}
