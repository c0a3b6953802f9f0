import { describe, expect, it } from 'vitest';
import { generateCases, populationStabilityIndex, PSI_WARNING, trainModel } from '../src/index.js';
import { referenceOf } from '../src/training/drift.js';

describe('population stability index', () => {
  const values = Array.from({ length: 5_000 }, (_, i) => (i * 7919) % 1000);

  it('is about 0 for the same distribution and above the warning for a shifted one', () => {
    const reference = referenceOf(values);
    expect(reference.edges).toHaveLength(9);
    expect(populationStabilityIndex(reference, values)).toBeLessThan(1e-9);
    expect(populationStabilityIndex(reference, values.map((v) => v + 300))).toBeGreaterThan(PSI_WARNING);
  });

  it('keeps one bin per distinct value of a boolean feature', () => {
    const reference = referenceOf([0, 0, 0, 1]);
    expect(reference).toEqual({ edges: [0], shares: [0.75, 0.25] });
    expect(populationStabilityIndex(reference, [1, 1, 1, 1])).toBeGreaterThan(PSI_WARNING);
  });

  it('is recorded for every feature and the score when training', () => {
    const result = trainModel({ rows: generateCases({ rows: 2_000, seed: 3 }), dataSha256: 'test', version: 'drift-1', createdAt: '2026-01-01T00:00:00Z' });
    expect(Object.keys(result.reference.features)).toHaveLength(result.artifact.features.length);
    expect(result.reference.score.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });
});
