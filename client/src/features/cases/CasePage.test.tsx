import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { caseDetail } from '../../test/case-fixtures';
import { demoViewer, graphqlError, renderApp, viewerAnswer } from '../../test/render-app';

const ops = { Viewer: viewerAnswer(demoViewer('OPS', { id: 'ops-1', displayName: 'Oscar Ops' })) };
const customer = { Viewer: viewerAnswer(demoViewer('CUSTOMER', { id: 'cust-1', displayName: 'Chloe Carter' })) };

describe('case pages', () => {
  it('answers a case the viewer may not see with the Not Found page', async () => {
    renderApp('/customer/someone-elses-case', { ...customer, CaseDetail: () => graphqlError('NOT_FOUND', 'Return case not found.') });
    // The first test of the file loads the lazy case page chunk (transformed on demand): give it time.
    expect(await screen.findByRole('heading', { name: 'Page not found' }, { timeout: 5_000 })).toBeTruthy();
    expect(screen.queryByText('Return case not found.')).toBeNull();
  });

  it('asks for staff-only fields only for ops and admins', async () => {
    const asked = vi.fn(() => ({ data: { returnCase: caseDetail({}, { staff: false }) } }));
    renderApp('/cases/case-1', { ...customer, CaseDetail: asked });
    await screen.findByTestId('customer-case');
    expect(asked).toHaveBeenCalledWith({ id: 'case-1', staff: false });
    expect(screen.queryByTestId('internal-notes-panel')).toBeNull();
    expect(screen.queryByTestId('risk-panel')).toBeNull();
    expect(screen.getByTestId('status-tracker')).toBeTruthy();
    expect(screen.getByText('In your words')).toBeTruthy();
  });

  it('reads a kept store-credit case clearly: the customer keeps the item, staff see the rule and the bonus', async () => {
    const kept = { status: 'REFUNDED', outcome: 'STORE_CREDIT', keepItem: true, storeCreditBonusPercent: 15, refundAmountMinor: 2999 };
    renderApp('/cases/case-1', { ...customer, CaseDetail: () => ({ data: { returnCase: caseDetail(kept, { staff: false }) } }) });
    expect((await screen.findByTestId('keep-item', {}, { timeout: 5_000 })).textContent).toBe('You keep the item — no need to send it back.');
    expect(screen.getByText(/Store credit \+15 %/)).toBeTruthy();
    expect(screen.getByTestId('credit-bonus').textContent).toContain('4.49');
  });

  it('tells staff which rule let the customer keep the item', async () => {
    renderApp('/cases/case-1', { ...ops, CaseDetail: () => ({ data: { returnCase: caseDetail({ keepItem: true, keepItemRule: 'Home goods: keep them' }) } }) });
    expect((await screen.findByTestId('keep-item', {}, { timeout: 5_000 })).textContent).toBe('Kept by customer (rule Home goods: keep them).');
  });

  it('shows a customer the party-safe names the API serves (ReturnHub support for ops)', async () => {
    const support = { __typename: 'User', id: 'ops-1', displayName: 'ReturnHub support', role: 'OPS' };
    const asked = vi.fn(() => ({
      data: {
        returnCase: caseDetail(
          { customer: { __typename: 'User', id: 'cust-1', displayName: 'Chloe Carter' }, messages: [{ __typename: 'CaseNote', id: 'n1', body: 'We are on it.', visibility: 'MESSAGE', createdAt: '2026-11-01T10:05:00.000Z', author: support }] },
          { staff: false },
        ),
      },
    }));
    renderApp('/cases/case-1', { ...customer, CaseDetail: asked });
    const messages = await screen.findByTestId('messages', {}, { timeout: 5_000 });
    expect(within(messages).getByText('ReturnHub support')).toBeTruthy();
    expect(document.body.textContent).not.toContain('chloe@example.test');
  });

  it('gives ops the workspace: internal notes apart from messages, risk with its reasons', async () => {
    const asked = vi.fn(() => ({ data: { returnCase: caseDetail() } }));
    renderApp('/ops/case-1', { ...ops, CaseDetail: asked });
    await screen.findByTestId('ops-workspace');
    expect(asked).toHaveBeenCalledWith({ id: 'case-1', staff: true });
    expect(within(screen.getByTestId('internal-notes-panel')).getByText('Second claim this month.')).toBeTruthy();
    expect(within(screen.getByTestId('messages')).queryByText('Second claim this month.')).toBeNull();
    const risk = screen.getByTestId('risk-panel');
    expect(within(risk).getByText('82')).toBeTruthy();
    expect(within(risk).getByText('The customer disputed before')).toBeTruthy();
    expect(within(risk).getByText('escalation-lr-1.0.0')).toBeTruthy();
    expect(within(screen.getByTestId('transition-actions')).getAllByRole('button').map((b) => b.textContent)).toEqual(['Approve', 'Reject…']);
  });

  it('shows the new priority at once and explains a conflict with a way to reload', async () => {
    let version = 4;
    let release: () => void = () => undefined;
    const answerPriority = new Promise<void>((resolve) => (release = resolve));
    renderApp('/ops/case-1', {
      ...ops,
      CaseDetail: () => ({ data: { returnCase: caseDetail({ version, priority: version > 4 ? 'HIGH' : 'MEDIUM' }) } }),
      SetCasePriority: async (variables) => {
        expect(variables).toEqual({ id: 'case-1', priority: 'URGENT', expectedVersion: 4 });
        await answerPriority;
        version = 5; // someone else changed it meanwhile
        return graphqlError('CONFLICT', 'This case changed since you loaded it (version 4, now 5). Reload and try again.');
      },
    });
    const select = (await screen.findByTestId('priority-select')) as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'URGENT' } });
    // Optimistic: the new value shows while the API has not answered yet.
    await waitFor(() => expect(select.value).toBe('URGENT'));
    release();
    const problem = await screen.findByTestId('case-problem');
    expect(problem.dataset.errorCode).toBe('CONFLICT');
    expect(problem.textContent).toContain('Someone else changed this case');
    await waitFor(() => expect(select.value).toBe('MEDIUM'));
    fireEvent.click(within(problem).getByRole('button', { name: 'Reload case' }));
    await waitFor(() => expect(select.value).toBe('HIGH'));
    await waitFor(() => expect(screen.queryByTestId('case-problem')).toBeNull());
  });

  it('sends a move with the loaded version and updates the page from the answer', async () => {
    const sent: Array<Record<string, unknown>> = [];
    renderApp('/ops/case-1', {
      ...ops,
      CaseDetail: () => ({ data: { returnCase: caseDetail() } }),
      TransitionCase: (variables) => {
        sent.push(variables);
        return { data: { transitionReturnCase: caseDetail({ status: 'APPROVED', version: 5, availableTransitions: [] }) } };
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Approve return' }));
    await waitFor(() => expect(screen.getByTestId('case-status').textContent).toBe('Approved'));
    expect(sent).toEqual([{ id: 'case-1', to: 'APPROVED', note: null, expectedVersion: 4, staff: true }]);
  });

  it('routes a merchant’s decision through decideReturnCase', async () => {
    const sent: Array<Record<string, unknown>> = [];
    renderApp('/merchant/case-1', {
      Viewer: viewerAnswer(demoViewer('MERCHANT')),
      CaseDetail: () => ({ data: { returnCase: caseDetail({}, { staff: false }) } }),
      DecideCase: (variables) => {
        sent.push(variables);
        return { data: { decideReturnCase: caseDetail({ status: 'REJECTED', version: 5, availableTransitions: [], decisionReason: 'Worn.' }, { staff: false }) } };
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Reject…' }));
    fireEvent.change(screen.getByLabelText(/Reason for the rejection/), { target: { value: 'Worn.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reject return' }));
    await waitFor(() => expect(screen.getByTestId('case-status').textContent).toBe('Rejected'));
    expect(sent).toEqual([{ id: 'case-1', decision: 'REJECT', reason: 'Worn.', expectedVersion: 4, staff: false }]);
  });

  it('shows a posted note at once, in the right thread', async () => {
    let release: () => void = () => undefined;
    const answerNote = new Promise<void>((resolve) => (release = resolve));
    renderApp('/ops/case-1', {
      ...ops,
      CaseDetail: () => ({ data: { returnCase: caseDetail() } }),
      AddCaseNote: async () => {
        // Held until the test lets it go, so the optimistic note can be seen first.
        await answerNote;
        return { data: { addCaseNote: { __typename: 'CaseNote', id: 'n9', body: 'Check the courier photos.', visibility: 'INTERNAL', createdAt: '2026-11-02T10:00:00.000Z', author: { __typename: 'User', id: 'ops-1', displayName: 'Oscar Ops', role: 'OPS' } } } };
      },
    });
    const panel = await screen.findByTestId('internal-notes-panel');
    fireEvent.change(within(panel).getByLabelText('Write an internal note'), { target: { value: 'Check the courier photos.' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add internal note' }));
    expect(await within(panel).findByText('Check the courier photos.')).toBeTruthy();
    expect(within(panel).getByText('Sending…')).toBeTruthy();
    release();
    await waitFor(() => expect((within(panel).getByLabelText('Write an internal note') as HTMLTextAreaElement).value).toBe(''));
    expect(within(screen.getByTestId('messages')).queryByText('Check the courier photos.')).toBeNull();
  });
});
