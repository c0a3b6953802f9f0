// The return rules' evaluator (issue 22 §1): the first matching rule that decides wins; the other actions of every
// matching rule combine. Examples first, then a property over random rule sets and facts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CasePriority, ReturnReason, RiskLabel } from '../../server/src/modules/returns/return-case.enums.js';
import { combineInformational, conditionHolds, evaluateRules } from '../../server/src/modules/rules/evaluate-rules.js';
import type { ReturnFacts, ReturnRule, RuleAction, RuleCondition } from '../../server/src/modules/rules/return-rules.model.js';
import { LIST_VALUES, RANGE_FIELDS, isDeciding } from '../../server/src/modules/rules/return-rules.model.js';
import { validateRuleSet } from '../../server/src/modules/rules/validate-rules.js';

const FACTS: ReturnFacts = {
  reason: ReturnReason.CHANGED_MIND, category: 'shoes', sku: 'SKU-1', itemPriceMinor: 1_200, orderValueMinor: 5_000,
  returnValueMinor: 1_200, daysSinceDelivery: 3, returnsLast90Days: 0, returnsLast365Days: 1, riskLabel: RiskLabel.LOW,
  riskScore: 0.1, evidencePhotos: 0,
};

const rule = (id: string, conditions: RuleCondition[], actions: RuleAction[]): ReturnRule => ({ id, name: id, conditions, actions });

describe('evaluateRules', () => {
  it('lets the first matching deciding rule win and combines the informational actions of every match', () => {
    const rules = [
      rule('too-expensive', [{ field: 'itemPriceMinor', min: 10_000 }], [{ type: 'REFUSE', message: 'no' }]),
      rule('credit', [], [{ type: 'OFFER_STORE_CREDIT', bonusPercent: 10 }]),
      rule('keep-cheap', [{ field: 'itemPriceMinor', max: 1_500 }], [{ type: 'KEEP_ITEM' }, { type: 'AUTO_APPROVE' }]),
      rule('review', [{ field: 'reason', anyOf: [ReturnReason.CHANGED_MIND] }], [{ type: 'REVIEW', priority: CasePriority.HIGH }, { type: 'REQUIRE_PHOTOS', photos: 2 }]),
    ];
    const result = evaluateRules(rules, FACTS);
    expect(result.decision).toEqual({ action: { type: 'AUTO_APPROVE' }, ruleId: 'keep-cheap', ruleName: 'keep-cheap' });
    expect(result.matchedRules.map((r) => r.id)).toEqual(['credit', 'keep-cheap', 'review']);
    expect(result.informational.map((a) => `${a.ruleId}:${a.type}`)).toEqual(['credit:OFFER_STORE_CREDIT', 'keep-cheap:KEEP_ITEM', 'review:REQUIRE_PHOTOS']);
    expect(combineInformational(result.informational)).toEqual({ requiredPhotos: 2, keepItem: true, storeCreditBonusPercent: 10, restockingFeePercent: null, returnShippingFeeMinor: null });
  });

  it('decides nothing when no matching rule decides', () => {
    const result = evaluateRules([rule('fee', [], [{ type: 'RESTOCKING_FEE', percent: 0 }])], FACTS);
    expect(result.decision).toBeNull();
    expect(combineInformational(result.informational).restockingFeePercent).toBe(0);
  });

  it('holds bounds inclusively and never holds on an unknown fact', () => {
    expect(conditionHolds({ field: 'daysSinceDelivery', min: 3, max: 3 }, FACTS)).toBe(true);
    expect(conditionHolds({ field: 'daysSinceDelivery', min: 4 }, FACTS)).toBe(false);
    expect(conditionHolds({ field: 'riskScore', max: 1 }, { ...FACTS, riskScore: null })).toBe(false);
    expect(conditionHolds({ field: 'riskLabel', anyOf: ['low'] }, { ...FACTS, riskLabel: null })).toBe(false);
    expect(conditionHolds({ field: 'category', anyOf: ['shoes', 'hats'] }, FACTS)).toBe(true);
  });
});

// Random rule sets over a small value space, so that matches are frequent.
const conditionArb: fc.Arbitrary<RuleCondition> = fc.oneof(
  fc.record({ field: fc.constantFrom(...RANGE_FIELDS.filter((f) => f !== 'riskScore')), min: fc.integer({ min: 0, max: 6 }), span: fc.integer({ min: 0, max: 6 }) })
    .map(({ field, min, span }) => ({ field, min, max: min + span })),
  fc.record({ field: fc.constant('riskScore' as const), max: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.subarray(LIST_VALUES.reason as string[], { minLength: 1 }).map((anyOf) => ({ field: 'reason' as const, anyOf })),
  fc.subarray(LIST_VALUES.riskLabel as string[], { minLength: 1 }).map((anyOf) => ({ field: 'riskLabel' as const, anyOf })),
);
const actionArb: fc.Arbitrary<RuleAction> = fc.oneof(
  fc.constant({ type: 'AUTO_APPROVE' as const }),
  fc.constantFrom(...Object.values(CasePriority)).map((priority) => ({ type: 'REVIEW' as const, priority })),
  fc.constant({ type: 'REFUSE' as const, message: 'Refused by rule.' }),
  fc.integer({ min: 1, max: 10 }).map((photos) => ({ type: 'REQUIRE_PHOTOS' as const, photos })),
  fc.constant({ type: 'KEEP_ITEM' as const }),
  fc.integer({ min: 0, max: 100 }).map((bonusPercent) => ({ type: 'OFFER_STORE_CREDIT' as const, bonusPercent })),
  fc.integer({ min: 0, max: 100 }).map((percent) => ({ type: 'RESTOCKING_FEE' as const, percent })),
  fc.integer({ min: 0, max: 2_000 }).map((amountMinor) => ({ type: 'RETURN_SHIPPING_FEE' as const, amountMinor })),
);
const ruleArb = fc.record({
  conditions: fc.uniqueArray(conditionArb, { maxLength: 3, selector: (c) => c.field }),
  actions: fc.uniqueArray(actionArb, { minLength: 1, maxLength: 4, selector: (a) => a.type }),
}).map(({ conditions, actions }) => {
  // At most one deciding action per rule, as validation demands.
  const deciding = actions.filter(isDeciding).slice(0, 1);
  return { conditions, actions: [...actions.filter((a) => !isDeciding(a)), ...deciding] };
});
const factsArb: fc.Arbitrary<ReturnFacts> = fc.record({
  reason: fc.constantFrom(...Object.values(ReturnReason)), category: fc.constant(null), sku: fc.constant('SKU-1'),
  itemPriceMinor: fc.integer({ min: 0, max: 8 }), orderValueMinor: fc.integer({ min: 0, max: 8 }), returnValueMinor: fc.integer({ min: 0, max: 8 }),
  daysSinceDelivery: fc.integer({ min: 0, max: 8 }), returnsLast90Days: fc.integer({ min: 0, max: 8 }), returnsLast365Days: fc.integer({ min: 0, max: 8 }),
  riskLabel: fc.option(fc.constantFrom(...Object.values(RiskLabel)), { nil: null }), riskScore: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  evidencePhotos: fc.integer({ min: 0, max: 8 }),
});

const savable = (draft: unknown) => {
  try {
    validateRuleSet([draft]);
    return true;
  } catch {
    return false;
  }
};

describe('evaluateRules, property', () => {
  it('decides by the first matching rule that decides; informational actions are those of every matching rule', () => {
    let decided = 0;
    fc.assert(fc.property(fc.array(ruleArb, { maxLength: 12 }), factsArb, (drafts, facts) => {
      // Only rules validation accepts (it refuses e.g. an item price above the order value's bound), so the
      // property covers sets a merchant can save.
      const rules = validateRuleSet(drafts.map((d, i) => ({ id: `r${i}`, name: `Rule ${i}`, ...d })).filter(savable));
      const result = evaluateRules(rules, facts);
      // Independently: a rule matches when each of its conditions holds, checked field by field.
      const holds = (c: RuleCondition) => {
        const v = facts[c.field];
        if (v === null) return false;
        return c.anyOf ? c.anyOf.includes(String(v)) : (c.min ?? -Infinity) <= (v as number) && (v as number) <= (c.max ?? Infinity);
      };
      const matching = rules.filter((r) => r.conditions.every(holds));
      expect(result.matchedRules.map((r) => r.id)).toEqual(matching.map((r) => r.id));
      const firstDeciding = matching.find((r) => r.actions.some(isDeciding));
      expect(result.decision?.ruleId ?? null).toBe(firstDeciding?.id ?? null);
      expect(result.decision?.action ?? null).toEqual(firstDeciding?.actions.find(isDeciding) ?? null);
      const union = matching.flatMap((r) => r.actions.filter((a) => !isDeciding(a)).map((a) => ({ ...a, ruleId: r.id })));
      expect(result.informational).toEqual(union);
      if (result.decision) decided += 1;
    }), { numRuns: 500 });
    // The generator is not degenerate: many runs have a decision, and not all.
    expect(decided).toBeGreaterThan(50);
    expect(decided).toBeLessThan(500);
  });
});
