import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusBadge } from '../../components/Badge';
import type { CaseStatus } from '../../gql/graphql';
import { trackerSteps, type Milestones } from './case-stages';

const base: Milestones = { status: 'SUBMITTED', type: 'REFUND', createdAt: '2026-11-01T10:00:00Z' };
const summary = (m: Milestones) => trackerSteps(m).map((s) => `${s.label}:${s.state}`);

describe('status tracker steps', () => {
  it('follows the happy path: done steps, the one in progress, the rest to come', () => {
    expect(summary(base)).toEqual(['Requested:done', 'Submitted:current', 'Approved:upcoming', 'Shipped back:upcoming', 'Received:upcoming', 'Inspected:upcoming', 'Refunded:upcoming']);
    expect(summary({ ...base, status: 'APPROVED', firstResponseAt: '2026-11-02T00:00:00Z', decidedAt: '2026-11-02T00:00:00Z' }).slice(0, 4)).toEqual([
      'Requested:done',
      'Reviewed:done',
      'Approved:done',
      'Ship it back:current',
    ]);
    expect(summary({ ...base, status: 'REFUNDED' }).every((s) => s.endsWith(':done'))).toBe(true);
    expect(trackerSteps({ ...base, status: 'EXCHANGED', type: 'EXCHANGE' }).at(-1)?.label).toBe('Replacement sent');
  });

  it('stops where the case left the path, and shows nothing after it', () => {
    expect(summary({ ...base, status: 'REJECTED', decidedAt: '2026-11-02T00:00:00Z' })).toEqual(['Requested:done', 'Reviewed:done', 'Rejected:stopped']);
    expect(summary({ ...base, status: 'EXPIRED' }).at(-1)).toBe('Not shipped in time:stopped');
    expect(summary({ ...base, status: 'RETURNED_TO_CUSTOMER' }).at(-1)).toBe('Inspection failed:stopped');
    expect(summary({ ...base, status: 'CANCELLED' })).toEqual(['Requested:done', 'Cancelled:stopped']);
    expect(summary({ ...base, status: 'CANCELLED', firstResponseAt: 'x', decidedAt: 'y' })).toHaveLength(4);
  });

  it('names the step in progress as the status badge does (a submitted case is not "In review" yet)', () => {
    const badgeText = (status: CaseStatus) => render(<StatusBadge status={status} />).container.textContent;
    for (const status of ['SUBMITTED', 'IN_REVIEW', 'WAITING_CUSTOMER', 'WAITING_MERCHANT', 'DISPUTED', 'IN_TRANSIT', 'REFUND_PENDING', 'REFUND_FAILED'] as const) {
      const current = trackerSteps({ ...base, status }).find((s) => s.state === 'current');
      expect(current?.label, status).toBe(badgeText(status));
    }
    // A milestone just reached is a done step with the badge's word; the step after it says what it waits on.
    for (const [status, done] of [['APPROVED', 'Approved'], ['RECEIVED', 'Received'], ['INSPECTED', 'Inspected']] as const) {
      const steps = trackerSteps({ ...base, status });
      const i = steps.findIndex((s) => s.state === 'current');
      expect(steps[i - 1], status).toMatchObject({ label: done, state: 'done' });
      expect(badgeText(status)).toBe(done);
    }
  });

  it('says what the step in progress waits on', () => {
    expect(trackerSteps({ ...base, status: 'WAITING_CUSTOMER' })[1].note).toBe('Waiting for your answer');
    expect(trackerSteps({ ...base, status: 'REFUND_FAILED' })[6].note).toBe('Being retried');
  });

  it('skips shipping, receipt and inspection for a case whose goods the customer keeps', () => {
    const kept = { createdAt: 'c', firstResponseAt: 'f', decidedAt: 'd', keepItem: true };
    expect(trackerSteps({ ...kept, status: 'REFUND_PENDING', type: 'REFUND' }).map((s) => `${s.key}:${s.state}`)).toEqual(['requested:done', 'review:done', 'decision:done', 'resolved:current']);
    expect(trackerSteps({ ...kept, status: 'EXCHANGED', type: 'EXCHANGE', closedAt: 'x' }).map((s) => s.state)).toEqual(['done', 'done', 'done', 'done']);
  });
});
