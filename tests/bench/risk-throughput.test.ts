// The bench's risk row measures the server's scorer: the registry's active model built by scorerFromArtifact (as
// RiskModel builds it), never the heuristic fallback, with CPU time measured beside wall-clock time. How fast it is
// is the bench's to report (bench/README.md), not a test's: CI's load would make a bound here flaky.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../../server/src/config.js';
import { measureRiskScoring } from '../../bench/risk-throughput.js';

it('scores with the active model and reports cases per wall-clock and per CPU-second', () => {
  const active: string = JSON.parse(readFileSync(join(projectRoot, 'ml/registry/model_registry.json'), 'utf8')).active;
  const risk = measureRiskScoring(0.2);
  expect(risk.modelVersion).toBe(active);
  expect(risk.fallback).toBe(false);
  expect(risk.cases).toBeGreaterThanOrEqual(20_000);
  expect(risk.seconds).toBeGreaterThanOrEqual(0.2);
  expect(risk.casesPerSecond).toBeCloseTo(risk.cases / risk.seconds, 6);
  expect(risk.cpuSeconds).toBeGreaterThan(0);
  expect(risk.casesPerCpuSecond).toBeCloseTo(risk.cases / risk.cpuSeconds!, 6);
  expect(risk.loadAverage).toBeGreaterThanOrEqual(0);
});
