import { badInput } from '../../errors/domain-error.js';
import type { CaseRuleOutcome } from '../rules/apply-rules.js';
import type { RefundBreakdown } from './refund-calculator.js';
import { ReturnOutcome, ReturnType } from './return-case.enums.js';

/**
 * The outcome a new case asks for (issue 22 §2). `outcome` decides when given; without it, `type` says what existing
 * clients always said (REFUND or EXCHANGE). The case's `type` follows the outcome: a store-credit case is a refund case
 * paid in credit, so the lifecycle (transitions.ts) needs no new branch. KEEP_ITEM is what a merchant's rule offers, never
 * the customer's choice; EXCHANGE in `type` with another `outcome` is a contradiction. Both: BAD_USER_INPUT.
 */
export function chosenOutcome(input: { outcome?: ReturnOutcome | null; type: ReturnType }): { outcome: ReturnOutcome; type: ReturnType } {
  const outcome = input.outcome ?? (input.type === ReturnType.EXCHANGE ? ReturnOutcome.EXCHANGE : ReturnOutcome.REFUND);
  if (outcome === ReturnOutcome.KEEP_ITEM) {
    throw badInput('Keeping the item is offered by the merchant\'s rules, not chosen: choose REFUND, STORE_CREDIT or EXCHANGE.', { field: 'outcome' });
  }
  if (input.type === ReturnType.EXCHANGE && outcome !== ReturnOutcome.EXCHANGE) {
    throw badInput('type EXCHANGE contradicts the outcome chosen: send the outcome alone.', { field: 'outcome' });
  }
  return { outcome, type: outcome === ReturnOutcome.EXCHANGE ? ReturnType.EXCHANGE : ReturnType.REFUND };
}

/** What the merchant's rules set on a case: whether the goods stay with the customer, the credit bonus, the fees. */
export interface CaseTerms {
  keepItem: boolean;
  keepItemRule: string | null;
  storeCreditBonusPercent: number | null;
  /** The rules' restocking fee percent; null: the policy's. */
  restockingFeePercent: number | null;
  /** The rules' return shipping fee; 0 when none, or when the goods are kept (no label). */
  returnShippingFeeMinor: number;
}

export function caseTerms(rules: CaseRuleOutcome, outcome: ReturnOutcome): CaseTerms {
  const keepItem = rules.keepItemRule !== null;
  return {
    keepItem,
    keepItemRule: rules.keepItemRule?.ruleName ?? null,
    storeCreditBonusPercent: outcome === ReturnOutcome.STORE_CREDIT ? rules.storeCreditBonusPercent : null,
    restockingFeePercent: rules.restockingFeePercent,
    returnShippingFeeMinor: keepItem ? 0 : (rules.returnShippingFeeMinor ?? 0),
  };
}

/** STORE_CREDIT only when a matching rule offers it (re-checked in createReturnCase's transaction): BAD_USER_INPUT otherwise. */
export function requireOffered(rules: CaseRuleOutcome, outcome: ReturnOutcome): void {
  if (outcome === ReturnOutcome.STORE_CREDIT && rules.storeCreditBonusPercent === null) {
    throw badInput('Store credit is not on offer for this return: choose REFUND or EXCHANGE.', { field: 'outcome', rule: 'STORE_CREDIT_NOT_OFFERED' });
  }
}

/** The case's columns for its terms and its refund (set with the case number, in createReturnCase's last statement). */
export function termColumns(terms: CaseTerms, refund: RefundBreakdown): Record<string, unknown> {
  return {
    keep_item: terms.keepItem,
    keep_item_rule: terms.keepItemRule,
    store_credit_bonus_percent: terms.storeCreditBonusPercent,
    restocking_fee_percent: terms.restockingFeePercent,
    return_shipping_fee_minor: refund.returnShippingFeeMinor,
    refund_amount_minor: refund.refundMinor,
    restocking_fee_minor: refund.restockingFeeMinor,
  };
}
