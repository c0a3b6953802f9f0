// Issue #21, 'Sharper, still explainable': on threshold-shaped labels the scorecard beats the linear model on the same
// held-out rows, and neither reaches the generator's own probability (the ceiling). The figures are in ml/README.md.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_SETTINGS, trainModel } from '../src/index.js';
import { generateCasesWithTruth } from '../src/dataset/generator.js';
import { classificationMetrics } from '../src/training/metrics.js';
import { SCORECARD_TRAINING_SETTINGS } from '../src/training/trainer.js';

describe('scorecard, linear model and the ceiling on the same held-out rows', () => {
  it('orders them heuristic < linear < scorecard < generator probability', () => {
    const { rows, probabilities } = generateCasesWithTruth({ rows: 20_000, seed: 42 });
    const train = (settings: typeof DEFAULT_TRAINING_SETTINGS) =>
      trainModel({ rows, dataSha256: 'test', version: 'cmp', createdAt: '2026-12-07T00:00:00Z', settings });
    const linear = train(DEFAULT_TRAINING_SETTINGS);
    const scorecard = train(SCORECARD_TRAINING_SETTINGS);
    expect(scorecard.heldOut).toEqual(linear.heldOut); // same split seed: the same rows
    const index = new Map(rows.map((r, i) => [r, i]));
    const labels = Float64Array.from(scorecard.heldOut, (r) => (r.escalated ? 1 : 0));
    const ceiling = classificationMetrics(labels, Float64Array.from(scorecard.heldOut, (r) => probabilities[index.get(r)!]));
    const [h, l, s] = [scorecard.evaluation.heuristic.metrics, linear.evaluation.model.metrics, scorecard.evaluation.model.metrics];
    expect(l.auc).toBeGreaterThan(h.auc);
    expect(s.auc).toBeGreaterThan(l.auc + 0.01); // the thresholds the linear model cannot draw
    expect(s.brier).toBeLessThan(l.brier - 0.002);
    expect(s.logLoss).toBeLessThan(l.logLoss);
    expect(ceiling.auc).toBeGreaterThan(s.auc);
    expect(ceiling.brier).toBeLessThan(s.brier);
    // Also on the time-ordered split.
    expect(scorecard.timeOrdered.model.metrics.auc).toBeGreaterThan(linear.timeOrdered.model.metrics.auc);
  }, 120_000);
});
