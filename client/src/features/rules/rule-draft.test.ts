import { describe, expect, it } from 'vitest';
import { DAMAGED_PHOTOS, KEEP_CHEAP, savedRule } from '../../test/rules-fixtures';
import { newAction, ruleDraftOf, ruleInputOf, toRulesInput, type RuleDraft } from './rule-draft';
import { rulesReducer } from './rules-reducer';

const draft = (rule: Parameters<typeof savedRule>[0]): RuleDraft => ruleDraftOf(savedRule(rule));

describe('rule drafts', () => {
  it('give back the saved rules unchanged when nothing was edited (money through major units and back)', () => {
    const result = toRulesInput([ruleDraftOf(KEEP_CHEAP), ruleDraftOf(DAMAGED_PHOTOS)]);
    expect(result.rules).toEqual([
      { id: 'keep-cheap', name: 'Keep cheap items', conditions: [{ field: 'itemPriceMinor', max: 1499 }, { field: 'reason', anyOf: ['changed_mind'] }], actions: [{ type: 'KEEP_ITEM' }, { type: 'AUTO_APPROVE' }] },
      { id: 'damaged-photos', name: 'Damaged needs photos', conditions: [{ field: 'reason', anyOf: ['defective_damaged'] }], actions: [{ type: 'REQUIRE_PHOTOS', photos: 2 }] },
    ]);
    const fee = ruleInputOf(draft({ id: 'fee', name: 'Shipping', conditions: [{ field: 'riskScore', min: 0.7 }], actions: [{ type: 'RETURN_SHIPPING_FEE', amountMinor: 495 }] }));
    expect(fee.input).toEqual({ id: 'fee', name: 'Shipping', conditions: [{ field: 'riskScore', min: 0.7 }], actions: [{ type: 'RETURN_SHIPPING_FEE', amountMinor: 495 }] });
    expect(fee.problems).toEqual({});
  });

  it('name what the server would refuse, by its field paths', () => {
    const rule = draft({
      id: 'r',
      name: 'Everything wrong',
      conditions: [{ field: 'riskScore', min: 0.2 }, { field: 'daysSinceDelivery', min: 9, max: 3 }, { field: 'daysSinceDelivery', min: 1 }],
      actions: [{ type: 'AUTO_APPROVE' }, { type: 'REFUSE', message: 'No.' }, { type: 'OFFER_STORE_CREDIT', bonusPercent: 101 }],
    });
    rule.conditions[0].min = '1.5';
    expect(ruleInputOf(rule).problems).toEqual({
      'conditions[0].min': 'A risk score bound lies between 0 and 1.',
      'conditions[1].min': 'Min 9 is above max 3, so the condition can never hold.',
      'conditions[2].field': '"daysSinceDelivery" is used twice; merge the two conditions into one.',
      'actions[1].type': 'A rule decides at most one way (AUTO_APPROVE and REFUSE).',
      'actions[2].bonusPercent': 'The bonus is a whole percentage from 0 to 100.',
    });
    const same = draft({ id: 's', name: 'Twice', conditions: [], actions: [{ type: 'KEEP_ITEM' }, { type: 'KEEP_ITEM' }] });
    expect(ruleInputOf(same).problems).toEqual({ 'actions[1].type': 'KEEP_ITEM is given twice.' });
    expect(ruleInputOf({ ...same, actions: [] }).problems).toEqual({ actions: 'A rule needs at least one action.' });
  });

  it('refuse keeping items above the rule’s own order value bound, in the amounts the person typed', () => {
    const rule = draft({
      id: 'k',
      name: 'Keep',
      conditions: [{ field: 'orderValueMinor', max: 1000 }, { field: 'returnValueMinor', max: 1500 }, { field: 'itemPriceMinor', min: 2000 }],
      actions: [{ type: 'KEEP_ITEM' }],
    });
    expect(ruleInputOf(rule).problems).toEqual({
      'conditions[1].max': 'Keeping items worth up to 15.00 is above the order value bound of 10.00.',
      'conditions[2].min': 'Item price at least 20.00 can never hold in an order worth at most 10.00.',
    });
    // Without keep-the-item, only the bound that can never hold is refused.
    expect(Object.keys(ruleInputOf({ ...rule, actions: [newAction('AUTO_APPROVE')] }).problems)).toEqual(['conditions[2].min']);
  });

  it('add a second action that does not decide when one already does, and duplicate a rule as a new one', () => {
    const start = [draft({ id: 'a', name: 'Approve', conditions: [], actions: [{ type: 'AUTO_APPROVE' }] })];
    const added = rulesReducer(start, { type: 'add-action', key: start[0].key });
    expect(added[0].actions.map((a) => a.type)).toEqual(['AUTO_APPROVE', 'REQUIRE_PHOTOS']);
    const copied = rulesReducer(added, { type: 'duplicate-rule', key: start[0].key });
    expect(copied.map((r) => [r.id, r.name])).toEqual([['a', 'Approve'], [null, 'Approve (copy)']]);
    expect(copied[1].actions[0].key).not.toBe(copied[0].actions[0].key);
  });
});
