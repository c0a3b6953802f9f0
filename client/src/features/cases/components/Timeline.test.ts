import { describe, expect, it } from 'vitest';
import { describeEvent } from './Timeline';

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

  it('still reads an event type this build does not know', () => {
    expect(describeEvent(event('label_issued')).title).toBe('Label issued');
  });
});
