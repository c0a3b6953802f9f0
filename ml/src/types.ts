// The raw inputs of one return case, exactly as the server fills them from the database.
// Money is integer minor units (cents); counts are integers; rates are 0..1.

export type ReturnReason = 'defective_damaged' | 'wrong_item' | 'not_as_described' | 'changed_mind' | 'other';
export type CasePriority = 'low' | 'medium' | 'high' | 'urgent';
export type ReturnType = 'refund' | 'exchange';
/** The returned item's product category; 'unknown' when the product has none ('other' and 'unknown' score alike). */
export type ProductCategory = 'electronics' | 'apparel' | 'home' | 'beauty' | 'sports' | 'other' | 'unknown';

export const RETURN_REASONS: readonly ReturnReason[] = [
  'defective_damaged',
  'wrong_item',
  'not_as_described',
  'changed_mind',
  'other',
];
export const CASE_PRIORITIES: readonly CasePriority[] = ['low', 'medium', 'high', 'urgent'];
export const RETURN_TYPES: readonly ReturnType[] = ['refund', 'exchange'];
export const PRODUCT_CATEGORIES: readonly ProductCategory[] = ['electronics', 'apparel', 'home', 'beauty', 'sports', 'other', 'unknown'];

export interface CaseFeatureSource {
  orderTotalMinor: number; // order total in minor units (cents)
  refundAmountMinor: number; // requested refund in minor units
  itemsReturned: number; // total quantity returned
  reason: ReturnReason;
  returnType: ReturnType;
  daysFromDeliveryToRequest: number;
  customerPriorReturns: number; // customer's earlier cases
  customerPriorRejected: number; // of which ended rejected
  customerPriorDisputed: number; // of which were disputed
  merchantRejectionRate: number; // 0..1 over the merchant's decided cases
  evidenceCount: number;
  hasVideo: boolean;
  descriptionLength: number;
  priority: CasePriority;
  slaHoursLeft: number; // may be negative when breached
  productCategory: ProductCategory; // the (first) returned item's category; 'unknown' when it has none
}

/** A closed case with its outcome: one training example. */
export type LabeledCase = CaseFeatureSource & { escalated: boolean };

export type RiskLabel = 'low' | 'medium' | 'high';

export interface ReasonCode {
  /** Stable code from the feature contract, e.g. `CUSTOMER_PRIOR_DISPUTES`. */
  code: string;
  text: string;
  /** How much this feature pushed the score towards escalation (log-odds for the model, points for the heuristic). */
  contribution: number;
}

export interface RiskResult {
  score: number; // 0..1, probability of escalation
  label: RiskLabel;
  reasonCodes: ReasonCode[]; // at most 3, strongest first
  modelVersion: string;
  features: Record<string, number>; // snapshot of the values the score was computed from
}

export interface RiskScorer {
  readonly modelVersion: string;
  /** True when the trained model could not be loaded and the placeholder heuristic answers instead. */
  readonly isFallback: boolean;
  score(src: CaseFeatureSource): RiskResult;
  scoreBatch(srcs: readonly CaseFeatureSource[]): RiskResult[];
}

/** Score thresholds: score < medium → low; score < high → medium; else high. */
export interface LabelThresholds {
  medium: number;
  high: number;
}

export const DEFAULT_LABEL_THRESHOLDS: LabelThresholds = { medium: 0.35, high: 0.65 };

export function labelFor(score: number, thresholds: LabelThresholds): RiskLabel {
  if (score < thresholds.medium) return 'low';
  if (score < thresholds.high) return 'medium';
  return 'high';
}
