import type { ReturnOutcome, ReturnReason } from '../../gql/graphql';

export interface ReturnDraft {
  /** Quantity chosen per order item; absent or 0 = not returned. */
  quantities: Record<string, number>;
  reason: ReturnReason | '';
  /** What the customer chooses (KEEP_ITEM is the merchant's offer, never a choice). */
  outcome: Exclude<ReturnOutcome, 'KEEP_ITEM'>;
  description: string;
}

export const MAX_DESCRIPTION = 5_000;

/**
 * What stops the return from being sent, per field (checked before the API, which checks again). `refused`: the names
 * of the chosen items a rule of the shop refuses for the reason chosen (refusedItems).
 */
export function draftProblems(draft: ReturnDraft, returnable: Record<string, number>, refused: readonly string[] = []): Record<string, string> {
  const problems: Record<string, string> = {};
  const chosen = Object.entries(draft.quantities).filter(([, q]) => q > 0);
  if (chosen.length === 0) problems.items = 'Choose at least one item to return.';
  for (const [id, quantity] of chosen) {
    if (quantity > (returnable[id] ?? 0)) problems.items = `At most ${returnable[id] ?? 0} of an item can be returned.`;
  }
  if (!draft.reason) problems.reason = 'Choose why you are returning the items.';
  if (refused.length > 0) {
    problems.reason = `The shop does not take back ${refused.join(' and ')} for this reason: choose another reason, or leave ${refused.length === 1 ? 'that item' : 'those items'} out.`;
  }
  if (draft.reason === 'OTHER' && !draft.description.trim()) problems.description = 'Tell us a little more: you chose “Other”.';
  if (draft.description.trim().length > MAX_DESCRIPTION) problems.description = `Keep it to ${MAX_DESCRIPTION.toLocaleString('en')} characters.`;
  return problems;
}

/** What returnEligibility says of one item, or of one item for one reason, that the form needs to offer outcomes. */
export interface ItemOffer {
  outcomes: readonly ReturnOutcome[];
  storeCreditBonusPercent?: number | null;
  requiredPhotos?: number;
  /** A rule of the shop refusing it, in the shop's words; then `outcomes` is empty. */
  ruleMessage?: string | null;
}

/** What returnEligibility says the rules set on one item for one reason (byReason). */
export interface ReasonTerms extends ItemOffer {
  reason: ReturnReason;
  restockingFeePercent?: number | null;
  returnShippingFeeMinor?: number | null;
}

/**
 * One item's terms for the reason chosen: that reason's entry of byReason; before a reason is chosen (or if byReason
 * does not list it), the item's own answer.
 */
export function termsFor(item: ItemOffer & { byReason: readonly ReasonTerms[] }, reason: ReturnReason | ''): ItemOffer {
  return item.byReason.find((terms) => terms.reason === reason) ?? item;
}

/** The chosen items a rule of the shop refuses for the reason chosen (createReturnCase would refuse the return). */
export function refusedItems<T extends ItemOffer & { byReason: readonly ReasonTerms[] }>(chosen: readonly T[], reason: ReturnReason | ''): T[] {
  return chosen.filter((item) => termsFor(item, reason).ruleMessage);
}

/**
 * What the chosen items are offered (each item's terms for the reason chosen: termsFor), as createReturnCase decides
 * it: store credit when a rule offers it for any of them (the largest bonus), keeping the goods only when every one of
 * them may be kept, and the most photos any asks for; nothing of it when a rule refuses any of them. The server checks
 * again with the photos and the risk known.
 */
export function offerFor(items: readonly ItemOffer[]): { storeCreditBonusPercent: number | null; keepItem: boolean; requiredPhotos: number } {
  // A refusal of any of them ends the return before anything else the rules say (as in createReturnCase).
  if (items.some((i) => i.ruleMessage)) return { storeCreditBonusPercent: null, keepItem: false, requiredPhotos: 0 };
  const bonuses = items.filter((i) => i.outcomes.includes('STORE_CREDIT')).map((i) => i.storeCreditBonusPercent ?? 0);
  return {
    storeCreditBonusPercent: bonuses.length > 0 ? Math.max(...bonuses) : null,
    keepItem: items.length > 0 && items.every((i) => i.outcomes.includes('KEEP_ITEM')),
    requiredPhotos: Math.max(0, ...items.map((i) => i.requiredPhotos ?? 0)),
  };
}

/**
 * createReturnCase's outcome fields: `type` as every client sent it (REFUND or EXCHANGE), and `outcome` only for store
 * credit, which `type` cannot say.
 */
export function outcomeInput(outcome: ReturnDraft['outcome']): { type: 'REFUND' | 'EXCHANGE'; outcome?: 'STORE_CREDIT' } {
  if (outcome === 'STORE_CREDIT') return { type: 'REFUND', outcome: 'STORE_CREDIT' };
  return { type: outcome === 'EXCHANGE' ? 'EXCHANGE' : 'REFUND' };
}

/** The store-credit bonus on an amount, rounded down to whole minor units as the ledger issues it. */
export const creditBonusMinor = (amountMinor: number, bonusPercent: number | null): number => Math.floor((amountMinor * (bonusPercent ?? 0)) / 100);

/** Reasons that are the shop's fault: no restocking fee and no return shipping fee (as the server's refund calculator). */
const FEE_WAIVED: ReadonlySet<ReturnReason> = new Set(['DEFECTIVE_DAMAGED', 'WRONG_ITEM']);

/** One chosen item for the estimate: its value and the fees the rules set per reason (returnEligibility's byReason). */
export interface EstimateItem {
  valueMinor: number;
  byReason: ReadonlyArray<Pick<ReasonTerms, 'reason' | 'restockingFeePercent' | 'returnShippingFeeMinor'>>;
}

export interface ReturnEstimate {
  itemsMinor: number;
  restockingFeePercent: number;
  restockingFeeMinor: number;
  returnShippingFeeMinor: number;
  /** A rule of the shop sets the fee to 0 where there would be one (shown as "waived by the shop"). */
  restockingWaivedByShop: boolean;
  returnShippingWaivedByShop: boolean;
  totalMinor: number;
}

/**
 * The money estimate of the open-return page, as createReturnCase computes the refund: the first chosen item whose
 * rules set a fee decides it (else the policy's restocking fee, no return shipping fee); no label fee when every item
 * is kept (`keepItem`: no label); both fees are waived for a defective or wrong item; the restocking fee rounds half
 * up; the return shipping fee never takes more than what is left.
 */
export function estimateReturn(items: readonly EstimateItem[], reason: ReturnReason | '', policyRestockingFeePercent: number, keepItem = false): ReturnEstimate {
  const itemsMinor = items.reduce((sum, i) => sum + i.valueMinor, 0);
  const forReason = items.map((i) => i.byReason.find((f) => f.reason === reason));
  const ruleRestocking = forReason.find((f) => f?.restockingFeePercent != null)?.restockingFeePercent ?? null;
  const ruleShipping = keepItem ? null : (forReason.find((f) => f?.returnShippingFeeMinor != null)?.returnShippingFeeMinor ?? null);
  const charged = reason !== '' && !FEE_WAIVED.has(reason);
  const restockingFeePercent = charged ? (ruleRestocking ?? policyRestockingFeePercent) : 0;
  const restockingFeeMinor = Math.min(itemsMinor, Math.floor((itemsMinor * restockingFeePercent + 50) / 100));
  const returnShippingFeeMinor = charged ? Math.min(ruleShipping ?? 0, itemsMinor - restockingFeeMinor) : 0;
  return {
    itemsMinor,
    restockingFeePercent,
    restockingFeeMinor,
    returnShippingFeeMinor,
    restockingWaivedByShop: charged && ruleRestocking === 0 && policyRestockingFeePercent > 0,
    returnShippingWaivedByShop: charged && ruleShipping === 0,
    totalMinor: itemsMinor - restockingFeeMinor - returnShippingFeeMinor,
  };
}
