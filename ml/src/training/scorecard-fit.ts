import type { LogisticFit, LogisticFitOptions } from './logistic.js';
import { fitLogistic } from './logistic.js';
import { binOf } from '../scoring/scorecard.js';

// Fits a scorecard: every feature is cut into at most `maxBins` bins at its training quantiles, each bin becomes
// a 0/1 column, and the same L2 logistic regression as the linear model fits one weight per bin. The weights are
// then centred per feature on the training rows' average (the baseline), the difference moving into the
// intercept, so a bin's points are its contribution relative to an average case and the log-odds are unchanged.

export interface ScorecardFit {
  fit: LogisticFit;
  intercept: number;
  /** Per feature: ascending cut points and the centred points of each bin. */
  features: Array<{ edges: number[]; points: number[] }>;
}

/**
 * Cut points at the quantiles k/maxBins of the values (k = 1 … maxBins − 1), without repeats and without the
 * largest value, so every bin holds at least one training value. A boolean column gets the single cut 0.
 */
export function quantileEdges(values: readonly number[], maxBins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const max = sorted[sorted.length - 1];
  const edges: number[] = [];
  for (let k = 1; k < maxBins; k += 1) {
    const edge = sorted[Math.floor((k * sorted.length) / maxBins)];
    if (edge < max && (edges.length === 0 || edge > edges[edges.length - 1])) edges.push(edge);
  }
  return edges;
}

/** x is row-major, n rows × p raw feature values; `rows` the training rows; y their 0/1 outcomes. */
export function fitScorecard(
  x: Float64Array,
  p: number,
  rows: Uint32Array,
  y: Float64Array,
  maxBins: number,
  options: LogisticFitOptions,
  round: (v: number) => number,
): ScorecardFit {
  const edges = Array.from({ length: p }, (_, j) => quantileEdges(Array.from(rows, (i) => x[i * p + j]), maxBins));
  const offsets: number[] = [];
  let columns = 0;
  for (const e of edges) {
    offsets.push(columns);
    columns += e.length + 1;
  }
  // bins[r * p + j]: the bin of training row r's feature j; the design matrix is their one-hot columns.
  const bins = new Uint16Array(rows.length * p);
  const design = new Float64Array(rows.length * columns);
  rows.forEach((i, r) => {
    for (let j = 0; j < p; j += 1) {
      const bin = binOf(edges[j], x[i * p + j]);
      bins[r * p + j] = bin;
      design[r * columns + offsets[j] + bin] = 1;
    }
  });
  const fit = fitLogistic(design, y, columns, options);
  let intercept = fit.intercept;
  const features = edges.map((e, j) => {
    const weights = fit.weights.slice(offsets[j], offsets[j] + e.length + 1);
    let baseline = 0;
    for (let r = 0; r < rows.length; r += 1) baseline += weights[bins[r * p + j]];
    baseline /= rows.length;
    intercept += baseline;
    return { edges: e.map(round), points: weights.map((w) => round(w - baseline)) };
  });
  return { fit, intercept: round(intercept), features };
}
