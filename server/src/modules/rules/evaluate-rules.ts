import type { DecidingAction, InformationalAction, ReturnFacts, ReturnRule, RuleCondition } from './return-rules.model.js';
import { isDeciding } from './return-rules.model.js';

export interface RuleDecision {
  action: DecidingAction;
  ruleId: string;
  ruleName: string;
}

export interface RuleEvaluation {
  /** The first matching rule's deciding action; null when no matching rule decides (the merchant decides as usual). */
  decision: RuleDecision | null;
  /** Every rule whose conditions all held, in rule order (recorded on the case as "why"). */
  matchedRules: Array<{ id: string; name: string }>;
  /** The non-deciding actions of every matching rule, in rule order. */
  informational: Array<InformationalAction & { ruleId: string }>;
}

/** Whether one condition holds for the facts; a condition on an unknown fact (null) does not hold. */
export function conditionHolds(condition: RuleCondition, facts: ReturnFacts): boolean {
  const value = facts[condition.field];
  if (value === null) return false;
  // List fields hold text, range fields numbers (return-rules.model.ts).
  if (condition.anyOf) return condition.anyOf.includes(value as string);
  const n = value as number;
  return (condition.min === undefined || n >= condition.min) && (condition.max === undefined || n <= condition.max);
}

export function ruleMatches(rule: ReturnRule, facts: ReturnFacts): boolean {
  for (const condition of rule.conditions) if (!conditionHolds(condition, facts)) return false;
  return true;
}

/** Runs an ordered rule set over one item's facts. Pure: no clock, no database. */
export function evaluateRules(rules: readonly ReturnRule[], facts: ReturnFacts): RuleEvaluation {
  const result: RuleEvaluation = { decision: null, matchedRules: [], informational: [] };
  for (const rule of rules) {
    if (!ruleMatches(rule, facts)) continue;
    result.matchedRules.push({ id: rule.id, name: rule.name });
    for (const action of rule.actions) {
      if (!isDeciding(action)) result.informational.push({ ...action, ruleId: rule.id });
      else if (!result.decision) result.decision = { action, ruleId: rule.id, ruleName: rule.name };
    }
  }
  return result;
}

export interface CombinedOutcome {
  /** The most photos any matching rule asks for (0: none). */
  requiredPhotos: number;
  keepItem: boolean;
  /** The largest store-credit bonus offered, or null when no rule offers store credit. */
  storeCreditBonusPercent: number | null;
  /** The first matching rule's fee settings win; null: the policy's own. */
  restockingFeePercent: number | null;
  returnShippingFeeMinor: number | null;
}

/** How the informational actions combine into one outcome (the decision is separate). */
export function combineInformational(actions: RuleEvaluation['informational']): CombinedOutcome {
  const outcome: CombinedOutcome = { requiredPhotos: 0, keepItem: false, storeCreditBonusPercent: null, restockingFeePercent: null, returnShippingFeeMinor: null };
  for (const action of actions) {
    if (action.type === 'REQUIRE_PHOTOS') outcome.requiredPhotos = Math.max(outcome.requiredPhotos, action.photos);
    if (action.type === 'KEEP_ITEM') outcome.keepItem = true;
    if (action.type === 'OFFER_STORE_CREDIT') outcome.storeCreditBonusPercent = Math.max(outcome.storeCreditBonusPercent ?? 0, action.bonusPercent);
    if (action.type === 'RESTOCKING_FEE') outcome.restockingFeePercent ??= action.percent;
    if (action.type === 'RETURN_SHIPPING_FEE') outcome.returnShippingFeeMinor ??= action.amountMinor;
  }
  return outcome;
}
