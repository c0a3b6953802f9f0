import { applyRules, itemFacts, startedDaysSince } from '../rules/apply-rules.js';
import type { ActiveRuleSet } from '../rules/rule-set-cache.js';
import type { ItemEligibility, OrderEligibility, OrderFacts, ReasonTerms } from './eligibility.js';
import { ReturnOutcome, ReturnReason } from './return-case.enums.js';

/**
 * What the merchant's rules say of each returnable item before the customer opens a return (issue 22 §2). Asked
 * before a reason is chosen and before any score or photo, so conditions on the reason, the risk or the photos do not
 * hold here (createReturnCase checks them); an item's return value is its unit price times its returnable quantity.
 * A refusing rule makes the item not returnable, with the rule's message. The fees and photos the rules set depend on the
 * reason, so they are answered for each reason too, with the same function createReturnCase uses (applyRules).
 */
export function answerRules(eligibility: OrderEligibility, facts: OrderFacts, ruleSet: ActiveRuleSet, now: Date): OrderEligibility {
  const deliveredAt = facts.order.deliveredAt;
  if (eligibility.orderReason || !deliveredAt) return eligibility;
  const items = eligibility.items.map((item): ItemEligibility => {
    if (item.reason) return item;
    const known = itemFacts(item, {
      reason: null,
      orderValueMinor: facts.order.totalMinor,
      returnValueMinor: item.unitPriceMinor * item.returnableQuantity,
      daysSinceDelivery: startedDaysSince(deliveredAt, now),
      returnsLast90Days: facts.returnsLast90Days,
      returnsLast365Days: facts.returnsLast365Days,
      riskLabel: null,
      riskScore: null,
      evidencePhotos: 0,
    });
    const verdict = applyRules(ruleSet, [known]);
    if (verdict.refusal) {
      return { ...item, reason: verdict.refusal.message, ruleMessage: verdict.refusal.message, returnableQuantity: 0, outcomes: [] };
    }
    const outcomes = [ReturnOutcome.REFUND];
    if (verdict.storeCreditBonusPercent !== null) outcomes.push(ReturnOutcome.STORE_CREDIT);
    outcomes.push(ReturnOutcome.EXCHANGE);
    if (verdict.keepItem) outcomes.push(ReturnOutcome.KEEP_ITEM);
    const byReason = Object.values(ReturnReason).map((reason): ReasonTerms => {
      const rules = applyRules(ruleSet, [{ ...known, reason }]);
      // The rule's label fee as createReturnCase takes it from the first item; it charges none when every item is kept
      // (caseTerms), which only the chosen items together tell, so the page applies that.
      return { reason, restockingFeePercent: rules.restockingFeePercent, returnShippingFeeMinor: rules.returnShippingFeeMinor, requiredPhotos: rules.requiredPhotos };
    });
    return { ...item, requiredPhotos: verdict.requiredPhotos, outcomes, storeCreditBonusPercent: verdict.storeCreditBonusPercent, byReason };
  });
  return { ...eligibility, items };
}
