// Validation of a rule set (issue 22 §1): a set that cannot be right is refused with BAD_USER_INPUT naming the rule
// (index and id) and the field. The API test (tests/api/return-rules.test.ts) checks that nothing is then saved.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../server/src/errors/domain-error.js';
import { defaultRuleSet } from '../../server/src/modules/rules/default-rules.js';
import { validateRuleSet } from '../../server/src/modules/rules/validate-rules.js';

const ok = { id: 'ok', name: 'Fine', conditions: [{ field: 'itemPriceMinor', max: 1_500 }], actions: [{ type: 'KEEP_ITEM' }] };

function refusal(rules: unknown[]): { message: string; details: Record<string, unknown> } {
  try {
    validateRuleSet(rules);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    return { message: (error as DomainError).message, details: (error as DomainError).details };
  }
  throw new Error('the rule set was accepted');
}

const CASES: Array<[string, Record<string, unknown>, string]> = [
  ['an unknown condition field', { conditions: [{ field: 'colour', anyOf: ['red'] }] }, 'conditions[0].field'],
  ['an unknown key on a condition', { conditions: [{ field: 'sku', anyOf: ['A'], equals: 'A' }] }, 'conditions[0].equals'],
  ['an unknown key on a rule', { priority: 3 }, 'priority'],
  ['an unknown action', { actions: [{ type: 'SEND_FLOWERS' }] }, 'actions[0].type'],
  ['a parameter the action does not take', { actions: [{ type: 'KEEP_ITEM', percent: 5 }] }, 'actions[0].percent'],
  ['min above max', { conditions: [{ field: 'daysSinceDelivery', min: 10, max: 5 }] }, 'conditions[0].min'],
  ['an empty list', { conditions: [{ field: 'reason', anyOf: [] }] }, 'conditions[0].anyOf'],
  ['a reason that does not exist', { conditions: [{ field: 'reason', anyOf: ['bored'] }] }, 'conditions[0].anyOf'],
  ['negative days', { conditions: [{ field: 'daysSinceDelivery', max: -1 }] }, 'conditions[0].max'],
  ['a fractional amount', { conditions: [{ field: 'orderValueMinor', min: 10.5 }] }, 'conditions[0].min'],
  ['a risk score above 1', { conditions: [{ field: 'riskScore', min: 1.5 }] }, 'conditions[0].min'],
  ['a range with no bound', { conditions: [{ field: 'returnsLast90Days' }] }, 'conditions[0].min'],
  ['a range bound on a list field', { conditions: [{ field: 'sku', min: 1 }] }, 'conditions[0].min'],
  ['the same field twice', { conditions: [{ field: 'evidencePhotos', min: 1 }, { field: 'evidencePhotos', max: 3 }] }, 'conditions[1].field'],
  ['a store-credit bonus over 100 %', { actions: [{ type: 'OFFER_STORE_CREDIT', bonusPercent: 101 }] }, 'actions[0].bonusPercent'],
  ['a restocking fee over 100 %', { actions: [{ type: 'RESTOCKING_FEE', percent: 150 }] }, 'actions[0].percent'],
  ['a refusal without a message', { actions: [{ type: 'REFUSE', message: '  ' }] }, 'actions[0].message'],
  ['a review without a priority', { actions: [{ type: 'REVIEW' }] }, 'actions[0].priority'],
  ['zero photos required', { actions: [{ type: 'REQUIRE_PHOTOS', photos: 0 }] }, 'actions[0].photos'],
  ['no action', { actions: [] }, 'actions'],
  ['two deciding actions', { actions: [{ type: 'AUTO_APPROVE' }, { type: 'REFUSE', message: 'no' }] }, 'actions[1].type'],
  ['an action twice', { actions: [{ type: 'KEEP_ITEM' }, { type: 'KEEP_ITEM' }] }, 'actions[1].type'],
  ['no name', { name: '' }, 'name'],
  ['an item price that cannot fit in the order', { conditions: [{ field: 'orderValueMinor', max: 1_000 }, { field: 'itemPriceMinor', min: 2_000 }] }, 'conditions[1].min'],
  ['keep-the-item above the order value', { conditions: [{ field: 'orderValueMinor', max: 1_000 }, { field: 'itemPriceMinor', max: 5_000 }], actions: [{ type: 'KEEP_ITEM' }] }, 'conditions[1].max'],
];

describe('validateRuleSet', () => {
  it.each(CASES)('refuses %s, naming the rule and the field', (_what, change, field) => {
    const { message, details } = refusal([ok, { ...ok, id: 'bad', name: 'Broken', ...change }]);
    expect(details).toEqual({ ruleIndex: 1, ruleId: 'bad', field });
    expect(message).toContain('Rule 2');
    expect(message).toContain(field);
  });

  it('refuses an empty id', () => {
    expect(refusal([{ ...ok, id: ' ' }]).details).toEqual({ ruleIndex: 0, ruleId: ' ', field: 'id' });
  });

  it('refuses more than 100 rules, and two rules with one id', () => {
    expect(refusal(Array.from({ length: 101 }, (_, i) => ({ ...ok, id: `r${i}` }))).details).toEqual({ field: 'rules' });
    expect(refusal([ok, ok]).details).toEqual({ ruleIndex: 1, ruleId: 'ok', field: 'id' });
  });

  it('accepts 100 rules, gives new rules an id, and drops absent fields', () => {
    expect(validateRuleSet(Array.from({ length: 100 }, (_, i) => ({ ...ok, id: `r${i}` })))).toHaveLength(100);
    const [rule] = validateRuleSet([{ name: ' Keep cheap ', conditions: [{ field: 'itemPriceMinor', min: undefined, max: 1_500, anyOf: null }], actions: [{ type: 'KEEP_ITEM', percent: null }] }]);
    expect(rule).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Keep cheap', conditions: [{ field: 'itemPriceMinor', max: 1_500 }], actions: [{ type: 'KEEP_ITEM' }] });
  });

  it('accepts the default rule set of any policy', () => {
    for (const policy of [{ returnWindowDays: 30, autoApproveLimitMinor: 0, restockingFeePercent: 0 }, { returnWindowDays: 1, autoApproveLimitMinor: 5_000, restockingFeePercent: 15 }]) {
      const rules = defaultRuleSet(policy);
      expect(validateRuleSet(rules)).toEqual(rules);
    }
  });
});
