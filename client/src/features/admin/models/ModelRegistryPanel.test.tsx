import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { demoViewer, renderApp, viewerAnswer } from '../../../test/render-app';

const admin = demoViewer('ADMIN', { id: 'admin-1', displayName: 'Ada Admin' });
const metrics = (auc: number, brier: number) => ({ __typename: 'ModelMetrics' as const, auc, brier, logLoss: 0.5, ece: 0.02, n: 4000, baseRate: 0.3 });
const scores = (auc: number, brier: number) => ({ __typename: 'GateScores' as const, auc, brier });
const version = (name: string, active: boolean, gate: Record<string, unknown> | null) => ({
  __typename: 'RiskModelVersion' as const,
  version: name,
  contractVersion: '1.0.0',
  createdAt: '2026-12-01T00:00:00Z',
  active,
  trainingRows: 16000,
  trainingDataSha256: 'a'.repeat(64),
  activatedAt: active ? '2026-12-02T00:00:00Z' : null,
  activatedBy: active ? 'system (release registry)' : null,
  activationReason: active ? 'forced: demo' : null,
  gate,
  aucInterval: active ? { __typename: 'ConfidenceInterval' as const, low: 0.723, high: 0.757 } : null,
  brierInterval: null,
  topFeatures: [
    { __typename: 'ModelFeatureWeight' as const, name: 'sla_breached', coefficient: 0.61 },
    { __typename: 'ModelFeatureWeight' as const, name: 'no_evidence', coefficient: -0.2 },
  ],
  calibration: active
    ? [
        { __typename: 'CalibrationBin' as const, lower: 0, upper: 0.1, count: 500, meanPredicted: 0.07, observedRate: 0.06 },
        { __typename: 'CalibrationBin' as const, lower: 0.9, upper: 1, count: 0, meanPredicted: null, observedRate: null },
      ]
    : null,
  metrics: metrics(active ? 0.74 : 0.76, 0.17),
  heuristicMetrics: metrics(0.68, 0.19),
});
const gate = (against: string, passed: boolean) => ({
  __typename: 'ModelGate' as const,
  against,
  rows: 4000,
  passed,
  failures: passed ? [] : ['AUC 0.741 is not 0.005 above the active model current-1\'s 0.74'],
  candidate: scores(0.76, 0.165),
  active: scores(0.74, 0.17),
  heuristic: scores(0.68, 0.19),
  margin: scores(0.005, 0.001),
});
const registry = (candidateGate: Record<string, unknown> | null) => ({
  data: {
    models: {
      __typename: 'RiskModelRegistry' as const,
      active: 'current-1',
      scoringWith: 'current-1',
      versions: [version('current-1', true, null), version('candidate-2', false, candidateGate)],
      drift: {
        __typename: 'ModelDrift' as const,
        version: 'current-1',
        cases: 1234,
        score: { __typename: 'FeatureDrift' as const, name: 'score', psi: 0.31, warning: true },
        features: [{ __typename: 'FeatureDrift' as const, name: 'sla_breached', psi: 0.05, warning: false }],
      },
      unreadable: [{ __typename: 'UnreadableModelVersion' as const, version: 'broken-3', problem: 'its stored held-out metrics are incomplete' }],
    },
  },
});
const activated = { data: { activateModel: { __typename: 'RiskModelRegistry' as const, active: 'candidate-2', scoringWith: 'candidate-2' } } };

async function openDialog(candidateGate: Record<string, unknown> | null, activate: (v: Record<string, unknown>) => typeof activated) {
  renderApp('/admin/models', { Viewer: viewerAnswer(admin), ModelRegistry: () => registry(candidateGate), ActivateModel: activate });
  fireEvent.click(await screen.findByRole('button', { name: /Activate… candidate-2/ }, { timeout: 5000 }));
  return screen.findByRole('dialog');
}

describe('model registry panel', () => {
  it('names unreadable versions, compares candidate and active side by side, and activates through a passed gate', async () => {
    const activate = vi.fn(() => activated);
    const dialog = await openDialog(gate('current-1', true), activate);
    expect(screen.getByTestId('unreadable-models').textContent).toContain('broken-3');
    expect(screen.getAllByTestId('model-row')[0].textContent).toContain('95 % CI 0.723–0.757');
    // The active version's reliability chart: one point per non-empty bin, the figures in a table.
    expect(screen.getByTestId('top-features').textContent).toContain('sla_breached +0.61');
    const drift = screen.getByTestId('drift-panel');
    expect(drift.textContent).toContain('1 drifting');
    expect(drift.textContent).toContain('0.310');
    const chart = screen.getByTestId('reliability-chart');
    expect(chart.querySelectorAll('circle')).toHaveLength(1);
    expect(within(chart).getByRole('table').textContent).toContain('0.060');
    const table = within(dialog).getByTestId('model-side-by-side');
    expect(table.textContent).toContain('0.760');
    expect(table.textContent).toContain('0.740');
    expect(within(dialog).getByTestId('gate-verdict').textContent).toContain('Gate passed');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Activate candidate-2' }));
    await waitFor(() => expect(activate).toHaveBeenCalledWith(expect.objectContaining({ version: 'candidate-2', force: false, reason: null })));
  });

  it('forces a candidate the gate refused only with a reason', async () => {
    const activate = vi.fn(() => activated);
    const dialog = await openDialog(gate('current-1', false), activate);
    expect(within(dialog).getByTestId('gate-verdict').textContent).toContain('Gate not passed');
    const force = within(dialog).getByRole('button', { name: 'Force activation' }) as HTMLButtonElement;
    expect(force.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText(/Reason for activating without the gate/), { target: { value: 'rollback drill' } });
    expect(force.disabled).toBe(false);
    fireEvent.click(force);
    await waitFor(() => expect(activate).toHaveBeenCalledWith(expect.objectContaining({ version: 'candidate-2', force: true, reason: 'rollback drill' })));
  });
});
