import type { RuleSet_ReturnRulesFragment } from '../gql/graphql';
import { demoViewer, graphqlError, viewerAnswer, type Handlers } from './render-app';

/** Answers of the rules editor's operations, for its component tests. */

export const merchant = demoViewer('MERCHANT', { id: 'user-m1', displayName: 'Northwind Goods' });

type Rule = RuleSet_ReturnRulesFragment['rules'][number];
type SavedRule = { id: string; name: string; conditions: Array<Partial<Rule['conditions'][number]> & { field: string }>; actions: Array<Partial<Rule['actions'][number]> & { type: string }> };

const condition = (c: SavedRule['conditions'][number]): Rule['conditions'][number] => ({ __typename: 'ReturnRuleCondition', anyOf: null, min: null, max: null, ...c });
const action = (a: SavedRule['actions'][number]): Rule['actions'][number] => ({
  __typename: 'ReturnRuleAction', priority: null, message: null, photos: null, bonusPercent: null, percent: null, amountMinor: null, ...a,
});

export const savedRule = (rule: SavedRule): Rule => ({
  __typename: 'ReturnRule' as const,
  ...rule,
  conditions: rule.conditions.map(condition),
  actions: rule.actions.map(action),
});

export const KEEP_CHEAP = savedRule({
  id: 'keep-cheap',
  name: 'Keep cheap items',
  conditions: [{ field: 'itemPriceMinor', max: 1499 }, { field: 'reason', anyOf: ['changed_mind'] }],
  actions: [{ type: 'KEEP_ITEM' }, { type: 'AUTO_APPROVE' }],
});
export const DAMAGED_PHOTOS = savedRule({
  id: 'damaged-photos',
  name: 'Damaged needs photos',
  conditions: [{ field: 'reason', anyOf: ['defective_damaged'] }],
  actions: [{ type: 'REQUIRE_PHOTOS', photos: 2 }],
});

export const ruleSet = (version: number, rules: ReturnType<typeof savedRule>[], merchantId = 'm1') => ({
  __typename: 'ReturnRuleSet' as const,
  merchantId,
  version,
  isDefault: version === 0,
  updatedAt: version === 0 ? null : '2026-12-01T10:00:00.000Z',
  updatedBy: version === 0 ? null : 'merchant.one',
  rules,
});

type OutcomeFigures = Record<
  'approved' | 'refused' | 'reviewed' | 'undecided' | 'kept' | 'credited' | 'refundMinor' | 'creditMinor' | 'creditBonusMinor' | 'labelsAvoided' | 'shippingAvoidedMinor',
  number
>;

export const outcomes = (o: Partial<OutcomeFigures>) => ({
  __typename: 'SimulatedOutcomes' as const,
  approved: 0, refused: 0, reviewed: 0, undecided: 0, kept: 0, credited: 0,
  refundMinor: 0, creditMinor: 0, creditBonusMinor: 0, labelsAvoided: 0, shippingAvoidedMinor: 0,
  ...o,
});

/** A simulation's result of `rules` (the variables sent): 12 cases in US dollars, three of which the draft refuses. */
export const simulationResult = (variables: Record<string, unknown>, over: Record<string, unknown> = {}) => {
  const rules = variables.rules as Array<{ id?: string; name: string }>;
  return {
    __typename: 'RuleSimulation' as const,
    cases: 12,
    currency: 'USD',
    currentVersion: 1,
    before: outcomes({ approved: 2, undecided: 10, refundMinor: 120_000 }),
    after: outcomes({ approved: 2, refused: 3, undecided: 7, kept: 1, refundMinor: 90_000, labelsAvoided: 1, shippingAvoidedMinor: 599 }),
    ruleMatches: rules.map((r, i) => ({ __typename: 'SimulatedRuleMatch' as const, ruleId: r.id ?? `new-${i}`, name: r.name, cases: i + 2 })),
    changedCases: [{ __typename: 'SimulatedCaseChange' as const, caseId: 'case-7', number: 'RET-2612-000007', before: 'UNDECIDED', after: 'REFUSED' }],
    ...over,
  };
};

/** simulateReturnRules' answer: the result above. */
export const simulationAnswer = (variables: Record<string, unknown>) => ({ data: { simulateReturnRules: simulationResult(variables) } });

/** A background simulation as ruleSimulation or startRuleSimulation answer it. */
export const simulationJob = (status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED', casesDone: number, casesTotal: number, result: unknown = null) => ({
  __typename: 'RuleSimulationJob' as const,
  id: 'sim-1',
  status,
  casesDone,
  casesTotal,
  error: null,
  finishedAt: status === 'DONE' ? '2026-12-07T15:00:00.000Z' : null,
  result,
});

/** simulateReturnRules' refusal of a range holding more cases than it answers in the request. */
export const tooManyCases = (cases: number) => ({
  data: null,
  errors: [{
    message: `This range holds ${cases} cases; at most 10000 are simulated at once. Run it in the background (startRuleSimulation).`,
    extensions: { code: 'BAD_USER_INPUT', field: 'to', cases, maxCases: 10_000 },
  }],
});

/** The merchant's page with its two rules at version 1; override any operation. */
export function rulesHandlers(overrides: Handlers = {}): Handlers {
  return {
    Viewer: viewerAnswer(merchant),
    RulesOwnMerchant: () => ({ data: { me: { __typename: 'User', id: 'user-m1', merchantProfile: { __typename: 'MerchantProfile', id: 'm1', name: 'Northwind Goods' } } } }),
    ReturnRules: () => ({ data: { returnRules: ruleSet(1, [KEEP_CHEAP, DAMAGED_PHOTOS]) } }),
    SimulateReturnRules: simulationAnswer,
    ...overrides,
  };
}

export const badRuleInput = (ruleIndex: number, ruleId: string | null, field: string, message: string) => ({
  data: null,
  errors: [{ message, extensions: { code: 'BAD_USER_INPUT', ruleIndex, ruleId, field } }],
});

export const conflictAnswer = () => graphqlError('CONFLICT', 'The rules were changed by someone else first. Reload them and try again.');
