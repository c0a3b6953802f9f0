import { CasePriority, ReturnReason, RiskLabel } from '../returns/return-case.enums.js';

/**
 * A merchant's return rules as plain data (stored as jsonb, sent over GraphQL as the same shape). A rule holds when
 * all its conditions hold; its actions then apply. The first matching rule with a deciding action decides the case;
 * the other actions of every matching rule combine (docs/return-rules.md).
 */

/** Conditions over a list of values: the fact must be one of them. */
export const LIST_FIELDS = ['reason', 'category', 'sku', 'riskLabel'] as const;
/** Conditions over a number: the fact must lie within min..max (both inclusive, either may be left out). */
export const RANGE_FIELDS = [
  'itemPriceMinor', 'orderValueMinor', 'returnValueMinor', 'daysSinceDelivery',
  'returnsLast90Days', 'returnsLast365Days', 'riskScore', 'evidencePhotos',
] as const;
export type ListField = (typeof LIST_FIELDS)[number];
export type RangeField = (typeof RANGE_FIELDS)[number];
export type ConditionField = ListField | RangeField;

/** The values a list field accepts; null: any text (SKUs and categories are the merchant's own). */
export const LIST_VALUES: Record<ListField, readonly string[] | null> = {
  reason: Object.values(ReturnReason),
  riskLabel: Object.values(RiskLabel),
  category: null,
  sku: null,
};

export interface RuleCondition {
  field: ConditionField;
  /** Range fields only. */
  min?: number;
  max?: number;
  /** List fields only: at least one value. */
  anyOf?: string[];
}

/** Actions that decide the case: the first matching rule holding one wins. */
export const DECIDING_ACTIONS = ['AUTO_APPROVE', 'REVIEW', 'REFUSE'] as const;
/** Actions that shape the outcome: those of every matching rule combine. */
export const INFORMATIONAL_ACTIONS = ['REQUIRE_PHOTOS', 'KEEP_ITEM', 'OFFER_STORE_CREDIT', 'RESTOCKING_FEE', 'RETURN_SHIPPING_FEE'] as const;
export type DecidingActionType = (typeof DECIDING_ACTIONS)[number];
export type ActionType = DecidingActionType | (typeof INFORMATIONAL_ACTIONS)[number];

export type RuleAction =
  | { type: 'AUTO_APPROVE' }
  | { type: 'REVIEW'; priority: CasePriority }
  | { type: 'REFUSE'; message: string }
  | { type: 'REQUIRE_PHOTOS'; photos: number }
  | { type: 'KEEP_ITEM' }
  | { type: 'OFFER_STORE_CREDIT'; bonusPercent: number }
  /** 0 waives the fee. */
  | { type: 'RESTOCKING_FEE'; percent: number }
  /** What the customer pays for the return label, in minor units; 0 waives it. */
  | { type: 'RETURN_SHIPPING_FEE'; amountMinor: number };

export type DecidingAction = Extract<RuleAction, { type: DecidingActionType }>;
export type InformationalAction = Exclude<RuleAction, DecidingAction>;

export const isDeciding = (action: RuleAction): action is DecidingAction => (DECIDING_ACTIONS as readonly string[]).includes(action.type);

export interface ReturnRule {
  id: string;
  name: string;
  conditions: RuleCondition[];
  actions: RuleAction[];
}

export const MAX_RULES = 100;

/**
 * What is known about one returned item (one line of a case) when the rules run. Risk is null before the case is
 * scored; category is null for products without one. A condition on an unknown (null) fact does not hold.
 */
export interface ReturnFacts {
  /** Null before the customer chose one (the eligibility question). */
  reason: ReturnReason | null;
  category: string | null;
  sku: string;
  itemPriceMinor: number;
  orderValueMinor: number;
  /** What the case would refund (the policy's refund of the returned items). */
  returnValueMinor: number;
  /** Started days since delivery: 0 on delivery, 1 within the first 24 hours after it, and so on. */
  daysSinceDelivery: number;
  returnsLast90Days: number;
  returnsLast365Days: number;
  riskLabel: RiskLabel | null;
  riskScore: number | null;
  evidencePhotos: number;
}
