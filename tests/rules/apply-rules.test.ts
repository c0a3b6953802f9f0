// A case's verdict from its items' rule evaluations (issue 22 §1, apply-rules.ts): a refusal anywhere refuses the
// case, a review anywhere reviews it at the most urgent priority asked for, an automatic approval needs every item;
// and the default rule set derived from a policy decides exactly as the policy's own auto-approve and window tests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qualifiesForAutoApproval } from '../../server/src/modules/returns/open-case.service.js';
import { CasePriority, ReturnReason, RiskLabel } from '../../server/src/modules/returns/return-case.enums.js';
import { applyRules, itemFacts, startedDaysSince } from '../../server/src/modules/rules/apply-rules.js';
import { defaultRuleSet } from '../../server/src/modules/rules/default-rules.js';
import type { ReturnFacts, ReturnRule } from '../../server/src/modules/rules/return-rules.model.js';

const facts = (sku: string, over: Partial<ReturnFacts> = {}): ReturnFacts => ({
  reason: ReturnReason.OTHER, category: null, sku, itemPriceMinor: 1_000, orderValueMinor: 5_000, returnValueMinor: 1_000,
  daysSinceDelivery: 2, returnsLast90Days: 0, returnsLast365Days: 0, riskLabel: null, riskScore: null, evidencePhotos: 0, ...over,
});

const RULES: ReturnRule[] = [
  { id: 'refuse-a', name: 'A refused', conditions: [{ field: 'sku', anyOf: ['A'] }], actions: [{ type: 'REFUSE', message: 'No A.' }] },
  { id: 'review-b', name: 'B reviewed', conditions: [{ field: 'sku', anyOf: ['B'] }], actions: [{ type: 'REVIEW', priority: CasePriority.LOW }, { type: 'REQUIRE_PHOTOS', photos: 1 }] },
  { id: 'review-c', name: 'C urgent', conditions: [{ field: 'sku', anyOf: ['C'] }], actions: [{ type: 'REVIEW', priority: CasePriority.URGENT }, { type: 'REQUIRE_PHOTOS', photos: 3 }] },
  { id: 'approve-d', name: 'D approved', conditions: [{ field: 'sku', anyOf: ['D', 'E'] }], actions: [{ type: 'AUTO_APPROVE' }] },
  { id: 'credit', name: 'Credit', conditions: [], actions: [{ type: 'OFFER_STORE_CREDIT', bonusPercent: 5 }] },
];
const SET = { version: 4, rules: RULES };

describe('applyRules', () => {
  it('refuses the case when any item is refused, whatever the others say', () => {
    const outcome = applyRules(SET, [facts('D'), facts('A'), facts('C')]);
    expect(outcome).toMatchObject({ refusal: { ruleId: 'refuse-a', message: 'No A.' }, review: null, autoApprove: null });
  });

  it('reviews at the most urgent priority asked for and asks for the most photos', () => {
    const outcome = applyRules(SET, [facts('B'), facts('C'), facts('D')]);
    expect(outcome).toMatchObject({ refusal: null, review: { ruleId: 'review-c', priority: CasePriority.URGENT }, autoApprove: null, requiredPhotos: 3, photosRuleId: 'review-c' });
  });

  it('approves automatically only when every item is approved', () => {
    expect(applyRules(SET, [facts('D'), facts('E')]).autoApprove).toEqual({ ruleId: 'approve-d', ruleName: 'D approved' });
    expect(applyRules(SET, [facts('D'), facts('Z')]).autoApprove).toBeNull();
  });

  it('combines keep-the-item and the largest store-credit bonus over every item', () => {
    const keep: ReturnRule = { id: 'keep-e', name: 'Keep E', conditions: [{ field: 'sku', anyOf: ['E'] }], actions: [{ type: 'KEEP_ITEM' }, { type: 'OFFER_STORE_CREDIT', bonusPercent: 15 }] };
    const set = { version: 1, rules: [...RULES, keep] };
    expect(applyRules(set, [facts('D')])).toMatchObject({ keepItem: false, storeCreditBonusPercent: 5 });
    expect(applyRules(set, [facts('D'), facts('E')])).toMatchObject({ keepItem: true, storeCreditBonusPercent: 15 });
    expect(applyRules({ version: 1, rules: [RULES[0]] }, [facts('D')])).toMatchObject({ keepItem: false, storeCreditBonusPercent: null });
  });

  it('records every rule met, once, in rule order, with the set\'s version and the rule\'s actions', () => {
    const outcome = applyRules(SET, [facts('D'), facts('B'), facts('D')]);
    expect(outcome.matched).toEqual([
      { ruleId: 'review-b', name: 'B reviewed', version: 4, actions: RULES[1].actions },
      { ruleId: 'approve-d', name: 'D approved', version: 4, actions: RULES[3].actions },
      { ruleId: 'credit', name: 'Credit', version: 4, actions: RULES[4].actions },
    ]);
  });

  it('counts started days since delivery: 0 at delivery, 1 within the first 24 hours after it', () => {
    const delivered = new Date('2026-12-01T10:00:00Z');
    expect(startedDaysSince(delivered, delivered)).toBe(0);
    expect(startedDaysSince(delivered, new Date('2026-12-01T10:00:01Z'))).toBe(1);
    expect(startedDaysSince(delivered, new Date('2026-12-02T10:00:00Z'))).toBe(1);
    expect(startedDaysSince(delivered, new Date('2026-12-02T10:00:01Z'))).toBe(2);
  });

  it('decides with the default rule set exactly as the policy does (auto-approve limit and low risk; the window)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(null, ...Object.values(RiskLabel)),
      fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 90 }), fc.integer({ min: 1, max: 3 }),
      (refundMinor, limitMinor, riskLabel, windowDays, days, items) => {
        const set = { version: 0, rules: defaultRuleSet({ returnWindowDays: windowDays, autoApproveLimitMinor: limitMinor, restockingFeePercent: 10 }) };
        const known = { reason: ReturnReason.CHANGED_MIND, orderValueMinor: 20_000, returnValueMinor: refundMinor, daysSinceDelivery: days,
          returnsLast90Days: 0, returnsLast365Days: 0, riskLabel, riskScore: riskLabel ? 0.5 : null, evidencePhotos: 0 };
        const outcome = applyRules(set, Array.from({ length: items }, (_, i) => itemFacts({ sku: `S${i}`, unitPriceMinor: 500 }, known)));
        expect(outcome.refusal !== null).toBe(days > windowDays);
        if (!outcome.refusal) expect(outcome.autoApprove !== null).toBe(qualifiesForAutoApproval(refundMinor, limitMinor, riskLabel));
        expect(outcome.review).toBeNull();
        expect(outcome.requiredPhotos).toBe(0);
      },
    ));
  });
});
