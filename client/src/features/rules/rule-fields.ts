import { PRIORITIES, priorityLabel, REASON_LABEL, RISK_LABELS, riskLabelText } from '../../components/Badge';
import type { CasePriority } from '../../gql/graphql';

/**
 * What the rules editor knows of the rule model (docs/return-rules.md): the condition fields with the unit a person
 * enters them in, and the actions with their one parameter. The server's model is the authority; these are its
 * names and limits as a person reads them.
 */

/** How a condition's value is entered: a list (choices or free text) or a range in a unit. */
export type FieldUnit = 'choice' | 'text' | 'money' | 'days' | 'count' | 'score';

export const CONDITION_FIELDS = {
  reason: { label: 'Return reason', unit: 'choice' },
  sku: { label: 'SKU', unit: 'text' },
  category: { label: 'Product category', unit: 'text' },
  riskLabel: { label: 'Risk label', unit: 'choice' },
  itemPriceMinor: { label: 'Item price', unit: 'money' },
  orderValueMinor: { label: 'Order value', unit: 'money' },
  returnValueMinor: { label: 'Return value', unit: 'money' },
  daysSinceDelivery: { label: 'Days since delivery', unit: 'days' },
  returnsLast90Days: { label: 'Customer’s returns in the last 90 days', unit: 'count' },
  returnsLast365Days: { label: 'Customer’s returns in the last 365 days', unit: 'count' },
  riskScore: { label: 'Risk score', unit: 'score' },
  evidencePhotos: { label: 'Evidence photos', unit: 'count' },
} as const satisfies Record<string, { label: string; unit: FieldUnit }>;

export type ConditionField = keyof typeof CONDITION_FIELDS;
export const CONDITION_FIELD_KEYS = Object.keys(CONDITION_FIELDS) as ConditionField[];

export const isListField = (field: ConditionField): boolean => ['choice', 'text'].includes(CONDITION_FIELDS[field].unit);

/** The values a choice field takes, as the server stores them (lower case), with their labels. */
export const FIELD_CHOICES: Partial<Record<ConditionField, ReadonlyArray<{ value: string; label: string }>>> = {
  reason: Object.entries(REASON_LABEL).map(([value, label]) => ({ value: value.toLowerCase(), label })),
  riskLabel: [...RISK_LABELS].reverse().map((label) => ({ value: label.toLowerCase(), label: riskLabelText(label) })),
};

/** The unit shown beside a range input. */
export const UNIT_HINT: Record<FieldUnit, string> = {
  choice: '',
  text: '',
  money: 'amount, e.g. 15.00',
  days: 'days',
  count: 'number',
  score: '0 to 1, e.g. 0.7',
};

/** The parameter an action takes, if any, and how it is entered. */
export type ActionParam = 'priority' | 'message' | 'photos' | 'bonusPercent' | 'percent' | 'amountMinor';

export const RULE_ACTIONS = {
  AUTO_APPROVE: { label: 'Approve automatically', deciding: true, param: null, paramLabel: '' },
  REVIEW: { label: 'Send to ops review', deciding: true, param: 'priority', paramLabel: 'Priority' },
  REFUSE: { label: 'Refuse the return', deciding: true, param: 'message', paramLabel: 'Message for the customer' },
  REQUIRE_PHOTOS: { label: 'Require photos', deciding: false, param: 'photos', paramLabel: 'Photos (1–10)' },
  KEEP_ITEM: { label: 'Customer keeps the item', deciding: false, param: null, paramLabel: '' },
  OFFER_STORE_CREDIT: { label: 'Offer store credit', deciding: false, param: 'bonusPercent', paramLabel: 'Bonus (%)' },
  RESTOCKING_FEE: { label: 'Set the restocking fee', deciding: false, param: 'percent', paramLabel: 'Fee (%, 0 waives it)' },
  RETURN_SHIPPING_FEE: { label: 'Set the return shipping fee', deciding: false, param: 'amountMinor', paramLabel: 'Fee (amount, 0 waives it)' },
} as const satisfies Record<string, { label: string; deciding: boolean; param: ActionParam | null; paramLabel: string }>;

export type RuleActionType = keyof typeof RULE_ACTIONS;
export const RULE_ACTION_KEYS = Object.keys(RULE_ACTIONS) as RuleActionType[];

/** What a new action's parameter starts as. */
export const DEFAULT_PARAM: Record<RuleActionType, string> = {
  AUTO_APPROVE: '',
  REVIEW: 'HIGH',
  REFUSE: '',
  REQUIRE_PHOTOS: '1',
  KEEP_ITEM: '',
  OFFER_STORE_CREDIT: '10',
  RESTOCKING_FEE: '0',
  RETURN_SHIPPING_FEE: '0.00',
};

export const PRIORITY_CHOICES: ReadonlyArray<{ value: CasePriority; label: string }> = PRIORITIES.map((value) => ({ value, label: priorityLabel(value) }));

export const MAX_RULES = 100;
