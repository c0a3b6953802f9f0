import type { FeatureContract } from '../features/contract.js';
import type { CaseFeatureSource } from '../types.js';
import type { ArtifactHeader } from './artifact.js';
import { ArtifactError, checkCommonFields, checkProbeScores, finite } from './artifact.js';
import { AdditiveModelScorer } from './model-scorer.js';

// The scorecard family: each feature's value falls into one of its bins (cut points learned from the training
// data's quantiles), and each bin carries points — log-odds relative to the feature's baseline, the training
// rows' average points for that feature. log-odds = intercept + Σ points of the case's bins, so a feature's
// points ARE its contribution to the score, and the reasons explain the score exactly.

export const SCORECARD_FORMAT = 'returnhub-escalation-scorecard';
export const SCORECARD_FORMAT_VERSION = 1;

export interface ScorecardFeature {
  name: string;
  /** Mean on the training split: above it the contract's "high" reason explains, else the "low" one. */
  mean: number;
  /** Ascending cut points: a value v is in bin k, the first with v ≤ edges[k], or in the last bin above them all. */
  edges: number[];
  /** Log-odds of each bin relative to the feature's baseline (edges.length + 1 of them). */
  points: number[];
}

export interface ScorecardArtifact extends ArtifactHeader {
  format: typeof SCORECARD_FORMAT;
  formatVersion: typeof SCORECARD_FORMAT_VERSION;
  features: ScorecardFeature[];
}

/** The bin of `v` among ascending `edges`. NaN falls in the last bin (the extractors never produce it). */
export function binOf(edges: ArrayLike<number>, v: number): number {
  let k = 0;
  while (k < edges.length && !(v <= edges[k])) k += 1;
  return k;
}

export class ScorecardScorer extends AdditiveModelScorer {
  private readonly edges: Float64Array[];
  private readonly points: Float64Array[];

  constructor(artifact: ScorecardArtifact, contract: FeatureContract) {
    super(artifact, contract);
    this.edges = artifact.features.map((f) => Float64Array.from(f.edges));
    this.points = artifact.features.map((f) => Float64Array.from(f.points));
  }

  protected logit(src: CaseFeatureSource): number {
    let z = this.intercept;
    for (let j = 0; j < this.extractors.length; j += 1) {
      const v = this.extractors[j](src);
      this.values[j] = v;
      const c = this.points[j][binOf(this.edges[j], v)];
      this.contributions[j] = c;
      z += c;
    }
    return z;
  }
}

/** Checks a parsed scorecard artifact against the contract; throws ArtifactError saying what is wrong. */
export function validateScorecardArtifact(raw: Partial<ScorecardArtifact>, contract: FeatureContract): ScorecardArtifact {
  if (raw.format !== SCORECARD_FORMAT || raw.formatVersion !== SCORECARD_FORMAT_VERSION) {
    throw new ArtifactError(`unsupported artifact format ${String(raw.format)}@${String(raw.formatVersion)}`);
  }
  checkCommonFields(raw, contract);
  for (const f of raw.features!) {
    if (!finite(f.mean)) throw new ArtifactError(`feature ${f.name}: mean must be a finite number`);
    if (!Array.isArray(f.edges) || !Array.isArray(f.points) || f.points.length !== f.edges.length + 1) {
      throw new ArtifactError(`feature ${f.name}: needs edges and one more points than edges`);
    }
    if (!f.edges.every(finite) || !f.points.every(finite)) throw new ArtifactError(`feature ${f.name}: edges and points must be finite numbers`);
    if (f.edges.some((e, k) => k > 0 && !(e > f.edges[k - 1]))) throw new ArtifactError(`feature ${f.name}: edges must be strictly ascending`);
  }
  const artifact = raw as ScorecardArtifact;
  checkProbeScores(new ScorecardScorer(artifact, contract));
  return artifact;
}
