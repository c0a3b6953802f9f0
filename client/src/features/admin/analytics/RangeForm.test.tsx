import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatDay } from '../../../lib/dates';
import { RangeForm } from './AnalyticsPanel';

afterEach(cleanup);

describe('analytics date range', () => {
  it("writes the picked days in the app's date format beside the native date inputs", () => {
    render(<RangeForm range={{ from: '2026-11-08', to: '2026-11-20' }} onApply={vi.fn()} />);
    // The same words as every other date of the app ("Nov 8, 2026" in en-US), not the input's numeric MM/DD/YYYY.
    expect(formatDay('2026-11-08', 'en-US')).toBe('Nov 8, 2026');
    expect(formatDay('2026-11-08')).toBe(formatDate('2026-11-08T00:00:00Z', undefined, 'UTC'));
    const from = screen.getByLabelText('From');
    const fromDay = document.getElementById(from.getAttribute('aria-describedby')!)!;
    expect(fromDay.textContent).toBe(formatDay('2026-11-08'));
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-09' } });
    const toDay = document.getElementById(screen.getByLabelText('To').getAttribute('aria-describedby')!)!;
    expect(toDay.textContent).toBe(formatDay('2026-11-09'));
    expect(screen.getByRole('button', { name: 'Show' })).toBeTruthy();
  });
});
