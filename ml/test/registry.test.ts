import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activateModel, loadScorer, ModelRegistryError, readRegistry, trainAndRegister } from '../src/index.js';
import { writeGeneratedDataset } from '../src/pipeline/generate.js';
import { tempModel } from './helpers.js';

async function twoVersions() {
  const setup = await tempModel();
  const paths = { registryPath: setup.registryPath, modelsDir: setup.modelsDir, reportsDir: setup.reportsDir };
  const dataPath = join(setup.dir, 'data', 'other.csv');
  writeGeneratedDataset({ rows: 3_000, seed: 77, out: dataPath });
  const second = trainAndRegister({ dataPath, paths, createdAt: '2026-02-01T00:00:00Z' }).entry.version;
  return { ...setup, paths, second };
}

describe('model registry', () => {
  it('lists versions with metrics and marks the active one', async () => {
    const { paths, version, second } = await twoVersions();
    const view = readRegistry(paths);
    expect(view.active).toBe(version);
    expect(view.versions.map((v) => [v.version, v.active])).toEqual([
      [version, true],
      [second, false],
    ]);
    expect(second).toBe('escalation-lr-1.0.1');
    expect(view.versions[1].metrics.model.auc).toBeGreaterThan(0.5);
    expect(view.versions[1].trainingData.generator).toEqual({ rows: 3_000, seed: 77 });
  });

  it('activates another version, and the next loadScorer uses it', async () => {
    const { paths, second } = await twoVersions();
    const view = activateModel(second, paths, { force: true, reason: 'test: the gate is not the point here' });
    expect(view.active).toBe(second);
    expect(JSON.parse(readFileSync(paths.registryPath, 'utf8')).active).toBe(second);
    expect(loadScorer(paths).modelVersion).toBe(second);
  });

  it('refuses an unknown version with a coded error', async () => {
    const { paths, version } = await twoVersions();
    const before = readFileSync(paths.registryPath, 'utf8');
    expect(() => activateModel('escalation-lr-9.9.9', paths)).toThrow(ModelRegistryError);
    try {
      activateModel('escalation-lr-9.9.9', paths);
    } catch (error) {
      expect((error as ModelRegistryError).code).toBe('UNKNOWN_VERSION');
      expect((error as Error).message).toContain(version);
    }
    expect(readFileSync(paths.registryPath, 'utf8')).toBe(before);
  });

  it('refuses to activate a version whose artifact is broken', async () => {
    const { paths, second } = await twoVersions();
    const before = readFileSync(paths.registryPath, 'utf8');
    writeFileSync(join(paths.modelsDir, `${second}.json`), '{}');
    try {
      activateModel(second, paths, { force: true, reason: 'test' });
      expect.unreachable();
    } catch (error) {
      expect((error as ModelRegistryError).code).toBe('INVALID_ARTIFACT');
    }
    expect(readFileSync(paths.registryPath, 'utf8')).toBe(before);
  });
});
