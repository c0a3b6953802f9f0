import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseFeatureSource, RiskResult } from '../src/index.js';
import { createHeuristicScorer, DEFAULT_PATHS, defaultFeatureContract, generateCases, loadScorer, readRegistry, scorerFromArtifact } from '../src/index.js';
import { compileFeatures, contractReasonCodes } from '../src/features/contract.js';
import { HEURISTIC_RULES } from '../src/scoring/heuristic.js';
import { calmCase, sampleCase, tempModel } from './helpers.js';

const contract = defaultFeatureContract();
const codes = contractReasonCodes(contract);
const featureNames = contract.features.map((f) => f.name);

function expectWellFormed(result: RiskResult): void {
  expect(result.score).toBeGreaterThanOrEqual(0);
  expect(result.score).toBeLessThanOrEqual(1);
  expect(['low', 'medium', 'high']).toContain(result.label);
  expect(result.reasonCodes.length).toBeLessThanOrEqual(3);
  for (const reason of result.reasonCodes) {
    expect(codes.has(reason.code), `${reason.code} is a contract code`).toBe(true);
    expect(reason.text).toBe(codes.get(reason.code)!.text);
    expect(reason.contribution).toBeGreaterThan(0);
  }
  const contributions = result.reasonCodes.map((r) => r.contribution);
  expect(contributions).toEqual([...contributions].sort((a, b) => b - a));
}

describe('the committed active model', () => {
  const scorer = loadScorer();

  it('loads without falling back', () => {
    expect(scorer.isFallback).toBe(false);
    expect(scorer.fallbackReason).toBeNull();
    expect(scorer.modelVersion).toBe(readRegistry().active);
  });

  it('ranks an obviously risky case above a calm one, with contract reasons', () => {
    const risky = scorer.score(sampleCase);
    const calm = scorer.score(calmCase);
    expectWellFormed(risky);
    expectWellFormed(calm);
    expect(risky.score).toBeGreaterThan(calm.score);
    expect(risky.label).toBe('high');
    expect(calm.label).toBe('low');
    expect(risky.reasonCodes).toHaveLength(3);
    expect(Object.keys(risky.features)).toEqual(featureNames);
  });

  it('only ever names contract features in reason codes', () => {
    for (const row of generateCases({ rows: 3_000, seed: 99 })) {
      const result = scorer.score(row);
      expectWellFormed(result);
      for (const reason of result.reasonCodes) expect(featureNames).toContain(codes.get(reason.code)!.feature);
    }
  });

  it('is deterministic', () => {
    const again = loadScorer();
    expect(scorer.score(sampleCase)).toEqual(scorer.score(sampleCase));
    expect(again.score(sampleCase)).toEqual(scorer.score(sampleCase));
    const batch = generateCases({ rows: 50, seed: 4 });
    expect(scorer.scoreBatch(batch)).toEqual(batch.map((c) => scorer.score(c)));
  });

  it('snapshots every feature\'s value in contract order, zeros and -0 included', () => {
    const extractors = compileFeatures(contract);
    const minusZero = { ...sampleCase, refundAmountMinor: -0 }; // refund_share is -0
    for (const row of [...generateCases({ rows: 200, seed: 8 }), calmCase, minusZero]) {
      const { features } = scorer.score(row);
      expect(Object.keys(features)).toEqual(featureNames);
      // toEqual tells -0 from 0 (Object.is); the snapshot skips writing the template's zeros, not -0.
      expect(Object.values(features)).toEqual(extractors.map((extract) => extract(row)));
    }
    expect(Object.is(scorer.score(minusZero).features.refund_share, -0)).toBe(true);
  });

  it('never throws and stays in [0, 1] on malformed input', () => {
    const garbage = {
      ...sampleCase,
      orderTotalMinor: Number.NaN,
      refundAmountMinor: Number.POSITIVE_INFINITY,
      reason: 'angry' as CaseFeatureSource['reason'],
      priority: undefined as unknown as CaseFeatureSource['priority'],
      slaHoursLeft: -1e12,
    };
    const result = scorer.score(garbage);
    expectWellFormed(result);
    expect(Number.isFinite(result.score)).toBe(true);
  });
});

describe('the placeholder heuristic', () => {
  it('uses contract codes and texts for its rules', () => {
    for (const rule of HEURISTIC_RULES) {
      expect(codes.get(rule.code)).toEqual({ feature: rule.feature, text: rule.text });
    }
  });

  it('scores with contract reasons and says it is the placeholder', () => {
    const heuristic = createHeuristicScorer();
    const result = heuristic.score(sampleCase);
    expectWellFormed(result);
    expect(result.modelVersion).toBe('heuristic-placeholder');
    expect(heuristic.isFallback).toBe(false);
    expect(result.reasonCodes.map((r) => r.code)).toEqual(['SLA_BREACHED', 'CUSTOMER_PRIOR_DISPUTES', 'PRIORITY_URGENT']);
    for (const key of Object.keys(result.features)) expect(featureNames).toContain(key);
  });
});

describe('loadScorer degrades to the heuristic instead of failing', () => {
  async function fallbackAfter(tamper: (setup: Awaited<ReturnType<typeof tempModel>>) => void) {
    const setup = await tempModel();
    tamper(setup);
    const scorer = loadScorer({ registryPath: setup.registryPath, modelsDir: setup.modelsDir });
    const result = scorer.score(sampleCase);
    expectWellFormed(result);
    expect(scorer.isFallback).toBe(true);
    expect(result.modelVersion).toMatch(/^heuristic-fallback \(reason: .+\)$/);
    return { scorer, result };
  }
  const artifactOf = (s: Awaited<ReturnType<typeof tempModel>>) => join(s.modelsDir, `${s.version}.json`);
  const editArtifact = (s: Awaited<ReturnType<typeof tempModel>>, edit: (a: Record<string, any>) => void) => {
    const artifact = JSON.parse(readFileSync(artifactOf(s), 'utf8'));
    edit(artifact);
    writeFileSync(artifactOf(s), JSON.stringify(artifact));
  };

  it('loads the model when nothing is wrong', async () => {
    const setup = await tempModel();
    const scorer = loadScorer({ registryPath: setup.registryPath, modelsDir: setup.modelsDir });
    expect(scorer.isFallback).toBe(false);
    expect(scorer.score(sampleCase).modelVersion).toBe(setup.version);
  });

  it('when the registry is missing', async () => {
    const { result } = await fallbackAfter((s) => writeFileSync(s.registryPath, '{"registryVersion":1,"versions":[]}'));
    expect(result.modelVersion).toContain('no active model');
    const missing = loadScorer({ registryPath: '/nonexistent/registry.json', modelsDir: '/nonexistent' });
    expect(missing.isFallback).toBe(true);
  });

  it('when the registry is not JSON', async () => {
    const { result } = await fallbackAfter((s) => writeFileSync(s.registryPath, '{ nope'));
    expect(result.modelVersion).toContain('not valid JSON');
  });

  it('when the artifact is missing', async () => {
    const { result } = await fallbackAfter((s) => writeFileSync(s.registryPath, readFileSync(s.registryPath, 'utf8').replace(/"active": "[^"]+"/, '"active": "ghost-1"')));
    expect(result.modelVersion).toContain('not found');
  });

  it('when the artifact is corrupt JSON', async () => {
    const { result } = await fallbackAfter((s) => writeFileSync(artifactOf(s), '{"format": "returnhub-escalation-lr", '));
    expect(result.modelVersion).toContain('not valid JSON');
  });

  it('when a coefficient is NaN (serialised as null)', async () => {
    const { result } = await fallbackAfter((s) => editArtifact(s, (a) => (a.features[3].coefficient = Number.NaN)));
    expect(result.modelVersion).toContain('finite');
  });

  it('when a coefficient is the string "NaN"', async () => {
    const { result } = await fallbackAfter((s) => editArtifact(s, (a) => (a.features[0].coefficient = 'NaN')));
    expect(result.modelVersion).toContain('finite');
  });

  it('when the artifact was trained on another contract version', async () => {
    const { result } = await fallbackAfter((s) => editArtifact(s, (a) => (a.contractVersion = '0.9.0')));
    expect(result.modelVersion).toContain('contract 0.9.0');
  });

  it('when the feature list does not match the contract', async () => {
    const { result } = await fallbackAfter((s) => editArtifact(s, (a) => (a.features = a.features.slice(1))));
    expect(result.modelVersion).toContain('missing: order_value_log');
  });

  it('when the feature order differs', async () => {
    const { result } = await fallbackAfter((s) => editArtifact(s, (a) => a.features.reverse()));
    expect(result.modelVersion).toContain('order differs');
  });
});

describe('scorerFromArtifact (an artifact held in the server database)', () => {
  const committed = () => {
    const { active } = readRegistry();
    return { version: active!, artifact: JSON.parse(readFileSync(join(DEFAULT_PATHS.modelsDir, `${active}.json`), 'utf8')) as Record<string, any> };
  };

  it('scores exactly as the file-loaded model', () => {
    const { version, artifact } = committed();
    const scorer = scorerFromArtifact(artifact, version);
    expect(scorer.isFallback).toBe(false);
    expect(scorer.fallbackReason).toBeNull();
    expect(scorer.score(sampleCase)).toEqual(loadScorer().score(sampleCase));
  });

  it('falls back to the heuristic, saying why, with the same validation as a file', () => {
    const { version, artifact } = committed();
    const broken = scorerFromArtifact({ ...artifact, intercept: 'NaN' }, version);
    expect(broken.isFallback).toBe(true);
    expect(broken.score(sampleCase).modelVersion).toMatch(/^heuristic-fallback \(reason: .*finite/);
    expect(scorerFromArtifact(artifact, 'another-version').fallbackReason).toContain('says version');
    expect(scorerFromArtifact(null, version).fallbackReason).toContain('not a JSON object');
  });
});
