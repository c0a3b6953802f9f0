import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { currentLocation, demoViewer, renderApp, viewerAnswer } from '../../test/render-app';

const admin = demoViewer('ADMIN', { id: 'admin-1', displayName: 'Ada Admin' });

const merchant = {
  __typename: 'MerchantProfile' as const,
  id: 'm1',
  name: 'Northwind Goods',
  marketplaceSeller: false,
  returnWindowDays: 30,
  responseSlaHours: 48,
  slaTimeoutAction: 'ESCALATE',
  autoApproveLimitMinor: 0,
  restockingFeePercent: 0,
  refundShipping: false,
  refundTiming: 'AFTER_INSPECTION',
  warehouseAddress: 'Dock 4, Reno',
};
const merchantsAnswer = () => ({ data: { merchants: { __typename: 'MerchantPage', page: 1, pageSize: 20, totalCount: 1, totalPages: 1, items: [merchant] } } });

const user = (id: string, displayName: string, role: string, active = true) => ({
  __typename: 'User' as const,
  id,
  username: displayName.toLowerCase().replace(' ', '.'),
  displayName,
  email: `${id}@example.com`,
  role,
  active,
  createdAt: '2026-07-25T00:00:00.000Z',
  latestAccessChange: active ? null : { __typename: 'UserAccessChange' as const, id: `${id}-off`, active: false, actorLabel: 'ada.admin', createdAt: '2026-11-20T09:00:00.000Z' },
});

describe('admin pages', () => {
  it("shows the server's validation messages by the fields they concern, and saves nothing", async () => {
    const update = vi.fn(() => ({
      data: null,
      errors: [
        {
          message: 'Invalid input. returnWindowDays: The return window is at least 1 day.',
          extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'returnWindowDays', problems: ['The return window is at least 1 day.'] }] },
        },
      ],
    }));
    renderApp('/admin/merchants', { Viewer: viewerAnswer(admin), AdminMerchants: merchantsAnswer, UpdateMerchantPolicy: update });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit policy… for Northwind Goods' }, { timeout: 5000 }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Return window (days)'), { target: { value: '0' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save policy' }));
    expect(await within(dialog).findByText('The return window is at least 1 day.')).toBeTruthy();
    expect(update).toHaveBeenCalledWith(expect.objectContaining({ merchantId: 'm1', input: expect.objectContaining({ returnWindowDays: 0 }) }));
    const field = within(dialog).getByLabelText('Return window (days)');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(document.querySelector('[data-testid="field-error"]')!.id);
    expect(within(dialog).getByRole('alert').textContent).toBe('Nothing was saved: correct the fields marked above.');
  });

  it('edits the refund timing with the policy', async () => {
    const update = vi.fn(() => ({ data: { updateMerchantPolicy: { ...merchant, refundTiming: 'AT_APPROVAL' } } }));
    renderApp('/admin/merchants', { Viewer: viewerAnswer(admin), AdminMerchants: merchantsAnswer, UpdateMerchantPolicy: update });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit policy… for Northwind Goods' }, { timeout: 5000 }));
    const dialog = screen.getByRole('dialog');
    expect((within(dialog).getByLabelText('Refund timing') as HTMLSelectElement).value).toBe('AFTER_INSPECTION');
    fireEvent.change(within(dialog).getByLabelText('Refund timing'), { target: { value: 'AT_APPROVAL' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(update).toHaveBeenCalledWith(expect.objectContaining({ merchantId: 'm1', input: expect.objectContaining({ refundTiming: 'AT_APPROVAL' }) })));
  });

  it('keeps the user filters in the URL and asks the API for them', async () => {
    const users = vi.fn(() => ({
      data: { users: { __typename: 'UserPage', page: 1, pageSize: 20, totalCount: 2, totalPages: 1, items: [user('admin-1', 'Ada Admin', 'ADMIN'), user('u2', 'Carlos Diaz', 'CUSTOMER', false)] } },
    }));
    renderApp('/admin/users?role=CUSTOMER&status=deactivated', { Viewer: viewerAnswer(admin), AdminUsers: users });
    expect(await screen.findAllByTestId('user-row')).toHaveLength(2);
    expect(users).toHaveBeenCalledWith({ filter: { search: null, role: 'CUSTOMER', active: false }, page: 1 });
    // Their own row has no action; a deactivated user can be reactivated.
    const [own, other] = screen.getAllByTestId('user-row');
    expect(within(own).queryByRole('button')).toBeNull();
    expect(within(other).getByRole('button', { name: 'Reactivate Carlos Diaz' })).toBeTruthy();
    // Who deactivated them, from the audit trail.
    expect(within(other).getByTestId('access-change').textContent).toMatch(/^Deactivated by ada\.admin, /);
    expect(within(own).queryByTestId('access-change')).toBeNull();
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'carlos' } });
    fireEvent.submit(screen.getByRole('search'));
    await waitFor(() => expect(currentLocation()).toBe('/admin/users?q=carlos&role=CUSTOMER&status=deactivated'));
  });

  it('sends old ?tab= links to the section’s own address, and unknown sections to Not Found', async () => {
    renderApp('/admin?tab=mailbox', { Viewer: viewerAnswer(admin), DevMailbox: () => ({ data: { devMailbox: { __typename: 'DevMailboxMessageConnection', totalCount: 0, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, edges: [] } } }) });
    expect(await screen.findByRole('heading', { name: 'The development mailbox is empty' })).toBeTruthy();
    expect(currentLocation()).toBe('/admin/mailbox');
  });

  it('has no page for an unknown section', async () => {
    renderApp('/admin/nope', { Viewer: viewerAnswer(admin) });
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });
});
