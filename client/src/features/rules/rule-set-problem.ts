import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describeApiError } from '../../lib/errors';
import { sentence, type RuleDraft } from './rule-draft';

/** Why the server refused a save or a simulation, placed where the person can act on it. */
export type RuleSetProblem =
  /** BAD_USER_INPUT naming a rule: shown on that rule's field (`field` is the server's path, e.g. `actions[0].message`). */
  | { kind: 'rule'; ruleKey: string; field: string; message: string }
  /** CONFLICT: someone saved after this draft was loaded. */
  | { kind: 'conflict'; message: string }
  /** Anything else (a bad range, the network): shown beside the button that was pressed. */
  | { kind: 'other'; message: string };

/**
 * The server's refusal, mapped onto the draft it was about. Its message reads `Rule 2 ("Keep cheap"), conditions[0].max:
 * min 5 is above max 3.`; on the field itself the rule and the path go without saying, so only the clause is shown.
 */
export function ruleSetProblem(error: unknown, rules: readonly RuleDraft[]): RuleSetProblem {
  const problem = describeApiError(error);
  if (problem.code === 'CONFLICT') return { kind: 'conflict', message: problem.message };
  const first = CombinedGraphQLErrors.is(error) ? error.errors[0] : undefined;
  const ext = first?.extensions ?? {};
  const rule = typeof ext.ruleIndex === 'number' ? rules[ext.ruleIndex] : undefined;
  if (problem.code === 'BAD_USER_INPUT' && rule && typeof ext.field === 'string') {
    const marker = `${ext.field}: `;
    const at = problem.message.indexOf(marker);
    return { kind: 'rule', ruleKey: rule.key, field: ext.field, message: sentence(at >= 0 ? problem.message.slice(at + marker.length) : problem.message) };
  }
  return { kind: 'other', message: problem.message };
}

/** simulateReturnRules' refusal of a range holding more cases than it answers in the request (extensions.maxCases). */
export function isTooManyCases(error: unknown): boolean {
  const first = CombinedGraphQLErrors.is(error) ? error.errors[0] : undefined;
  return first?.extensions?.code === 'BAD_USER_INPUT' && typeof first.extensions.maxCases === 'number';
}
