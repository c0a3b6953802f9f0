// Issue #21 points 2 and 5: a held-out part with one class (AUC NaN) is impossible, a model whose metrics cannot be
// computed is never registered, and `evaluate` finds training data that lives outside the repository.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetFromRows, evaluateVersion, generateCases, trainAndRegister } from '../src/index.js';
import { TrainingError } from '../src/pipeline/train.js';
import { splitIndices, timeOrderedSplit } from '../src/training/split.js';
import { trainModel } from '../src/training/trainer.js';
import { tempDir } from './helpers.js';

const pathsIn = (dir: string) => ({ registryPath: join(dir, 'registry.json'), modelsDir: join(dir, 'models'), reportsDir: join(dir, 'reports') });

describe('the held-out split is stratified', () => {
  it('keeps both classes in the held-out part for every seed, even with 4 escalations in 40 rows', () => {
    const labels = Array.from({ length: 40 }, (_, i) => i % 10 === 0);
    for (let seed = 0; seed < 200; seed += 1) {
      const { test, train } = splitIndices(labels, seed, 0.2);
      const held = Array.from(test, (i) => labels[i]);
      expect(held.filter(Boolean), `seed ${seed}`).toHaveLength(1);
      expect(held.filter((l) => !l), `seed ${seed}`).toHaveLength(7);
      expect(test.length + train.length).toBe(40);
    }
  });

  it('refuses, naming the class, when one class cannot appear in both parts', () => {
    expect(() => splitIndices([true, true, true, false], 1, 0.2)).toThrow(/not escalated rows/);
  });
});

describe('the time-ordered split', () => {
  it('trains on the older rows in file order and tests on the newer ones', () => {
    const { train, test } = timeOrderedSplit(10, 0.2);
    expect(Array.from(train)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(test)).toEqual([8, 9]);
  });

  it('is evaluated beside the stratified split on every training run', () => {
    const rows = generateCases({ rows: 2_000, seed: 8 });
    const result = trainModel({ rows, dataSha256: 'test', version: 'time-1', createdAt: '2026-01-01T00:00:00Z' });
    expect(result.timeOrdered.model.metrics.n).toBe(400);
    expect(result.timeOrdered.model.metrics.auc).toBeGreaterThan(0.6);
    expect(result.timeOrdered.model.metrics.auc).not.toBe(result.evaluation.model.metrics.auc);
  });
});

describe('a model whose metrics cannot be computed is not registered', () => {
  it('refuses all-positive labels with a TrainingError and writes nothing', () => {
    const dir = tempDir();
    const paths = pathsIn(dir);
    const dataPath = join(dir, 'all-escalated.csv');
    writeFileSync(dataPath, datasetFromRows(generateCases({ rows: 200, seed: 5 }).map((row) => ({ ...row, escalated: true }))));
    expect(() => trainAndRegister({ dataPath, paths, version: 'all-positive-1', createdAt: '2026-01-01T00:00:00Z' })).toThrow(TrainingError);
    expect(() => trainAndRegister({ dataPath, paths, version: 'all-positive-1', createdAt: '2026-01-01T00:00:00Z' })).toThrow(/not registered/);
    expect(existsSync(paths.registryPath)).toBe(false);
    expect(existsSync(join(paths.modelsDir, 'all-positive-1.json'))).toBe(false);
  });

  it('registers a small file with finite metrics on every seed that used to hold out one class', () => {
    const dir = tempDir();
    const paths = pathsIn(dir);
    const dataPath = join(dir, 'small.csv');
    const rows = generateCases({ rows: 60, seed: 11 }).map((row, i) => ({ ...row, escalated: i % 12 === 0 }));
    writeFileSync(dataPath, datasetFromRows(rows));
    // Unstratified, each of these seeds held out no escalation at all (AUC NaN).
    for (const splitSeed of [0, 3, 5, 7, 8]) {
      const { entry } = trainAndRegister({ dataPath, paths, version: `small-${splitSeed}`, createdAt: '2026-01-01T00:00:00Z', settings: { split: 'stratified', splitSeed, testFraction: 0.2, l2: 1, maxIterations: 25, tolerance: 1e-9 } });
      expect(Number.isFinite(entry.metrics.model.auc)).toBe(true);
      expect(entry.metrics.model.positives).toBe(1);
    }
  });
});

describe('evaluate', () => {
  it('re-evaluates a model trained from a CSV outside the repository', () => {
    const dir = tempDir();
    const paths = pathsIn(dir);
    const dataPath = join(dir, 'closed-cases.csv'); // no generator sidecar: evaluate must read this very file again
    writeFileSync(dataPath, datasetFromRows(generateCases({ rows: 2_000, seed: 3 })));
    const { entry } = trainAndRegister({ dataPath, paths, version: 'outside-1', createdAt: '2026-01-01T00:00:00Z' });
    expect(entry.trainingData.generator).toBeNull();
    expect(entry.trainingData.source).toBe(dataPath);
    const result = evaluateVersion({ paths, version: 'outside-1' });
    expect(result.matchesRegistry).toBe(true);
    expect(readFileSync(result.reportPath, 'utf8')).toContain('equal the ones recorded');
  });
});
