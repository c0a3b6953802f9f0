import { readFileSync } from 'node:fs';
import { generateCases } from '../dataset/generator.js';
import type { FeatureContract } from '../features/contract.js';
import { displayPath } from '../paths.js';
import type { CaseFeatureSource, LabelThresholds } from '../types.js';
import { LinearModelScorer } from './model-scorer.js';

// A trained model as stored in ml/models/<version>.json: everything scoring needs, nothing else.

export const ARTIFACT_FORMAT = 'returnhub-escalation-lr';
export const ARTIFACT_FORMAT_VERSION = 1;

export interface ArtifactFeature {
  name: string;
  /** Mean and standard deviation of the feature on the training split (standardisation). */
  mean: number;
  std: number;
  /** Weight on the standardised feature (log-odds per standard deviation). */
  coefficient: number;
}

export interface TrainingSettings {
  /** 'stratified' (per class, see splitIndices); absent in versions trained before it: one seeded shuffle of all rows. */
  split?: 'stratified';
  splitSeed: number;
  testFraction: number;
  l2: number;
  maxIterations: number;
  tolerance: number;
  /** 'scorecard': binned features, one weight per bin (src/scoring/scorecard.ts); absent: the linear model. */
  model?: 'scorecard';
  /** The scorecard's most bins per feature (quantiles of the training split). */
  maxBins?: number;
}

/** What every model family's artifact says of itself besides its format and its features. */
export interface ArtifactHeader {
  version: string;
  contractVersion: string;
  createdAt: string;
  trainingDataSha256: string;
  training: TrainingSettings;
  labelThresholds: LabelThresholds;
  intercept: number;
}

export interface ModelArtifact extends ArtifactHeader {
  format: typeof ARTIFACT_FORMAT;
  formatVersion: typeof ARTIFACT_FORMAT_VERSION;
  features: ArtifactFeature[];
}

export class ArtifactError extends Error {
  override readonly name = 'ArtifactError';
}

export const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The smallest standard deviation a feature may be scaled by. The trainer stores 1 for a (near-)constant column;
 * a smaller scale turns ordinary values into huge or infinite contributions (std 5e-324 makes 1/std infinite).
 */
export const MIN_FEATURE_STD = 1e-6;

let probeCases: CaseFeatureSource[] | null = null;
/** Cases every artifact must score to a finite probability: 512 generated ones plus the generator's extremes. */
function probeSet(): CaseFeatureSource[] {
  if (!probeCases) {
    const generated = generateCases({ rows: 512, seed: 20_261_207 });
    const extreme = (pick: (a: number, b: number) => number) =>
      generated.reduce((acc, row) => {
        const next = { ...acc };
        for (const key of Object.keys(row) as Array<keyof CaseFeatureSource>) {
          if (typeof row[key] === 'number') (next as Record<string, unknown>)[key] = pick(acc[key] as number, row[key] as number);
        }
        return next;
      });
    probeCases = [...generated, extreme(Math.max), extreme(Math.min)];
  }
  return probeCases;
}

/** Scores the probe set; throws when any score is not a probability (NaN, infinite, outside [0, 1]). */
export function checkProbeScores(scorer: { probability(src: CaseFeatureSource): number }): void {
  for (const probe of probeSet()) {
    const score = scorer.probability(probe);
    if (!(score >= 0 && score <= 1)) throw new ArtifactError(`scores ${String(score)} on a probe case: not a probability`);
  }
}

/** Checks a parsed artifact against the contract; throws ArtifactError saying what is wrong. */
export function validateArtifact(raw: unknown, contract: FeatureContract): ModelArtifact {
  if (typeof raw !== 'object' || raw === null) throw new ArtifactError('artifact is not a JSON object');
  const a = raw as Partial<ModelArtifact>;
  if (a.format !== ARTIFACT_FORMAT || a.formatVersion !== ARTIFACT_FORMAT_VERSION) {
    throw new ArtifactError(`unsupported artifact format ${String(a.format)}@${String(a.formatVersion)}`);
  }
  checkCommonFields(a, contract);
  for (const f of a.features!) {
    if (!finite(f.mean) || !finite(f.std) || !finite(f.coefficient)) {
      throw new ArtifactError(`feature ${f.name}: mean, std and coefficient must be finite numbers`);
    }
    if (f.std < MIN_FEATURE_STD) throw new ArtifactError(`feature ${f.name}: std ${f.std} is below the floor ${MIN_FEATURE_STD}`);
  }
  checkProbeScores(new LinearModelScorer(a as ModelArtifact, contract));
  return a as ModelArtifact;
}

/** The fields every model family shares: version, contract, intercept, label thresholds, the contract's feature list. */
export function checkCommonFields(a: Partial<Pick<ModelArtifact, 'version' | 'contractVersion' | 'intercept' | 'labelThresholds'>> & { features?: unknown }, contract: FeatureContract): void {
  if (typeof a.version !== 'string' || a.version === '') throw new ArtifactError('artifact has no version');
  if (a.contractVersion !== contract.version) {
    throw new ArtifactError(`artifact uses contract ${String(a.contractVersion)}, this build has contract ${contract.version}`);
  }
  if (!finite(a.intercept)) throw new ArtifactError('intercept is not a finite number');
  const t = a.labelThresholds;
  if (!t || !finite(t.medium) || !finite(t.high) || !(t.medium > 0 && t.medium < t.high && t.high < 1)) {
    throw new ArtifactError('labelThresholds must satisfy 0 < medium < high < 1');
  }
  if (!Array.isArray(a.features)) throw new ArtifactError('artifact has no feature list');
  const names = (a.features as Array<{ name?: unknown } | null>).map((f) => f?.name);
  const expected = contract.features.map((f) => f.name);
  if (names.length !== expected.length || names.some((n, i) => n !== expected[i])) {
    const missing = expected.filter((n) => !names.includes(n));
    const unknown = names.filter((n) => !expected.includes(n as string));
    throw new ArtifactError(
      `feature list does not match contract ${contract.version}` +
        (missing.length ? `; missing: ${missing.join(', ')}` : '') +
        (unknown.length ? `; unknown: ${unknown.join(', ')}` : '') +
        (!missing.length && !unknown.length ? '; order differs' : ''),
    );
  }
}

/** The parsed JSON of an artifact file, unchecked; throws ArtifactError when it cannot be read or parsed. */
export function readArtifactJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ArtifactError(code === 'ENOENT' ? `artifact ${displayPath(path)} not found` : `cannot read artifact ${displayPath(path)}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ArtifactError(`artifact ${displayPath(path)} is not valid JSON`);
  }
  return parsed;
}

/** The committed form: stable key order, two-space indent, trailing newline. */
export function serializeArtifact(artifact: object): string {
  return `${JSON.stringify(artifact, null, 2)}\n`;
}
