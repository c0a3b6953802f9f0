import { describe, expect, it } from 'vitest';
import type { ScorecardArtifact } from '../src/index.js';
import { defaultFeatureContract, generateCases, scorerFromArtifact, trainModel, validateArtifact } from '../src/index.js';
import { SCORECARD_TRAINING_SETTINGS } from '../src/training/trainer.js';
import { binOf } from '../src/scoring/scorecard.js';
import { quantileEdges } from '../src/training/scorecard-fit.js';
import { sampleCase } from './helpers.js';

const contract = defaultFeatureContract();
const rows = generateCases({ rows: 4_000, seed: 5 });
const train = () =>
  trainModel({ rows, dataSha256: 'test', version: 'sc-test', createdAt: '2026-12-07T00:00:00Z', settings: SCORECARD_TRAINING_SETTINGS });
const result = train();
const artifact = result.artifact as ScorecardArtifact;

describe('scorecard bins', () => {
  it('cuts at distinct quantiles below the largest value, so no bin is empty', () => {
    expect(quantileEdges([0, 0, 0, 1, 1, 1, 1, 1], 4)).toEqual([0]);
    expect(quantileEdges([1, 2, 3, 4, 5, 6, 7, 8], 4)).toEqual([3, 5, 7]);
    expect(quantileEdges([4, 4, 4], 4)).toEqual([]);
  });

  it('puts a value in the first bin whose edge is at least the value', () => {
    expect([0, 3, 3.5, 5, 9].map((v) => binOf([3, 5, 7], v))).toEqual([0, 0, 1, 1, 3]);
  });
});

describe('the scorecard model family', () => {
  it('trains a valid versioned artifact with one point per bin for every contract feature', () => {
    expect(artifact.format).toBe('returnhub-escalation-scorecard');
    expect(artifact.features.map((f) => f.name)).toEqual(contract.features.map((f) => f.name));
    for (const f of artifact.features) expect(f.points).toHaveLength(f.edges.length + 1);
    expect(artifact.features.some((f) => f.edges.length >= 5)).toBe(true); // continuous features get several bins
    expect(validateArtifact(JSON.parse(result.artifactJson), contract)).toEqual(artifact);
    expect(result.evaluation.model.metrics.auc).toBeGreaterThan(result.evaluation.heuristic.metrics.auc);
  });

  it('is reproduced byte for byte', () => {
    expect(train().artifactJson).toBe(result.artifactJson);
  });

  it('explains exactly: intercept plus every feature\'s points is the score\'s log-odds, and the reasons are points', () => {
    const scorer = scorerFromArtifact(artifact, 'sc-test');
    expect(scorer.isFallback).toBe(false);
    const risk = scorer.score(sampleCase);
    const points = artifact.features.map((f) => f.points[binOf(f.edges, risk.features[f.name])]);
    const logit = artifact.intercept + points.reduce((a, b) => a + b, 0);
    expect(risk.score).toBeCloseTo(1 / (1 + Math.exp(-logit)), 12);
    expect(risk.reasonCodes.length).toBeGreaterThan(0);
    for (const reason of risk.reasonCodes) expect(points).toContain(reason.contribution);
  });

  it('is refused (heuristic fallback) when a point is not finite or the edges are out of order', () => {
    const nan = structuredClone(artifact);
    nan.features[0].points[0] = Number.NaN;
    expect(scorerFromArtifact(nan, 'sc-test').isFallback).toBe(true);
    const unordered = structuredClone(artifact);
    const f = unordered.features.find((x) => x.edges.length >= 2)!;
    f.edges.reverse();
    const refused = scorerFromArtifact(unordered, 'sc-test');
    expect(refused.isFallback).toBe(true);
    expect(refused.fallbackReason).toMatch(/ascending/);
  });
});
