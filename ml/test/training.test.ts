import { describe, expect, it } from 'vitest';
import type { ModelArtifact } from '../src/index.js';
import { DEFAULT_TRAINING_SETTINGS, generateCases, trainModel } from '../src/index.js';
import { DEFAULT_GENERATOR_OPTIONS } from '../src/dataset/generator.js';
import { fitLogistic, solveCholesky } from '../src/training/logistic.js';
import { splitIndices } from '../src/training/split.js';

describe('logistic regression fit', () => {
  it('finds the closed-form maximum-likelihood solution without regularisation', () => {
    // x = 0: 1 of 4 escalate → intercept logit(¼) = −ln 3; x = 1: 3 of 4 → weight 2·ln 3
    const x = Float64Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    const fit = fitLogistic(x, y, 1, { l2: 0, maxIterations: 50, tolerance: 1e-12 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(-Math.log(3), 9);
    expect(fit.weights[0]).toBeCloseTo(2 * Math.log(3), 9);
  });

  it('shrinks weights with L2 but leaves the intercept free', () => {
    const x = Float64Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    const free = fitLogistic(x, y, 1, { l2: 0, maxIterations: 50, tolerance: 1e-12 });
    const shrunk = fitLogistic(x, y, 1, { l2: 5, maxIterations: 50, tolerance: 1e-12 });
    expect(Math.abs(shrunk.weights[0])).toBeLessThan(Math.abs(free.weights[0]));
  });

  it('solves a symmetric positive-definite system', () => {
    const s = solveCholesky(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2);
    expect(s[0]).toBeCloseTo(0.5, 12);
    expect(s[1]).toBeCloseTo(0, 12);
  });
});

describe('seeded split', () => {
  const labels = Array.from({ length: 1_000 }, (_, i) => i % 10 < 3); // 300 escalated, 700 not
  it('holds out the requested share, disjoint and reproducible', () => {
    const a = splitIndices(labels, 7, 0.2);
    expect(a.test).toHaveLength(200);
    expect(a.train).toHaveLength(800);
    const all = new Set([...a.test, ...a.train]);
    expect(all.size).toBe(1_000);
    expect(splitIndices(labels, 7, 0.2)).toEqual(a);
    expect(splitIndices(labels, 8, 0.2).test).not.toEqual(a.test);
  });
});

describe('training on generated data', () => {
  const rows = generateCases({ ...DEFAULT_GENERATOR_OPTIONS });
  const train = () => trainModel({ rows, dataSha256: 'test', version: 'test-1', createdAt: '2026-01-01T00:00:00Z' });
  const result = train();

  it('beats the placeholder heuristic on held-out AUC by a clear margin', () => {
    const { model, heuristic } = result.evaluation;
    expect(model.metrics.n).toBe(Math.round(rows.length * DEFAULT_TRAINING_SETTINGS.testFraction));
    expect(model.metrics.auc - heuristic.metrics.auc).toBeGreaterThanOrEqual(0.05);
    expect(model.metrics.logLoss).toBeLessThan(heuristic.metrics.logLoss);
    expect(model.metrics.brier).toBeLessThan(heuristic.metrics.brier);
  });

  it('is reasonably calibrated on held-out data', () => {
    expect(result.evaluation.model.metrics.ece).toBeLessThan(0.05);
  });

  it('stores standardisation and finite coefficients for every contract feature', () => {
    expect(result.artifact.format).toBe('returnhub-escalation-lr');
    for (const f of (result.artifact as ModelArtifact).features) {
      expect(Number.isFinite(f.mean) && Number.isFinite(f.coefficient)).toBe(true);
      expect(f.std).toBeGreaterThan(0);
    }
    expect(result.fit.converged).toBe(true);
  });

  it('is deterministic: the same input gives the same artifact bytes', () => {
    expect(train().artifactJson).toBe(result.artifactJson);
  });
});
