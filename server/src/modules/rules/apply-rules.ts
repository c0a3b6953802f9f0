import { DAY_MS } from '../../shared/clock.js';
import { CasePriority } from '../returns/return-case.enums.js';
import { combineInformational, evaluateRules } from './evaluate-rules.js';
import type { ReturnFacts, ReturnRule, RuleAction } from './return-rules.model.js';
import type { ActiveRuleSet } from './rule-set-cache.js';

/** One rule a case met, as recorded on the case (return_cases.matched_rules) and in its case_created event. */
export interface MatchedRuleRecord {
  ruleId: string;
  name: string;
  /** The version of the merchant's rule set (0: the default set derived from the policy). */
  version: number;
  actions: RuleAction[];
}

/**
 * What a merchant's rules say about a whole case, from its items' evaluations. A case is refused when any item is
 * (the first refusing item's rule), sent to review when any item is (the most urgent priority asked for), approved
 * automatically when every item is; otherwise the merchant decides as usual.
 */
export interface CaseRuleOutcome {
  refusal: { ruleId: string; message: string } | null;
  review: { ruleId: string; priority: CasePriority } | null;
  autoApprove: { ruleId: string; ruleName: string } | null;
  /** The most photos a matching rule asks for (0: none), and the first rule asking for that many. */
  requiredPhotos: number;
  photosRuleId: string | null;
  /** Whether a matching rule lets the customer keep an item, and the largest store-credit bonus offered (null: none). */
  keepItem: boolean;
  storeCreditBonusPercent: number | null;
  /** The first rule letting the customer keep the goods, when rules let them keep every item (a case ships back whole or not at all). */
  keepItemRule: { ruleId: string; ruleName: string } | null;
  /** The fees the rules set (the first item's rule that sets one); null: the policy's restocking fee, no return shipping fee. */
  restockingFeePercent: number | null;
  returnShippingFeeMinor: number | null;
  matched: MatchedRuleRecord[];
}

const URGENCY = [CasePriority.LOW, CasePriority.MEDIUM, CasePriority.HIGH, CasePriority.URGENT];

/** Runs the rule set over every item of a case (pure: no clock, no database). */
export function applyRules(ruleSet: ActiveRuleSet, items: readonly ReturnFacts[]): CaseRuleOutcome {
  const outcome: CaseRuleOutcome = {
    refusal: null, review: null, autoApprove: null, requiredPhotos: 0, photosRuleId: null, keepItem: false, storeCreditBonusPercent: null,
    keepItemRule: null, restockingFeePercent: null, returnShippingFeeMinor: null, matched: [],
  };
  const matchedIds = new Set<string>();
  let approvals = 0;
  let kept = 0;
  for (const facts of items) {
    const result = evaluateRules(ruleSet.rules, facts);
    for (const { id } of result.matchedRules) matchedIds.add(id);
    const combined = combineInformational(result.informational);
    const photos = combined.requiredPhotos;
    outcome.keepItem ||= combined.keepItem;
    const keep = result.informational.find((a) => a.type === 'KEEP_ITEM');
    if (keep) {
      kept += 1;
      outcome.keepItemRule ??= { ruleId: keep.ruleId, ruleName: ruleSet.rules.find((rule) => rule.id === keep.ruleId)!.name };
    }
    outcome.restockingFeePercent ??= combined.restockingFeePercent;
    outcome.returnShippingFeeMinor ??= combined.returnShippingFeeMinor;
    if (combined.storeCreditBonusPercent !== null) outcome.storeCreditBonusPercent = Math.max(outcome.storeCreditBonusPercent ?? 0, combined.storeCreditBonusPercent);
    if (photos > outcome.requiredPhotos) {
      outcome.requiredPhotos = photos;
      outcome.photosRuleId = result.informational.find((a) => a.type === 'REQUIRE_PHOTOS' && a.photos === photos)!.ruleId;
    }
    const action = result.decision?.action;
    if (action?.type === 'REFUSE') outcome.refusal ??= { ruleId: result.decision!.ruleId, message: action.message };
    if (action?.type === 'REVIEW' && (!outcome.review || URGENCY.indexOf(action.priority) > URGENCY.indexOf(outcome.review.priority))) {
      outcome.review = { ruleId: result.decision!.ruleId, priority: action.priority };
    }
    if (action?.type === 'AUTO_APPROVE') {
      approvals += 1;
      outcome.autoApprove ??= { ruleId: result.decision!.ruleId, ruleName: result.decision!.ruleName };
    }
  }
  if (outcome.refusal || outcome.review || approvals === 0 || approvals < items.length) outcome.autoApprove = null;
  if (kept < items.length) outcome.keepItemRule = null;
  outcome.matched = ruleSet.rules.filter((rule) => matchedIds.has(rule.id)).map((rule) => record(rule, ruleSet.version));
  // A refusal ends the case before anything else the rules say.
  if (outcome.refusal) outcome.review = null;
  return outcome;
}

const record = (rule: ReturnRule, version: number): MatchedRuleRecord => ({ ruleId: rule.id, name: rule.name, version, actions: rule.actions });

/** Started days since delivery (as the rules count them): 0 at delivery, 1 within the first 24 hours after it … */
export const startedDaysSince = (deliveredAt: Date, now: Date): number => Math.max(0, Math.ceil((now.getTime() - deliveredAt.getTime()) / DAY_MS));

/** What is known of one order line when a return is being opened (or asked about). */
export interface LineFacts {
  sku: string;
  unitPriceMinor: number;
  /** The product's category (issue 21); null or absent when it has none. */
  category?: string | null;
}

/** What is known of the case as a whole: an item's facts without the item's own (its SKU, category and price). */
export type CaseFacts = Omit<ReturnFacts, 'category' | 'sku' | 'itemPriceMinor'>;

/**
 * One item's facts for the evaluator. An unknown reason (the eligibility question, before the customer chose one) is
 * null, so a condition on it does not hold, like any other unknown fact.
 */
export function itemFacts(line: LineFacts, known: CaseFacts): ReturnFacts {
  return {
    ...known,
    category: line.category ?? null,
    sku: line.sku,
    itemPriceMinor: line.unitPriceMinor,
  };
}
