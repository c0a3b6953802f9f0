import { Prng } from '../dataset/prng.js';
import { brierScore, rocAuc } from './metrics.js';

// 95 % confidence intervals for held-out AUC and Brier score by a seeded bootstrap over the held-out rows:
// resample the rows with replacement, recompute, take the 2.5th and 97.5th percentiles. Seeded, so a rerun
// writes the same figures.

export interface Interval {
  low: number;
  high: number;
}

export const BOOTSTRAP_ROUNDS = 200;
const BOOTSTRAP_SEED = 2_026_121;

function percentile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export function bootstrapIntervals(labels: Float64Array, scores: Float64Array, rounds = BOOTSTRAP_ROUNDS): { auc: Interval; brier: Interval } {
  const prng = new Prng(BOOTSTRAP_SEED);
  const n = labels.length;
  const sampleLabels = new Float64Array(n);
  const sampleScores = new Float64Array(n);
  const aucs: number[] = [];
  const briers: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    for (let i = 0; i < n; i += 1) {
      const k = prng.int(n);
      sampleLabels[i] = labels[k];
      sampleScores[i] = scores[k];
    }
    const auc = rocAuc(sampleLabels, sampleScores);
    if (Number.isFinite(auc)) aucs.push(auc); // a resample with one class has no AUC
    briers.push(brierScore(sampleLabels, sampleScores));
  }
  aucs.sort((a, b) => a - b);
  briers.sort((a, b) => a - b);
  const interval = (values: number[]): Interval => (values.length ? { low: percentile(values, 0.025), high: percentile(values, 0.975) } : { low: Number.NaN, high: Number.NaN });
  return { auc: interval(aucs), brier: interval(briers) };
}
