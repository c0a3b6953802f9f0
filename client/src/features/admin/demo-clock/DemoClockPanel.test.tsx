import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { demoViewer, renderApp, viewerAnswer } from '../../../test/render-app';

const admin = demoViewer('ADMIN', { id: 'admin-1', displayName: 'Ada Admin' });
const state = (offsetHours: number) => ({ __typename: 'DemoClockState' as const, now: new Date(Date.UTC(2026, 11, 7, 6) + offsetHours * 3_600_000).toISOString(), offsetHours });

describe('demo clock panel', () => {
  it('shows the demo time and moves it by the chosen step, then resets it', async () => {
    let offset = 0;
    const read = vi.fn(() => ({ data: { demoClock: state(offset) } }));
    const advance = vi.fn((variables: Record<string, unknown>) => {
      offset += Number(variables.hours);
      return { data: { advanceDemoClock: state(offset) } };
    });
    renderApp('/admin/clock', { Viewer: viewerAnswer(admin), DemoClock: read, AdvanceDemoClock: advance });
    expect(await screen.findByText('(the real time)', {}, { timeout: 5000 })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Reset' }) as HTMLButtonElement).disabled).toBe(true);
    expect(await screen.findByRole('link', { name: 'Demo clock' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '+48 h' }));
    expect(await screen.findByText('(48 h ahead of the real time)')).toBeTruthy();
    expect(advance).toHaveBeenCalledWith(expect.objectContaining({ hours: 48 }));
    fireEvent.click(screen.getByRole('button', { name: '+7 days' }));
    expect(await screen.findByText('(216 h ahead of the real time)')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    await waitFor(() => expect(advance).toHaveBeenLastCalledWith(expect.objectContaining({ hours: -216 })));
    expect(await screen.findByText('(the real time)')).toBeTruthy();
  });

  it('offers no controls where the API has no demo clock (production)', async () => {
    renderApp('/admin/clock', { Viewer: viewerAnswer(admin), DemoClock: () => ({ data: { demoClock: null } }) });
    expect(await screen.findByText('The demo clock exists only in development.', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '+1 h' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Demo clock' })).toBeNull();
  });
});
