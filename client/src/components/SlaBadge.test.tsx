import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseDeadlineBadge, SlaBadge, slaState } from './SlaBadge';

afterEach(cleanup);

const NOW = Date.parse('2026-11-20T12:00:00Z');
const hoursFromNow = (h: number) => new Date(NOW + h * 3_600_000).toISOString();

describe('SLA badge', () => {
  it('says how much time is left, and turns amber within 24 hours', () => {
    render(<SlaBadge status="IN_REVIEW" slaDueAt={hoursFromNow(50)} slaBreached={false} now={NOW} />);
    expect(screen.getByText('2d 2h left').dataset.sla).toBe('on-track');
    cleanup();
    render(<SlaBadge status="IN_REVIEW" slaDueAt={hoursFromNow(3.5)} slaBreached={false} now={NOW} />);
    const soon = screen.getByText('Due in 3h 30m');
    expect(soon.dataset.sla).toBe('due-soon');
    expect(soon.className).toContain('badge--warning');
  });

  it('shows a breach in red, trusting the API when it says so', () => {
    render(<SlaBadge status="SUBMITTED" slaDueAt={hoursFromNow(-5)} slaBreached now={NOW} />);
    const breached = screen.getByText('Breached 5h ago');
    expect(breached.dataset.sla).toBe('breached');
    expect(breached.className).toContain('badge--danger');
    expect(slaState({ status: 'SUBMITTED', slaDueAt: hoursFromNow(2), slaBreached: true }, NOW)).toBe('breached');
  });

  it('shows no clock for a closed case', () => {
    render(<SlaBadge status="REFUNDED" slaDueAt={hoursFromNow(-100)} slaBreached={false} now={NOW} />);
    expect(screen.getByText('No deadline: the case is closed')).toBeTruthy();
    expect(document.querySelector('[data-sla]')).toBeNull();
  });

  it('counts down the merchant response deadline, and says when it has passed', () => {
    render(<ResponseDeadlineBadge dueAt={hoursFromNow(30)} now={NOW} />);
    expect(screen.getByText('Respond within 1d 6h')).toBeTruthy();
    cleanup();
    render(<ResponseDeadlineBadge dueAt={hoursFromNow(-2)} now={NOW} />);
    expect(screen.getByText('Response overdue by 2h').dataset.deadline).toBe('passed');
  });
});
