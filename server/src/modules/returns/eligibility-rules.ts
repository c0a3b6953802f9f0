import { type CaseRuleOutcome, applyRules, itemFacts, startedDaysSince } from '../rules/apply-rules.js';
import type { ActiveRuleSet } from '../rules/rule-set-cache.js';
import type { ItemEligibility, OrderEligibility, OrderFacts, ReasonTerms } from './eligibility.js';
import { ReturnOutcome, ReturnReason } from './return-case.enums.js';

/** What a verdict of the rules on one item offers the customer. */
type ItemOffer = Pick<ReasonTerms, 'outcomes' | 'storeCreditBonusPercent' | 'ruleMessage'>;

/**
 * The one reading of a verdict for the customer, used for the item's answer and for each reason: REFUND, STORE_CREDIT
 * when a rule offers it, EXCHANGE, KEEP_ITEM when a rule keeps the goods; nothing, with the rule's message, when a rule
 * refuses.
 */
export function offerOf(verdict: CaseRuleOutcome): ItemOffer {
  if (verdict.refusal) return { outcomes: [], storeCreditBonusPercent: null, ruleMessage: verdict.refusal.message };
  const outcomes = [ReturnOutcome.REFUND];
  if (verdict.storeCreditBonusPercent !== null) outcomes.push(ReturnOutcome.STORE_CREDIT);
  outcomes.push(ReturnOutcome.EXCHANGE);
  if (verdict.keepItem) outcomes.push(ReturnOutcome.KEEP_ITEM);
  return { outcomes, storeCreditBonusPercent: verdict.storeCreditBonusPercent, ruleMessage: null };
}

/**
 * What the merchant's rules say of each returnable item before the customer opens a return (issue 22 §2). Asked
 * before a reason is chosen and before any score or photo, so conditions on the reason, the risk or the photos do not
 * hold in the item's own answer (createReturnCase checks them); an item's return value is its unit price times its
 * returnable quantity. A refusing rule makes the item not returnable, with the rule's message. What depends on the
 * reason (outcomes, bonus, a refusal, fees, photos) is answered for each reason too, with the same function
 * createReturnCase uses (applyRules).
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
    const offer = offerOf(verdict);
    if (offer.ruleMessage) return { ...item, ...offer, reason: offer.ruleMessage, returnableQuantity: 0 };
    const byReason = Object.values(ReturnReason).map((reason): ReasonTerms => {
      const rules = applyRules(ruleSet, [{ ...known, reason }]);
      // The rule's label fee as createReturnCase takes it from the first item; it charges none when every item is kept
      // (caseTerms), which only the chosen items together tell, so the page applies that.
      return { reason, ...offerOf(rules), restockingFeePercent: rules.restockingFeePercent, returnShippingFeeMinor: rules.returnShippingFeeMinor, requiredPhotos: rules.requiredPhotos };
    });
    return { ...item, ...offer, requiredPhotos: verdict.requiredPhotos, byReason };
  });
  return { ...eligibility, items };
}
