import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateVersion, trainAndRegister } from '../src/index.js';
import { TrainingError } from '../src/pipeline/train.js';
import { writeGeneratedDataset } from '../src/pipeline/generate.js';
import { tempModel } from './helpers.js';

describe('train, register and evaluate', () => {
  it('reproduces a registered version exactly when run again on the same data', async () => {
    const setup = await tempModel();
    const paths = { registryPath: setup.registryPath, modelsDir: setup.modelsDir, reportsDir: setup.reportsDir };
    const registryBefore = readFileSync(setup.registryPath, 'utf8');
    const artifactBefore = readFileSync(join(setup.modelsDir, `${setup.version}.json`), 'utf8');
    const reportBefore = readFileSync(join(setup.reportsDir, setup.version, 'report.md'), 'utf8');

    const again = trainAndRegister({ dataPath: setup.dataPath, paths });
    expect(again.reproduced).toBe(true);
    expect(again.entry.version).toBe(setup.version);
    expect(readFileSync(setup.registryPath, 'utf8')).toBe(registryBefore);
    expect(readFileSync(join(setup.modelsDir, `${setup.version}.json`), 'utf8')).toBe(artifactBefore);
    expect(readFileSync(join(setup.reportsDir, setup.version, 'report.md'), 'utf8')).toBe(reportBefore);
  });

  it('refuses to overwrite a version with a different model', async () => {
    const setup = await tempModel();
    const paths = { registryPath: setup.registryPath, modelsDir: setup.modelsDir, reportsDir: setup.reportsDir };
    const other = join(setup.dir, 'data', 'other.csv');
    writeGeneratedDataset({ rows: 3_000, seed: 1234, out: other });
    expect(() => trainAndRegister({ dataPath: other, paths, version: setup.version })).toThrow(TrainingError);
  });

  it('records no regeneration recipe for a CSV that did not come from the generator', async () => {
    const setup = await tempModel();
    const paths = { registryPath: setup.registryPath, modelsDir: setup.modelsDir, reportsDir: setup.reportsDir };
    const copy = join(setup.dir, 'closed-cases.csv');
    writeFileSync(copy, readFileSync(setup.dataPath, 'utf8'));
    const { entry } = trainAndRegister({ dataPath: copy, paths, version: 'from-database-1', createdAt: '2026-03-01T00:00:00Z' });
    expect(entry.trainingData.generator).toBeNull();
    expect(entry.trainingData.source).toContain('closed-cases.csv');
  });

  it('re-evaluates the held-out split to the registered metrics and writes a report with plots', async () => {
    const setup = await tempModel();
    const paths = { registryPath: setup.registryPath, modelsDir: setup.modelsDir, reportsDir: setup.reportsDir };
    const result = evaluateVersion({ paths });
    expect(result.version).toBe(setup.version);
    expect(result.matchesRegistry).toBe(true);
    const report = readFileSync(result.reportPath, 'utf8');
    expect(report).toContain('equal the ones recorded');
    expect(readFileSync(join(result.reportPath, '..', 'roc.svg'), 'utf8')).toMatch(/^<svg /);

    const onFile = evaluateVersion({ paths, dataPath: setup.dataPath });
    expect(onFile.evaluation.model.metrics.n).toBe(4_000);
    expect(onFile.matchesRegistry).toBeNull();
  });
});
