import { describe, expect, it } from 'vitest';
import { generateCases, trainModel } from '../src/index.js';

describe('bootstrap confidence intervals of held-out AUC and Brier', () => {
  const rows = generateCases({ rows: 3_000, seed: 14 });
  const train = () => trainModel({ rows, dataSha256: 'test', version: 'ci-1', createdAt: '2026-01-01T00:00:00Z' });
  const { evaluation } = train();

  it('bracket the point estimates, and are narrow enough to say something on 600 rows', () => {
    for (const scorer of [evaluation.model, evaluation.heuristic]) {
      const { auc, brier } = scorer.intervals;
      expect(auc.low).toBeLessThan(scorer.metrics.auc);
      expect(auc.high).toBeGreaterThan(scorer.metrics.auc);
      expect(brier.low).toBeLessThan(scorer.metrics.brier);
      expect(brier.high).toBeGreaterThan(scorer.metrics.brier);
      expect(auc.high - auc.low).toBeLessThan(0.12);
    }
  });

  it('are the same on a rerun (seeded)', () => {
    expect(train().evaluation.model.intervals).toEqual(evaluation.model.intervals);
  });
});
