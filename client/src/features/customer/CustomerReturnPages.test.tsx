import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { caseDetail } from '../../test/case-fixtures';
import { currentLocation, demoViewer, graphqlError, renderApp, viewerAnswer } from '../../test/render-app';
import { eligibilityAnswer as eligibility, eligibleItem as item, merchant, openReturnAnswer, reasonTerms } from '../../test/open-return-fixtures';
import { estimateReturn } from './open-return';

const customer = { Viewer: viewerAnswer(demoViewer('CUSTOMER', { id: 'cust-1', displayName: 'Chloe Carter' })) };
const order = (id: string, number: string, status: string) => ({
  __typename: 'Order',
  id,
  number,
  status,
  placedAt: '2026-11-10T10:00:00.000Z',
  deliveredAt: status === 'DELIVERED' ? '2026-11-13T10:00:00.000Z' : null,
  currency: 'USD',
  totalMinor: 6597,
  merchant,
  items: [{ __typename: 'OrderItem', id: `${id}-i`, name: 'Stoneware mug set', quantity: 2 }],
});

describe('my orders', () => {
  it('shows, item by item, what each delivered order can return and why not; other orders wait for delivery', async () => {
    const asked = vi.fn((vars: Record<string, unknown>) => ({
      data: { returnEligibility: vars.orderId === 'o1' ? eligibility() : eligibility({ orderId: 'o3', eligible: false, reason: 'Return window expired. You can only return orders within 30 days of delivery. This order was delivered 70 days ago.', items: [item('k', 'Kettle', { eligible: false, returnableQuantity: 0, reason: 'Return window expired. You can only return orders within 30 days of delivery. This order was delivered 70 days ago.' })] }) },
    }));
    renderApp('/customer/orders', {
      ...customer,
      CustomerOrders: () => ({
        data: {
          orders: {
            __typename: 'OrderConnection',
            totalCount: 3,
            edges: [order('o1', 'ORD-1', 'DELIVERED'), order('o2', 'ORD-2', 'SHIPPED'), order('o3', 'ORD-3', 'DELIVERED')].map((node) => ({ __typename: 'OrderEdge', cursor: node.id, node })),
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'o3' },
          },
        },
      }),
      ReturnEligibility: asked,
    });
    const cards = await screen.findAllByTestId('order-card', {}, { timeout: 5_000 });
    expect(cards).toHaveLength(3);
    await waitFor(() => expect(within(cards[0]).getAllByTestId('eligibility-item')).toHaveLength(2));
    expect(within(cards[0]).getByText('2 of 2 can be returned')).toBeTruthy();
    expect(within(cards[0]).getByText('Final-sale items cannot be returned.')).toBeTruthy();
    expect(within(cards[0]).getByRole('link', { name: 'Return items' }).getAttribute('href')).toBe('/customer/orders/o1/return');
    expect(within(cards[1]).getByText('Returns open once the order is delivered.')).toBeTruthy();
    expect(asked).not.toHaveBeenCalledWith({ orderId: 'o2' });
    await waitFor(() => expect(within(cards[2]).getByTestId('not-eligible').textContent).toContain('Return window expired.'));
    expect(within(cards[2]).queryByRole('link', { name: 'Return items' })).toBeNull();
  });
});

describe('open a return', () => {
  const handlers = (create: (vars: Record<string, unknown>) => unknown) => ({
    ...customer,
    OpenReturnOrder: () => openReturnAnswer(10),
    CreateReturnCase: create as never,
    CaseDetail: () => ({ data: { returnCase: caseDetail({ id: 'new-case', status: 'SUBMITTED' }, { staff: false }) } }),
  });

  it('says what is missing, then opens the return and goes to its page', async () => {
    const create = vi.fn(() => ({ data: { createReturnCase: { __typename: 'ReturnCase', id: 'new-case', number: 'RET-2611-000099', status: 'SUBMITTED' } } }));
    renderApp('/customer/orders/o1/return', handlers(create));
    const form = await screen.findByTestId('open-return-form', {}, { timeout: 5_000 });
    // The limits are on the page before any file is chosen.
    expect(within(form).getByTestId('upload-limits').textContent).toContain('Up to 5 photos');
    expect((within(form).getByLabelText(/Clearance tote bag/) as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(within(form).getByRole('button', { name: 'Send return request' }));
    expect(within(form).getByText('Choose at least one item to return.')).toBeTruthy();
    expect(within(form).getByText('Choose why you are returning the items.')).toBeTruthy();
    expect(create).not.toHaveBeenCalled();

    fireEvent.click(within(form).getByLabelText(/Stoneware mug set/));
    fireEvent.change(within(form).getByLabelText('Quantity of Stoneware mug set'), { target: { value: '1' } });
    fireEvent.change(within(form).getByLabelText('Why are you returning them?'), { target: { value: 'CHANGED_MIND' } });
    // A restocking fee applies to a change of mind: the estimate says so.
    expect(within(form).getByTestId('return-estimate').textContent).toMatch(/Restocking fee \(10 %\).*3\.00/);
    fireEvent.change(within(form).getByLabelText(/Tell us more/), { target: { value: '  Too small.  ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send return request' }));
    await waitFor(() =>
      expect(create).toHaveBeenCalledWith({ input: { orderId: 'o1', reason: 'CHANGED_MIND', type: 'REFUND', description: 'Too small.', items: [{ orderItemId: 'oi1', quantity: 1 }] } }),
    );
    await waitFor(() => expect(currentLocation()).toBe('/customer/new-case'));
  });

  it('offers the outcomes the rules allow — store credit with its bonus, keeping the item, photos asked for — and sends the choice', async () => {
    const create = vi.fn(() => ({ data: { createReturnCase: { __typename: 'ReturnCase', id: 'new-case', number: 'RET-2611-000100', status: 'REFUND_PENDING' } } }));
    const offered = { outcomes: ['REFUND', 'STORE_CREDIT', 'EXCHANGE', 'KEEP_ITEM'], storeCreditBonusPercent: 15, requiredPhotos: 2 };
    renderApp('/customer/orders/o1/return', {
      ...handlers(create),
      OpenReturnOrder: () => openReturnAnswer(0, { items: [item('oi1', 'Stoneware mug set', offered)] }),
    });
    const form = await screen.findByTestId('open-return-form', {}, { timeout: 5_000 });
    const outcomes = within(form).getByTestId('return-outcomes');
    expect(within(outcomes).getAllByRole('radio').map((r) => r.parentElement!.textContent)).toEqual(['A refund to your original payment', 'Store credit +15 % bonus', 'The same items again (exchange)']);
    expect(within(form).getByTestId('keep-item-notice').textContent).toContain('You keep the item — no need to send it back');
    expect(within(form).getByTestId('required-photos').textContent).toContain('at least 2 photos');
    fireEvent.click(within(form).getByLabelText(/Stoneware mug set/));
    fireEvent.change(within(form).getByLabelText('Why are you returning them?'), { target: { value: 'CHANGED_MIND' } });
    fireEvent.click(within(outcomes).getByLabelText(/Store credit/));
    // Two at 29.99 with a 15 % bonus, rounded down as the ledger issues it: +8.99.
    expect(within(form).getByTestId('return-estimate').textContent).toContain('Store credit bonus (15 %)+$8.99');
    expect(within(form).getByTestId('return-estimate').textContent).toContain('Expected store credit$68.97');
    fireEvent.click(within(form).getByRole('button', { name: 'Send return request' }));
    await waitFor(() => expect(create).toHaveBeenCalledWith({ input: expect.objectContaining({ type: 'REFUND', outcome: 'STORE_CREDIT' }) }));
  });

  it("estimates with the fees the shop's rules set for the reason chosen (a return shipping fee charged, a restocking fee waived) and says the photos asked for", async () => {
    const terms = (reason: string, restockingFeePercent: number | null, returnShippingFeeMinor: number | null, requiredPhotos = 0) =>
      reasonTerms(reason, { restockingFeePercent, returnShippingFeeMinor, requiredPhotos });
    const ruled = {
      byReason: [terms('CHANGED_MIND', 0, 495), terms('NOT_AS_DESCRIBED', null, 0), terms('DEFECTIVE_DAMAGED', null, 495, 1), terms('WRONG_ITEM', null, null), terms('OTHER', null, null)],
    };
    renderApp('/customer/orders/o1/return', {
      ...handlers(vi.fn()),
      OpenReturnOrder: () => openReturnAnswer(10, { items: [item('oi1', 'Stoneware mug set', ruled)] }),
    });
    const form = await screen.findByTestId('open-return-form', {}, { timeout: 5_000 });
    fireEvent.click(within(form).getByLabelText(/Stoneware mug set/));
    fireEvent.change(within(form).getByLabelText('Quantity of Stoneware mug set'), { target: { value: '1' } });
    const estimate = () => within(form).getByTestId('return-estimate').textContent;
    const choose = (reason: string) => fireEvent.change(within(form).getByLabelText('Why are you returning them?'), { target: { value: reason } });

    choose('CHANGED_MIND');
    expect(within(form).queryByTestId('required-photos')).toBeNull();
    expect(estimate()).toContain('Restocking feewaived by the shop');
    expect(estimate()).toContain('Return shipping fee−$4.95');
    expect(estimate()).toContain('Expected refund$25.04');
    // No rule on the fee: the policy's 10 %; the rule waives the label fee.
    choose('NOT_AS_DESCRIBED');
    expect(estimate()).toContain('Restocking fee (10 %)−$3.00');
    expect(estimate()).toContain('Return shipping feewaived by the shop');
    expect(estimate()).toContain('Expected refund$26.99');
    // A damaged item is the shop's fault: no fee at all, whatever the rule says.
    choose('DEFECTIVE_DAMAGED');
    expect(estimate()).not.toContain('fee');
    expect(estimate()).toContain('Expected refund$29.99');
    // A rule on the reason asks for a photo: said as soon as the reason is chosen, not only when the server refuses.
    expect(within(form).getByTestId('required-photos').textContent).toContain('at least 1 photo of the items');
  });

  it('charges no return shipping fee when every chosen item is kept (no label), whatever fee a rule names', () => {
    const byReason = [{ reason: 'CHANGED_MIND' as const, restockingFeePercent: null, returnShippingFeeMinor: 495 }];
    expect(estimateReturn([{ valueMinor: 1299, byReason }], 'CHANGED_MIND', 0, true)).toMatchObject({ returnShippingFeeMinor: 0, totalMinor: 1299 });
    expect(estimateReturn([{ valueMinor: 1299, byReason }], 'CHANGED_MIND', 0, false)).toMatchObject({ returnShippingFeeMinor: 495, totalMinor: 804 });
  });

  it('shows the API’s refusal in its own words and keeps what was typed', async () => {
    const create = vi.fn(() => graphqlError('NOT_ELIGIBLE', 'Stoneware mug set: at most 1 can be returned (ordered 2, already returned or in a return 1).'));
    renderApp('/customer/orders/o1/return', handlers(create));
    const form = await screen.findByTestId('open-return-form', {}, { timeout: 5_000 });
    fireEvent.click(within(form).getByLabelText(/Stoneware mug set/));
    fireEvent.change(within(form).getByLabelText('Why are you returning them?'), { target: { value: 'DEFECTIVE_DAMAGED' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send return request' }));
    expect((await within(form).findByTestId('open-return-error')).textContent).toContain('at most 1 can be returned');
    expect((within(form).getByLabelText('Why are you returning them?') as HTMLSelectElement).value).toBe('DEFECTIVE_DAMAGED');
    expect(currentLocation()).toBe('/customer/orders/o1/return');
  });
});
