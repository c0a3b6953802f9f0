// Issue #21 point 3: a candidate is activated only when it beats the active model and the heuristic on the same
// held-out rows by the stated margin (AUC and Brier), or with force and a recorded reason.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activateModel, datasetFromRows, generateCases, ModelRegistryError, readRegistryFile, trainAndRegister } from '../src/index.js';
import { main } from '../src/commands.js';
import { GATE_MARGIN, gateRefusal } from '../src/registry/gate.js';
import { tempDir } from './helpers.js';

function setup() {
  const dir = tempDir();
  const paths = { registryPath: join(dir, 'registry.json'), modelsDir: join(dir, 'models'), reportsDir: join(dir, 'reports') };
  const train = (name: string, rows: ReturnType<typeof generateCases>) => {
    const dataPath = join(dir, `${name}.csv`);
    writeFileSync(dataPath, datasetFromRows(rows));
    return trainAndRegister({ dataPath, paths, version: name, createdAt: '2026-01-01T00:00:00Z' }).entry;
  };
  return { dir, paths, train };
}

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return error instanceof ModelRegistryError ? error.code : String(error);
  }
  return undefined;
};

describe('the gate before activation', () => {
  it('lets a first model in only when it beats the heuristic, and records why', () => {
    const { paths, train } = setup();
    const first = train('good-1', generateCases({ rows: 4_000, seed: 9 }));
    expect(first.metrics.gate).toMatchObject({ against: null, active: null, passed: true, failures: [], margin: GATE_MARGIN });
    activateModel('good-1', paths);
    expect(readRegistryFile(paths.registryPath).activationReason).toMatch(/^passed the gate on 800 held-out rows/);
  });

  it('refuses a candidate that does not beat the active model by the margin, unless forced with a reason', () => {
    const { paths, train } = setup();
    const rows = generateCases({ rows: 4_000, seed: 9 });
    train('good-1', rows);
    activateModel('good-1', paths);
    // The same data again: the same model, so it cannot beat the active one by any margin.
    const weak = train('noise-1', rows);
    expect(weak.metrics.gate).toMatchObject({ against: 'good-1', passed: false });
    expect(weak.metrics.gate!.failures.join()).toContain("above the active model good-1's");
    expect(weak.metrics.gate!.active).not.toBeNull();
    const before = readFileSync(paths.registryPath, 'utf8');

    expect(codeOf(() => activateModel('noise-1', paths))).toBe('GATE_REFUSED');
    expect(codeOf(() => activateModel('noise-1', paths, { force: true }))).toBe('REASON_REQUIRED');
    expect(codeOf(() => activateModel('noise-1', paths, { force: true, reason: '   ' }))).toBe('REASON_REQUIRED');
    expect(readFileSync(paths.registryPath, 'utf8')).toBe(before);

    const view = activateModel('noise-1', paths, { force: true, reason: 'testing the fallback path' });
    expect(view.active).toBe('noise-1');
    expect(readRegistryFile(paths.registryPath).activationReason).toBe('forced: testing the fallback path');
  });

  it('activates a candidate that beats the active model, and refuses one compared with another active model', () => {
    const { paths, train } = setup();
    train('small-1', generateCases({ rows: 300, seed: 9 }));
    activateModel('small-1', paths, { force: true, reason: 'a deliberately weak start' });
    const better = train('large-1', generateCases({ rows: 8_000, seed: 12 }));
    expect(better.metrics.gate).toMatchObject({ against: 'small-1', passed: true });
    expect(better.metrics.gate!.candidate.auc).toBeGreaterThanOrEqual(better.metrics.gate!.active!.auc + GATE_MARGIN.auc);
    expect(gateRefusal('large-1', better.metrics.gate, 'someone-else')).toContain('was compared with small-1');
    expect(activateModel('large-1', paths).active).toBe('large-1');
  });

  describe('the CLI', () => {
    let stderr = '';
    beforeEach(() => {
      stderr = '';
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    });
    afterEach(() => vi.restoreAllMocks());

    it('refuses --force without a reason as bad usage', () => {
      expect(main(['activate', 'escalation-lr-1.0.0', '--force'])).toBe(2);
      expect(stderr).toContain('--force needs --reason');
    });
  });
});
