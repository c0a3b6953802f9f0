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

  it('still reads an event type this build does not know', () => {
    expect(describeEvent(event('label_issued')).title).toBe('Label issued');
  });
});
