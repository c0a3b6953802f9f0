import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RulesAppliedList, describeAction } from './RulesAppliedCard';

afterEach(cleanup);

describe('rules applied', () => {
  it('lists each rule the case met with what it says, in order', () => {
    render(<RulesAppliedList currency="USD" rules={[
      { ruleId: 'damaged', name: 'Damaged: photos, then review', version: 3, actions: [{ type: 'REQUIRE_PHOTOS', photos: 2 }, { type: 'REVIEW', priority: 'high' }] },
      { ruleId: 'default-restocking-fee', name: 'Restocking fee of 10 %', version: 0, actions: [{ type: 'RESTOCKING_FEE', percent: 10 }] },
    ]} />);
    const items = screen.getByTestId('rules-applied-list').querySelectorAll('li');
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toBe('Damaged: photos, then review2 photos required · Review by ops, high priority (rules version 3)');
    expect(items[1].textContent).toContain('Restocking fee 10 % (from the policy)');
  });

  it('says when no rule applied, and when the case predates rules', () => {
    const { rerender } = render(<RulesAppliedList currency="USD" rules={[]} />);
    expect(screen.getByText(/No return rule applied/)).toBeTruthy();
    rerender(<RulesAppliedList currency="USD" rules={null} />);
    expect(screen.getByText(/before return rules were recorded/)).toBeTruthy();
  });

  it('words every action', () => {
    expect(describeAction({ type: 'REFUSE', message: 'Call us.' }, 'USD')).toBe('Refuse: “Call us.”');
    expect(describeAction({ type: 'RETURN_SHIPPING_FEE', amountMinor: 0 }, 'USD')).toBe('Return shipping free');
    expect(describeAction({ type: 'RETURN_SHIPPING_FEE', amountMinor: 499 }, 'USD')).toBe('Return shipping $4.99');
    expect(describeAction({ type: 'OFFER_STORE_CREDIT', bonusPercent: 10 }, 'USD')).toBe('Offer store credit, 10 % bonus');
    expect(describeAction({ type: 'KEEP_ITEM' }, 'USD')).toBe('Customer keeps the item');
    expect(describeAction({ type: 'AUTO_APPROVE' }, 'USD')).toBe('Approve automatically');
    expect(describeAction({ type: 'RESTOCKING_FEE', percent: 0 }, 'USD')).toBe('Restocking fee waived');
  });
});
