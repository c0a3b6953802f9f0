import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Transition } from '../case-copy';
import { MAX_NOTE_LENGTH, NoteDialog, noteProblem } from './NoteDialog';
import { TransitionActions } from './TransitionActions';

afterEach(cleanup);

const t = (to: Transition['to'], action: string, requiresNote = false, operation = 'transitionReturnCase'): Transition => ({ to, action, requiresNote, operation });

describe('transition buttons', () => {
  it('offers exactly the moves the API lists, in its words', () => {
    render(
      <TransitionActions
        role="OPS"
        pendingTo={null}
        onRun={vi.fn()}
        transitions={[t('IN_REVIEW', 'Start review'), t('APPROVED', 'Approve'), t('REJECTED', 'Reject', true), t('WAITING_MERCHANT', 'Ask the merchant', true)]}
      />,
    );
    const buttons = within(screen.getByTestId('transition-actions')).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Start review', 'Approve', 'Reject…', 'Ask the merchant…']);
    expect(buttons.map((b) => b.dataset.to)).toEqual(['IN_REVIEW', 'APPROVED', 'REJECTED', 'WAITING_MERCHANT']);
  });

  it('runs a simple move at once and asks first for one that needs a note', async () => {
    const onRun = vi.fn().mockResolvedValue(true);
    render(<TransitionActions role="OPS" pendingTo={null} onRun={onRun} transitions={[t('IN_REVIEW', 'Start review'), t('REJECTED', 'Reject', true)]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start review' }));
    expect(onRun).toHaveBeenLastCalledWith(expect.objectContaining({ to: 'IN_REVIEW' }), null);

    fireEvent.click(screen.getByRole('button', { name: 'Reject…' }));
    const dialog = screen.getByRole('dialog', { name: 'Reject this return' });
    fireEvent.change(within(dialog).getByLabelText(/Reason for the rejection/), { target: { value: '  Worn beyond normal use.  ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reject return' }));
    expect(onRun).toHaveBeenLastCalledWith(expect.objectContaining({ to: 'REJECTED' }), 'Worn beyond normal use.');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('offers ops a decision for the merchant only with a note, and sends the note with it', async () => {
    const onRun = vi.fn().mockResolvedValue(true);
    const forMerchant = (to: Transition['to'], action: string): Transition => ({ ...t(to, action, true), forMerchant: true });
    render(
      <TransitionActions
        role="OPS"
        pendingTo={null}
        onRun={onRun}
        transitions={[t('IN_REVIEW', 'Answer follow-up'), forMerchant('APPROVED', 'Approve for the merchant'), forMerchant('REJECTED', 'Reject for the merchant')]}
      />,
    );
    expect(within(screen.getByTestId('transition-actions')).getAllByRole('button').map((b) => b.textContent)).toEqual(['Answer follow-up', 'Approve for the merchant…', 'Reject for the merchant…']);
    fireEvent.click(screen.getByRole('button', { name: 'Approve for the merchant…' }));
    const dialog = screen.getByRole('dialog', { name: 'Approve for the merchant?' });
    expect(dialog.textContent).toContain("in the merchant's place");
    // No note: the dialog says so and nothing is sent.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve for the merchant' }));
    expect(onRun).not.toHaveBeenCalled();
    expect(within(dialog).getByText(/this step needs it/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/Why the returns team decides for the merchant/), { target: { value: 'The merchant asked us to approve by phone.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve for the merchant' }));
    expect(onRun).toHaveBeenLastCalledWith(expect.objectContaining({ to: 'APPROVED', forMerchant: true }), 'The merchant asked us to approve by phone.');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('keeps the dialog open with the API’s answer when the move fails', async () => {
    const onRun = vi.fn().mockResolvedValue(false);
    const { rerender } = render(<TransitionActions role="CUSTOMER" pendingTo={null} onRun={onRun} transitions={[t('DISPUTED', 'Dispute decision', true, 'disputeDecision')]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Dispute decision…' }));
    fireEvent.change(screen.getByLabelText(/Why do you disagree/), { target: { value: 'The box was sealed.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send dispute' }));
    await waitFor(() => expect(onRun).toHaveBeenCalledTimes(1));
    rerender(<TransitionActions role="CUSTOMER" pendingTo={null} onRun={onRun} serverError="A decision can be disputed only once." transitions={[t('DISPUTED', 'Dispute decision', true, 'disputeDecision')]} />);
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByRole('alert').textContent).toBe('A decision can be disputed only once.');
    expect((within(dialog).getByLabelText(/Why do you disagree/) as HTMLTextAreaElement).value).toBe('The box was sealed.');
  });

  it('leaves shipment and inspection to their forms, and lists unknown operations as disabled with a reason', () => {
    render(
      <TransitionActions
        role="CUSTOMER"
        pendingTo={null}
        onRun={vi.fn()}
        transitions={[t('IN_TRANSIT', 'Confirm shipment', false, 'confirmReturnShipment'), t('CANCELLED', 'Cancel return'), t('CLOSED', 'Teleport', false, 'teleportCase')]}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Confirm shipment' })).toBeNull();
    expect((screen.getByRole('button', { name: 'Cancel return' }) as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByRole('button', { name: 'Teleport' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Teleport: not available in the app yet.')).toBeTruthy();
  });

  it('offers receipt and refund retries as buttons', () => {
    const onRun = vi.fn().mockResolvedValue(true);
    render(<TransitionActions role="OPS" pendingTo={null} onRun={onRun} transitions={[t('RECEIVED', 'Mark received', false, 'markReturnReceived'), t('REFUND_PENDING', 'Retry refund', false, 'retryRefund')]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Retry refund' }));
    expect(onRun).toHaveBeenCalledWith(expect.objectContaining({ operation: 'retryRefund' }), null);
    expect((screen.getByRole('button', { name: 'Mark received' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('disables every move while one is in flight, and says when there is nothing to do', () => {
    render(<TransitionActions role="OPS" pendingTo="IN_REVIEW" onRun={vi.fn()} transitions={[t('IN_REVIEW', 'Start review'), t('APPROVED', 'Approve')]} />);
    expect(screen.getAllByRole('button').every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
    cleanup();
    render(<TransitionActions role="OPS" pendingTo={null} onRun={vi.fn()} transitions={[]} emptyText="Closed." />);
    expect(screen.getByText('Closed.')).toBeTruthy();
  });
});

describe('note dialog', () => {
  const setup = (required: boolean) => {
    const onSubmit = vi.fn();
    const onClose = vi.fn();
    render(<NoteDialog title="Ask the customer" fieldLabel="Question" confirmLabel="Send" required={required} onSubmit={onSubmit} onClose={onClose} />);
    return { onSubmit, onClose, field: screen.getByLabelText(/Question/) as HTMLTextAreaElement, send: screen.getByRole('button', { name: 'Send' }) };
  };

  it('refuses an empty required note, and marks the field', () => {
    const { onSubmit, field, send } = setup(true);
    expect(document.activeElement).toBe(field);
    fireEvent.change(field, { target: { value: '   ' } });
    fireEvent.click(send);
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('Write something');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe(screen.getByRole('alert').id);
  });

  it('refuses a note over the API’s length limit', () => {
    const { onSubmit, field, send } = setup(false);
    fireEvent.change(field, { target: { value: 'x'.repeat(MAX_NOTE_LENGTH + 1) } });
    fireEvent.click(send);
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Keep it to 5,000 characters (now 5,001).');
  });

  it('sends a valid note trimmed; an optional one may be empty', () => {
    const { onSubmit, field, send } = setup(true);
    fireEvent.change(field, { target: { value: '  Photo of the label, please.\n' } });
    fireEvent.click(send);
    expect(onSubmit).toHaveBeenCalledWith('Photo of the label, please.');
    expect(noteProblem('', false)).toBeNull();
  });

  it('closes on Escape', () => {
    const { onClose } = setup(true);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });
});
