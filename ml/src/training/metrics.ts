// Metrics for probabilistic binary predictions. `labels` are 0/1; `scores` are probabilities.

export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number | null; // null for an empty bin
  observedRate: number | null;
}

export interface RocPoint {
  fpr: number;
  tpr: number;
}

export interface ClassificationMetrics {
  n: number;
  positives: number;
  baseRate: number;
  auc: number;
  logLoss: number;
  brier: number;
  /** Expected calibration error over the 10 bins (count-weighted |mean predicted − observed|). */
  ece: number;
}

function checkInputs(labels: ArrayLike<number>, scores: ArrayLike<number>): void {
  if (labels.length !== scores.length) throw new RangeError('labels and scores must have the same length');
  if (labels.length === 0) throw new RangeError('metrics need at least one example');
}

/** Indices of the scores in ascending order (ties keep input order, so results are deterministic). */
function ascendingOrder(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i += 1) order[i] = i;
  return order.sort((a, b) => scores[a] - scores[b] || a - b);
}

/**
 * ROC AUC as the Mann–Whitney statistic with average ranks, so tied scores count one half.
 * NaN when only one class is present.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkInputs(labels, scores);
  const order = ascendingOrder(scores);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) end += 1;
    const averageRank = (start + end) / 2 + 1; // ranks are 1-based
    for (let k = start; k <= end; k += 1) {
      if (labels[order[k]] === 1) {
        positives += 1;
        rankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** The ROC curve from (0,0) to (1,1), one point per distinct score threshold. */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): RocPoint[] {
  checkInputs(labels, scores);
  const order = ascendingOrder(scores).reverse();
  let positives = 0;
  for (let i = 0; i < labels.length; i += 1) positives += labels[i] === 1 ? 1 : 0;
  const negatives = labels.length - positives;
  const points: RocPoint[] = [{ fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k += 1) {
    if (labels[order[k]] === 1) tp += 1;
    else fp += 1;
    const nextIsTie = k + 1 < order.length && scores[order[k + 1]] === scores[order[k]];
    if (!nextIsTie) points.push({ fpr: negatives ? fp / negatives : 0, tpr: positives ? tp / positives : 0 });
  }
  return points;
}

const EPS = 1e-15;

/** Mean negative log-likelihood; probabilities are clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkInputs(labels, scores);
  let sum = 0;
  for (let i = 0; i < labels.length; i += 1) {
    const p = Math.min(1 - EPS, Math.max(EPS, scores[i]));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}

/** Mean squared difference between probability and outcome. */
export function brierScore(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkInputs(labels, scores);
  let sum = 0;
  for (let i = 0; i < labels.length; i += 1) sum += (scores[i] - labels[i]) ** 2;
  return sum / labels.length;
}

/** Equal-width bins over [0, 1]; a score of exactly 1 falls in the last bin. */
export function calibrationTable(labels: ArrayLike<number>, scores: ArrayLike<number>, bins = 10): CalibrationBin[] {
  checkInputs(labels, scores);
  const count = new Array<number>(bins).fill(0);
  const predicted = new Array<number>(bins).fill(0);
  const observed = new Array<number>(bins).fill(0);
  for (let i = 0; i < labels.length; i += 1) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(scores[i] * bins)));
    count[b] += 1;
    predicted[b] += scores[i];
    observed[b] += labels[i];
  }
  return count.map((c, b) => ({
    lower: b / bins,
    upper: (b + 1) / bins,
    count: c,
    meanPredicted: c ? predicted[b] / c : null,
    observedRate: c ? observed[b] / c : null,
  }));
}

export function expectedCalibrationError(table: CalibrationBin[]): number {
  let total = 0;
  let weighted = 0;
  for (const bin of table) {
    if (bin.count === 0 || bin.meanPredicted === null || bin.observedRate === null) continue;
    total += bin.count;
    weighted += bin.count * Math.abs(bin.meanPredicted - bin.observedRate);
  }
  return total ? weighted / total : 0;
}

export function classificationMetrics(labels: ArrayLike<number>, scores: ArrayLike<number>): ClassificationMetrics {
  let positives = 0;
  for (let i = 0; i < labels.length; i += 1) positives += labels[i] === 1 ? 1 : 0;
  return {
    n: labels.length,
    positives,
    baseRate: positives / labels.length,
    auc: rocAuc(labels, scores),
    logLoss: logLoss(labels, scores),
    brier: brierScore(labels, scores),
    ece: expectedCalibrationError(calibrationTable(labels, scores)),
  };
}
