import { describe, expect, it } from 'vitest';
import { describeEvent, readableHistory } from './Timeline';

const event = (type: string, payload: Record<string, unknown> = {}, toStatus: string | null = null) => ({ type, payload, fromStatus: null, toStatus: toStatus as never });

describe('timeline events in words', () => {
  it('says what changed, with the note that came with it', () => {
    expect(describeEvent(event('status_changed', { action: 'Reject', note: 'Worn.' }, 'REJECTED'))).toEqual({ title: 'Rejected', detail: 'Worn.', kind: 'status', action: 'Reject' });
    expect(describeEvent(event('priority_changed', { from: 'low', to: 'urgent' })).title).toBe('Priority Low → Urgent');
    expect(describeEvent(event('assigned', { assignee: 'ops.demo' })).title).toBe('Assigned to ops.demo');
    expect(describeEvent(event('assigned', { assignee: null })).title).toBe('Unassigned');
    expect(describeEvent(event('risk_scored', { score: 0.744, label: 'high', modelVersion: 'escalation-lr-1.0.0' }))).toMatchObject({ title: 'Risk scored high (0.74)', detail: 'escalation-lr-1.0.0' });
  });

  it('tells the automatic refund retries apart', () => {
    expect(describeEvent(event('refund_retry_scheduled', { retry: 3, maxRetries: 10, dueAt: '2026-11-02T10:05:00.000Z' }))).toMatchObject({ title: 'Refund retry 3 of 10 scheduled', detail: expect.stringMatching(/^Due /) });
    expect(describeEvent(event('refund_retries_exhausted', { retries: 10, lastError: 'service_unavailable: 503' }))).toEqual({ title: 'Automatic refund retries used up: needs ops', detail: 'service_unavailable: 503', kind: 'internal' });
  });

  it('tells each party about a cancelled replacement order in its own words, with the reason', () => {
    const cancelled = event('replacement_cancelled', { orderId: 'o1', orderNumber: 'EXC-RET-2612-000004', note: 'Customer asked to keep the original.' });
    expect(describeEvent(cancelled, 'CUSTOMER')).toEqual({ title: 'Your replacement order EXC-RET-2612-000004 was cancelled', detail: 'Customer asked to keep the original.', kind: 'other' });
    expect(describeEvent(cancelled, 'MERCHANT').title).toBe('Replacement order EXC-RET-2612-000004 cancelled: its items are back in stock');
    expect(describeEvent(cancelled, 'OPS').title).toBe('Replacement order EXC-RET-2612-000004 cancelled (stock restored)');
    expect(describeEvent(cancelled, 'ADMIN').title).toBe(describeEvent(cancelled, 'OPS').title);
    // Without a reason the server records a default sentence: the title already says it.
    const plain = event('replacement_cancelled', { orderNumber: 'EXC-RET-2612-000004', note: 'The replacement order EXC-RET-2612-000004 was cancelled.' });
    expect(describeEvent(plain, 'CUSTOMER').detail).toBeNull();
    expect(describeEvent(cancelled).title).not.toBe('Replacement cancelled'); // not the generic line any more
  });

  it('still reads an event type this build does not know', () => {
    expect(describeEvent(event('label_issued')).title).toBe('Label issued');
  });
});

describe('readable history', () => {
  it('shows a risk score only when its label changes from the previous score', () => {
    const events = [
      event('case_created'),
      event('risk_scored', { label: 'medium', score: 0.57 }),
      event('document_uploaded'),
      event('risk_scored', { label: 'medium', score: 0.57 }),
      event('message_added'),
      event('risk_scored', { label: 'medium', score: 0.58 }),
      event('risk_scored', { label: 'high', score: 0.81 }),
      event('risk_scored', { label: 'high', score: 0.8 }),
      event('risk_scored', { label: 'medium', score: 0.5 }),
    ];
    const { shown, repeatedScores } = readableHistory(events);
    expect(shown.map((e) => (e.type === 'risk_scored' ? `risk:${String(e.payload.label)}` : e.type))).toEqual([
      'case_created', 'risk:medium', 'document_uploaded', 'message_added', 'risk:high', 'risk:medium',
    ]);
    expect(repeatedScores).toBe(3);
    expect(readableHistory([event('case_created')])).toEqual({ shown: [event('case_created')], repeatedScores: 0 });
  });

  it('says who keeps the goods: the customer reads that nothing goes back, staff read which rule', () => {
    const kept = event('item_kept', { outcome: 'refund', rule: 'Home goods: keep them' });
    expect(describeEvent(kept, 'CUSTOMER').title).toBe('You keep the item — no need to send it back');
    expect(describeEvent(kept, 'OPS').title).toBe('Kept by customer (rule Home goods: keep them)');
    expect(describeEvent(event('refund_reconciled', { paidMinor: 5000, dueMinor: 4000, flagged: true }), 'OPS')).toMatchObject({ title: 'Refund paid early exceeds what is due: flagged for ops', kind: 'internal' });
  });
});
