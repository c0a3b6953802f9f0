// Issue 22 §2: once the customer picks a reason, the open-return page offers what the shop's rules say for that reason
// (returnEligibility's byReason) for the chosen items — store credit and its bonus, keeping the item, a refusal —
// instead of each item's answer without a reason.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { demoViewer, renderApp, viewerAnswer } from '../../test/render-app';
import { eligibleItem, openReturnAnswer, reasonTerms } from '../../test/open-return-fixtures';
import { draftProblems, refusedItems, termsFor } from './open-return';

const FINAL_SALE = 'Final sale: boots cannot be returned because you changed your mind.';
const changedMind = (over: Record<string, unknown>) => [
  reasonTerms('DEFECTIVE_DAMAGED'),
  reasonTerms('WRONG_ITEM'),
  reasonTerms('NOT_AS_DESCRIBED'),
  reasonTerms('CHANGED_MIND', over),
  reasonTerms('OTHER'),
];
// A change of mind: store credit +10 % and keep the mugs; refused for the boots; nothing of it without a reason.
const mugs = eligibleItem('oi1', 'Stoneware mug set', { byReason: changedMind({ outcomes: ['REFUND', 'STORE_CREDIT', 'EXCHANGE', 'KEEP_ITEM'], storeCreditBonusPercent: 10 }) });
const boots = eligibleItem('oi3', 'Waterproof hiking boots', { byReason: changedMind({ outcomes: [], ruleMessage: FINAL_SALE }) });

const created = { data: { createReturnCase: { __typename: 'ReturnCase', id: 'new-case', number: 'RET-2611-000101', status: 'SUBMITTED' } } };

async function openPage(items: unknown[]) {
  const create = vi.fn(() => created);
  renderApp('/customer/orders/o1/return', {
    Viewer: viewerAnswer(demoViewer('CUSTOMER', { id: 'cust-1' })),
    OpenReturnOrder: () => openReturnAnswer(0, { items }),
    CreateReturnCase: create as never,
  });
  const form = await screen.findByTestId('open-return-form', {}, { timeout: 5_000 });
  const choices = () => within(within(form).getByTestId('return-outcomes')).getAllByRole('radio').map((r) => r.parentElement!.textContent);
  const choose = (reason: string) => fireEvent.change(within(form).getByLabelText('Why are you returning them?'), { target: { value: reason } });
  return { form, create, choices, choose };
}

describe('open a return: the outcomes of the reason chosen', () => {
  it("offers store credit and keeping the item once a rule on the reason says so, and falls back to a refund, saying so, when another reason doesn't", async () => {
    const { form, create, choices, choose } = await openPage([mugs]);
    // Before a reason: the item's own answer.
    expect(choices()).toEqual(['A refund to your original payment', 'The same items again (exchange)']);
    expect(within(form).queryByTestId('keep-item-notice')).toBeNull();
    // A reason first (no item yet): what it offers on the items that can be returned.
    choose('CHANGED_MIND');
    expect(choices()).toEqual(['A refund to your original payment', 'Store credit +10 % bonus', 'The same items again (exchange)']);
    expect(within(form).getByTestId('keep-item-notice').textContent).toContain('You keep the item');
    fireEvent.click(within(form).getByLabelText(/Stoneware mug set/));
    fireEvent.click(within(form).getByLabelText(/Store credit/));
    // Two at 29.99, +10 % rounded down: +5.99.
    expect(within(form).getByTestId('return-estimate').textContent).toContain('Store credit bonus (10 %)+$5.99');
    expect(within(form).queryByTestId('outcome-fallback')).toBeNull();

    choose('NOT_AS_DESCRIBED');
    expect(choices()).toEqual(['A refund to your original payment', 'The same items again (exchange)']);
    expect((within(form).getByLabelText('A refund to your original payment') as HTMLInputElement).checked).toBe(true);
    expect(within(form).getByTestId('outcome-fallback').textContent).toContain('so you get a refund to your original payment instead');
    expect(within(form).queryByTestId('keep-item-notice')).toBeNull();
    expect(within(form).getByTestId('return-estimate').textContent).not.toContain('bonus');
    expect(within(form).getByTestId('return-estimate').textContent).toContain('Expected refund$59.98');
    fireEvent.click(within(form).getByRole('button', { name: 'Send return request' }));
    await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    expect(create).toHaveBeenCalledWith({ input: { orderId: 'o1', reason: 'NOT_AS_DESCRIBED', type: 'REFUND', description: '', items: [{ orderItemId: 'oi1', quantity: 2 }] } });
  });

  it('shows a refusing rule by the item it refuses for that reason and sends nothing until the reason or the items change', async () => {
    const { form, create, choose } = await openPage([mugs, boots]);
    fireEvent.click(within(form).getByLabelText(/Stoneware mug set/));
    fireEvent.click(within(form).getByLabelText(/^Waterproof hiking boots/));
    expect(within(form).queryByTestId('item-refusal')).toBeNull();
    choose('CHANGED_MIND');
    const [mugRow, bootRow] = within(form).getAllByTestId('return-item');
    expect(within(bootRow).getByTestId('item-refusal').textContent).toBe(`Not for this reason: ${FINAL_SALE}`);
    expect(within(mugRow).queryByTestId('item-refusal')).toBeNull();
    // Refused as a whole by the server, so neither store credit nor keeping is offered for the two together.
    expect(within(form).queryByLabelText(/Store credit/)).toBeNull();
    expect(within(form).queryByTestId('keep-item-notice')).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Send return request' }));
    expect(within(form).getByText('The shop does not take back Waterproof hiking boots for this reason: choose another reason, or leave that item out.')).toBeTruthy();
    expect(create).not.toHaveBeenCalled();

    // Without the boots, the mugs alone are offered what a change of mind brings them; the return goes.
    fireEvent.click(within(form).getByLabelText(/^Waterproof hiking boots/));
    expect(within(form).queryByText(/does not take back/)).toBeNull();
    expect(within(form).getByLabelText(/Store credit \+10 % bonus/)).toBeTruthy();
    expect(within(form).getByTestId('keep-item-notice')).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Send return request' }));
    await waitFor(() => expect(create).toHaveBeenCalledWith({ input: expect.objectContaining({ reason: 'CHANGED_MIND', items: [{ orderItemId: 'oi1', quantity: 2 }] }) }));
  });

  it("reads an item's terms for a reason, its own answer before one is chosen", () => {
    // The fixtures are the API's JSON (enums as plain strings).
    const [mug, boot] = [mugs, boots] as unknown as Array<Parameters<typeof termsFor>[0]>;
    expect(termsFor(mug, '')).toBe(mug);
    expect(termsFor(mug, 'CHANGED_MIND')).toMatchObject({ outcomes: ['REFUND', 'STORE_CREDIT', 'EXCHANGE', 'KEEP_ITEM'], storeCreditBonusPercent: 10 });
    expect(refusedItems([mug, boot], 'CHANGED_MIND')).toEqual([boot]);
    expect(refusedItems([mug, boot], 'WRONG_ITEM')).toEqual([]);
    const draft = { quantities: { oi1: 1, oi3: 1 }, reason: 'CHANGED_MIND' as const, outcome: 'REFUND' as const, description: '' };
    expect(draftProblems(draft, { oi1: 2, oi3: 2 }, ['Waterproof hiking boots', 'Stoneware mug set']).reason).toBe(
      'The shop does not take back Waterproof hiking boots and Stoneware mug set for this reason: choose another reason, or leave those items out.',
    );
    expect(draftProblems(draft, { oi1: 2, oi3: 2 })).toEqual({});
  });
});
