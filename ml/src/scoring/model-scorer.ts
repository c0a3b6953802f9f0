import { sigmoid } from '../dataset/prng.js';
import type { FeatureContract } from '../features/contract.js';
import type { FeatureExtractor } from '../features/contract.js';
import { compileFeatures } from '../features/contract.js';
import type { CaseFeatureSource, LabelThresholds, ReasonCode, RiskResult, RiskScorer } from '../types.js';
import { labelFor } from '../types.js';
import type { ModelArtifact } from './artifact.js';
import { createHeuristicScorer } from './heuristic.js';

// Scores with a validated artifact. Everything that does not depend on the case is computed once
// here, so score() only runs the feature functions, one sum and a top-3 scan.

const REASON_COUNT = 3;
/** Below this score nothing is a risk driver: the case shows no reasons ("no strong risk drivers"). */
export const REASON_MIN_SCORE = 0.1;
/** A feature is a reason only when it raises the log-odds by at least this much (odds × 1.28). */
export const REASON_MIN_CONTRIBUTION = 0.25;

/**
 * An additive model: log-odds = intercept + one contribution per feature, and the reasons are the largest
 * contributions. Subclasses say how a feature's value becomes its contribution (see logit()).
 */
export abstract class AdditiveModelScorer implements RiskScorer {
  readonly modelVersion: string;
  readonly isFallback = false;
  protected readonly extractors: FeatureExtractor[];
  private readonly names: string[];
  /** Training means: a value above its mean explains with the contract's "high" reason, else the "low" one. */
  protected readonly means: Float64Array;
  protected readonly intercept: number;
  private readonly thresholds: LabelThresholds;
  private readonly highReason: Array<{ code: string; text: string } | undefined>;
  private readonly lowReason: Array<{ code: string; text: string } | undefined>;
  // Scratch space reused between calls (scoring is synchronous, so calls never overlap).
  protected readonly values: Float64Array;
  protected readonly contributions: Float64Array;
  // Copying an object of the right shape is much cheaper than growing a new one key by key.
  private readonly snapshotTemplate: Record<string, number>;
  // Answers the rare case whose score is not a probability (an artifact that slipped past validation).
  private readonly fallback = createHeuristicScorer('heuristic-fallback (reason: the model score was not a finite probability)');

  constructor(
    artifact: { version: string; intercept: number; labelThresholds: LabelThresholds; features: ReadonlyArray<{ mean: number }> },
    contract: FeatureContract,
  ) {
    this.modelVersion = artifact.version;
    this.extractors = compileFeatures(contract);
    this.names = contract.features.map((f) => f.name);
    this.means = Float64Array.from(artifact.features, (f) => f.mean);
    this.intercept = artifact.intercept;
    this.thresholds = artifact.labelThresholds;
    this.highReason = contract.features.map((f) => f.reasons.high);
    this.lowReason = contract.features.map((f) => f.reasons.low);
    this.values = new Float64Array(this.names.length);
    this.contributions = new Float64Array(this.names.length);
    this.snapshotTemplate = Object.fromEntries(this.names.map((name) => [name, 0]));
  }

  /** Log-odds of escalation: intercept + Σ contributions; fills `values` and `contributions` for score(). */
  protected abstract logit(src: CaseFeatureSource): number;

  /** The model's probability as computed, unchecked (artifact validation probes it). */
  probability(src: CaseFeatureSource): number {
    return sigmoid(this.logit(src));
  }

  /** Never a non-finite score: a case the model cannot score is scored by the heuristic, which says so. */
  score(src: CaseFeatureSource): RiskResult {
    const score = sigmoid(this.logit(src));
    if (!(score >= 0 && score <= 1)) return this.fallback.score(src);
    // The template holds 0 for every feature, so only the other values are written: most of a case's one-hot
    // features are 0, and each write by name costs (half of the snapshot's time saved, issue 21). Object.is keeps -0.
    const features: Record<string, number> = { ...this.snapshotTemplate };
    for (let j = 0; j < this.names.length; j += 1) if (!Object.is(this.values[j], 0)) features[this.names[j]] = this.values[j];
    return {
      score,
      label: labelFor(score, this.thresholds),
      reasonCodes: score < REASON_MIN_SCORE ? [] : this.topReasons(),
      modelVersion: this.modelVersion,
      features,
    };
  }

  scoreBatch(srcs: readonly CaseFeatureSource[]): RiskResult[] {
    const results = new Array<RiskResult>(srcs.length);
    for (let i = 0; i < srcs.length; i += 1) results[i] = this.score(srcs[i]);
    return results;
  }

  // The strongest material contributions (≥ REASON_MIN_CONTRIBUTION) that have a reason in the contract for their
  // direction. Ties keep contract order, so the result is deterministic.
  private topReasons(): ReasonCode[] {
    const best = [-1, -1, -1];
    for (let j = 0; j < this.contributions.length; j += 1) {
      const c = this.contributions[j];
      if (!(c >= REASON_MIN_CONTRIBUTION)) continue;
      if ((this.values[j] > this.means[j] ? this.highReason[j] : this.lowReason[j]) === undefined) continue;
      for (let k = 0; k < REASON_COUNT; k += 1) {
        if (best[k] === -1 || c > this.contributions[best[k]]) {
          for (let m = REASON_COUNT - 1; m > k; m -= 1) best[m] = best[m - 1];
          best[k] = j;
          break;
        }
      }
    }
    const reasons: ReasonCode[] = [];
    for (const j of best) {
      if (j === -1) break;
      const reason = (this.values[j] > this.means[j] ? this.highReason[j] : this.lowReason[j])!;
      reasons.push({ code: reason.code, text: reason.text, contribution: this.contributions[j] });
    }
    return reasons;
  }
}

/** Logistic regression on standardised features: contribution = coefficient × (value − mean) / std. */
export class LinearModelScorer extends AdditiveModelScorer {
  private readonly invStds: Float64Array;
  private readonly coefficients: Float64Array;

  constructor(artifact: ModelArtifact, contract: FeatureContract) {
    super(artifact, contract);
    this.invStds = Float64Array.from(artifact.features, (f) => 1 / f.std);
    this.coefficients = Float64Array.from(artifact.features, (f) => f.coefficient);
  }

  protected logit(src: CaseFeatureSource): number {
    let z = this.intercept;
    for (let j = 0; j < this.extractors.length; j += 1) {
      const v = this.extractors[j](src);
      this.values[j] = v;
      const c = this.coefficients[j] * (v - this.means[j]) * this.invStds[j];
      this.contributions[j] = c;
      z += c;
    }
    return z;
  }
}
