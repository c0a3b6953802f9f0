// Issue #21 points 4 and 6: an artifact cannot make the scorer emit NaN, and a low score shows no made-up reasons.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelArtifact } from '../src/index.js';
import { ArtifactError, DEFAULT_PATHS, defaultFeatureContract, generateCases, loadScorer, readRegistry, scorerFromArtifact, validateArtifact } from '../src/index.js';
import { LinearModelScorer, REASON_MIN_CONTRIBUTION, REASON_MIN_SCORE } from '../src/scoring/model-scorer.js';

const contract = defaultFeatureContract();
// The linear family's checks (std, coefficients) on the committed linear version of this contract; the scorecard's
// own checks are in scorecard.test.ts. The scorer's behaviour below (reasons, NaN) is the same for both families.
const active = readRegistry().versions.find((v) => v.version.startsWith('escalation-lr-') && v.contractVersion === contract.version)!.version;
const committed = (): ModelArtifact => JSON.parse(readFileSync(join(DEFAULT_PATHS.modelsDir, `${active}.json`), 'utf8'));
const cases = generateCases({ rows: 1_000, seed: 77 });

describe('numeric validation of an artifact', () => {
  const tinyStd = () => {
    const artifact = committed();
    artifact.features[0].std = 5e-324;
    return artifact;
  };

  it('refuses a feature scale below the floor (std 5e-324 used to activate and score NaN)', () => {
    expect(() => validateArtifact(tinyStd(), contract)).toThrow(ArtifactError);
    expect(() => validateArtifact(tinyStd(), contract)).toThrow(/below the floor/);
    const scorer = scorerFromArtifact(tinyStd(), active);
    expect(scorer.isFallback).toBe(true);
    expect(scorer.fallbackReason).toContain('below the floor');
  });

  it('refuses finite weights whose scores are not probabilities on the probe set', () => {
    const artifact = committed();
    artifact.features.forEach((f, j) => (f.coefficient = j % 2 === 0 ? 1e308 : -1e308)); // overflows to +∞ and −∞
    expect(() => validateArtifact(artifact, contract)).toThrow(/not a probability/);
  });

  it('still accepts the committed artifact', () => {
    expect(validateArtifact(committed(), contract).version).toBe(active);
  });
});

describe('the scorer never returns a non-finite score', () => {
  it('answers with the heuristic, saying so, for a case the model cannot score', () => {
    // Unvalidated, as it was activated before: every scale 5e-324, so contributions are ±∞ and their sum NaN.
    const scorer = new LinearModelScorer({ ...committed(), features: committed().features.map((f) => ({ ...f, std: 5e-324 })) }, contract);
    expect(cases.filter((c) => Number.isNaN(scorer.probability(c))).length).toBeGreaterThan(100);
    const results = scorer.scoreBatch(cases);
    expect(results.every((r) => Number.isFinite(r.score) && r.score >= 0 && r.score <= 1)).toBe(true);
    const rescued = results.filter((r) => r.modelVersion.startsWith('heuristic-fallback'));
    expect(rescued.length).toBeGreaterThan(0);
    expect(rescued[0].modelVersion).toContain('not a finite probability');
  });
});

describe('reasons only for material risk drivers', () => {
  const results = loadScorer().scoreBatch(cases);

  it('shows no reasons under a score of 0.10', () => {
    const low = results.filter((r) => r.score < REASON_MIN_SCORE);
    expect(low.length).toBeGreaterThan(10);
    for (const r of low) expect(r.reasonCodes).toEqual([]);
  });

  it('names only contributions that raise the log-odds materially', () => {
    const shown = results.flatMap((r) => r.reasonCodes);
    expect(shown.length).toBeGreaterThan(100);
    for (const reason of shown) expect(reason.contribution).toBeGreaterThanOrEqual(REASON_MIN_CONTRIBUTION);
  });
});
