import type { FeatureContract } from '../features/contract.js';
import { compileFeatures, defaultFeatureContract } from '../features/contract.js';
import type { TrainingSettings } from '../scoring/artifact.js';
import type { AnyArtifact } from '../scoring/artifacts.js';
import { scorerOf } from '../scoring/artifacts.js';
import type { ScorecardArtifact } from '../scoring/scorecard.js';
import { SCORECARD_FORMAT, SCORECARD_FORMAT_VERSION } from '../scoring/scorecard.js';
import { fitScorecard } from './scorecard-fit.js';
import { ARTIFACT_FORMAT, ARTIFACT_FORMAT_VERSION, MIN_FEATURE_STD, serializeArtifact } from '../scoring/artifact.js';
import { heuristicScore } from '../scoring/heuristic.js';
import type { LabeledCase, LabelThresholds } from '../types.js';
import { DEFAULT_LABEL_THRESHOLDS } from '../types.js';
import type { LogisticFit } from './logistic.js';
import { fitLogistic } from './logistic.js';
import type { CalibrationBin, ClassificationMetrics, RocPoint } from './metrics.js';
import { calibrationTable, classificationMetrics, rocCurve } from './metrics.js';
import type { Split } from './split.js';
import { splitIndices, timeOrderedSplit } from './split.js';
import type { Interval } from './intervals.js';
import type { Reference } from './drift.js';
import { referenceOf } from './drift.js';
import { bootstrapIntervals } from './intervals.js';

export const DEFAULT_TRAINING_SETTINGS: TrainingSettings = {
  split: 'stratified',
  splitSeed: 7,
  testFraction: 0.2,
  l2: 1,
  maxIterations: 25,
  tolerance: 1e-9,
};

/** The scorecard family's settings: the linear model's, with at most 8 quantile bins per feature. */
export const SCORECARD_TRAINING_SETTINGS: TrainingSettings = { ...DEFAULT_TRAINING_SETTINGS, model: 'scorecard', maxBins: 8 };

/** One scorer's results on an evaluation set. */
export interface ScorerEvaluation {
  metrics: ClassificationMetrics;
  /** 95 % bootstrap confidence intervals of AUC and Brier score. */
  intervals: { auc: Interval; brier: Interval };
  calibration: CalibrationBin[];
  roc: RocPoint[];
}

export interface Evaluation {
  model: ScorerEvaluation;
  heuristic: ScorerEvaluation;
  /** Held-out cases per label, and how many of them escalated. */
  labels: Record<'low' | 'medium' | 'high', { count: number; escalated: number }>;
}

export interface TrainModelInput {
  rows: readonly LabeledCase[];
  dataSha256: string;
  version: string;
  createdAt: string;
  settings?: TrainingSettings;
  labelThresholds?: LabelThresholds;
  contract?: FeatureContract;
  onIteration?: Parameters<typeof fitLogistic>[3]['onIteration'];
}

export interface TrainModelResult {
  artifact: AnyArtifact;
  artifactJson: string;
  fit: LogisticFit;
  trainRows: number;
  evaluation: Evaluation;
  /** The held-out rows of the stratified split (the gate compares models on them). */
  heldOut: LabeledCase[];
  /** The training split's distribution of each feature and of the model's score, for drift (PSI) later. */
  reference: { features: Record<string, Reference>; score: Reference };
  /**
   * The same training on a time-ordered split: fitted on the older (1 − testFraction) of the rows in file order,
   * evaluated on the newer rest. The database export writes cases oldest first; generated rows have no time.
   */
  timeOrdered: Evaluation;
}

// Stored numbers keep 12 significant digits: readable, and immune to last-bit differences.
const stored = (x: number): number => Number(x.toPrecision(12));

export function featureMatrix(rows: readonly LabeledCase[], contract: FeatureContract): Float64Array {
  const extractors = compileFeatures(contract);
  const p = extractors.length;
  const x = new Float64Array(rows.length * p);
  rows.forEach((row, i) => {
    for (let j = 0; j < p; j += 1) x[i * p + j] = extractors[j](row);
  });
  return x;
}

function standardisation(x: Float64Array, p: number, rowsIn: Uint32Array) {
  const means = new Float64Array(p);
  const stds = new Float64Array(p);
  for (const i of rowsIn) for (let j = 0; j < p; j += 1) means[j] += x[i * p + j];
  for (let j = 0; j < p; j += 1) means[j] /= rowsIn.length;
  for (const i of rowsIn) for (let j = 0; j < p; j += 1) stds[j] += (x[i * p + j] - means[j]) ** 2;
  // A (near-)constant column gets std 1: it standardises to about 0 and carries no weight.
  for (let j = 0; j < p; j += 1) stds[j] = Math.sqrt(stds[j] / rowsIn.length);
  return { means: Array.from(means, stored), stds: Array.from(stds, (s) => stored(s >= MIN_FEATURE_STD ? s : 1)) };
}

/** Evaluates an artifact and the placeholder heuristic on the same labelled cases. */
export function evaluateArtifact(artifact: AnyArtifact, rows: readonly LabeledCase[], contract: FeatureContract): Evaluation {
  const scorer = scorerOf(artifact, contract);
  const labels = new Float64Array(rows.length);
  const modelScores = new Float64Array(rows.length);
  const heuristicScores = new Float64Array(rows.length);
  const perLabel = { low: { count: 0, escalated: 0 }, medium: { count: 0, escalated: 0 }, high: { count: 0, escalated: 0 } };
  rows.forEach((row, i) => {
    labels[i] = row.escalated ? 1 : 0;
    const result = scorer.score(row);
    modelScores[i] = result.score;
    heuristicScores[i] = heuristicScore(row);
    perLabel[result.label].count += 1;
    perLabel[result.label].escalated += labels[i];
  });
  const evaluate = (scores: Float64Array): ScorerEvaluation => ({
    metrics: classificationMetrics(labels, scores),
    intervals: bootstrapIntervals(labels, scores),
    calibration: calibrationTable(labels, scores),
    roc: rocCurve(labels, scores),
  });
  return { model: evaluate(modelScores), heuristic: evaluate(heuristicScores), labels: perLabel };
}

/** Standardises on the training part of `split` and fits the logistic regression; the artifact minus its metadata. */
function fitOnSplit(input: TrainModelInput, contract: FeatureContract, settings: TrainingSettings, x: Float64Array, split: Split, onIteration?: TrainModelInput['onIteration']) {
  if (settings.model === 'scorecard') return fitScorecardOnSplit(input, contract, settings, x, split, onIteration);
  const p = contract.features.length;
  const { means, stds } = standardisation(x, p, split.train);
  const trainX = new Float64Array(split.train.length * p);
  const trainY = new Float64Array(split.train.length);
  split.train.forEach((row, r) => {
    for (let j = 0; j < p; j += 1) trainX[r * p + j] = (x[row * p + j] - means[j]) / stds[j];
    trainY[r] = input.rows[row].escalated ? 1 : 0;
  });
  const fit = fitLogistic(trainX, trainY, p, {
    l2: settings.l2,
    maxIterations: settings.maxIterations,
    tolerance: settings.tolerance,
    onIteration,
  });
  const artifact: AnyArtifact = {
    format: ARTIFACT_FORMAT,
    formatVersion: ARTIFACT_FORMAT_VERSION,
    version: input.version,
    contractVersion: contract.version,
    createdAt: input.createdAt,
    trainingDataSha256: input.dataSha256,
    training: settings,
    labelThresholds: input.labelThresholds ?? DEFAULT_LABEL_THRESHOLDS,
    intercept: stored(fit.intercept),
    features: contract.features.map((f, j) => ({
      name: f.name,
      mean: means[j],
      std: stds[j],
      coefficient: stored(fit.weights[j]),
    })),
  };
  const heldOut = Array.from(split.test, (i) => input.rows[i]);
  return { fit, artifact, heldOut, split, evaluation: evaluateArtifact(artifact, heldOut, contract) };
}

/** fitOnSplit for the scorecard family: bins and points from the training part of `split`. */
function fitScorecardOnSplit(input: TrainModelInput, contract: FeatureContract, settings: TrainingSettings, x: Float64Array, split: Split, onIteration?: TrainModelInput['onIteration']) {
  const p = contract.features.length;
  const { means } = standardisation(x, p, split.train);
  const trainY = Float64Array.from(split.train, (row) => (input.rows[row].escalated ? 1 : 0));
  const options = { l2: settings.l2, maxIterations: settings.maxIterations, tolerance: settings.tolerance, onIteration };
  const card = fitScorecard(x, p, split.train, trainY, settings.maxBins ?? 8, options, stored);
  const artifact: ScorecardArtifact = {
    format: SCORECARD_FORMAT,
    formatVersion: SCORECARD_FORMAT_VERSION,
    version: input.version,
    contractVersion: contract.version,
    createdAt: input.createdAt,
    trainingDataSha256: input.dataSha256,
    training: settings,
    labelThresholds: input.labelThresholds ?? DEFAULT_LABEL_THRESHOLDS,
    intercept: card.intercept,
    features: contract.features.map((f, j) => ({ name: f.name, mean: means[j], ...card.features[j] })),
  };
  const heldOut = Array.from(split.test, (i) => input.rows[i]);
  return { fit: card.fit, artifact, heldOut, split, evaluation: evaluateArtifact(artifact, heldOut, contract) };
}

/** Each feature's and the score's distribution on the training rows of `split`. */
function trainingReference(input: TrainModelInput, contract: FeatureContract, x: Float64Array, split: Split, artifact: AnyArtifact): TrainModelResult['reference'] {
  const p = contract.features.length;
  const features: Record<string, Reference> = {};
  contract.features.forEach((f, j) => {
    features[f.name] = referenceOf(Array.from(split.train, (i) => x[i * p + j]));
  });
  const scorer = scorerOf(artifact, contract);
  return { features, score: referenceOf(Array.from(split.train, (i) => scorer.probability(input.rows[i]))) };
}

/** The held-out figures that say whether a model is any good; a model without them is not registered. */
export function incompleteMetrics(evaluation: Evaluation): string[] {
  const problems: string[] = [];
  for (const [who, m] of [['model', evaluation.model.metrics], ['heuristic', evaluation.heuristic.metrics]] as const) {
    for (const key of ['auc', 'logLoss', 'brier', 'ece', 'baseRate'] as const) {
      if (!Number.isFinite(m[key])) problems.push(`${who} ${key} is ${String(m[key])}`);
    }
  }
  return problems;
}

/**
 * Trains the logistic regression on a seeded stratified split and evaluates it (and the heuristic) on the
 * held-out part; does the same on a time-ordered split for comparison. Pure: same rows and settings → the same
 * artifact JSON, byte for byte. Throws a RangeError when a class is too small to split.
 */
export function trainModel(input: TrainModelInput): TrainModelResult {
  const contract = input.contract ?? defaultFeatureContract();
  const settings = input.settings ?? DEFAULT_TRAINING_SETTINGS;
  const x = featureMatrix(input.rows, contract);
  const labels = input.rows.map((r) => r.escalated);
  const main = fitOnSplit(input, contract, settings, x, splitIndices(labels, settings.splitSeed, settings.testFraction), input.onIteration);
  const byTime = fitOnSplit(input, contract, settings, x, timeOrderedSplit(input.rows.length, settings.testFraction));
  return {
    artifact: main.artifact,
    artifactJson: serializeArtifact(main.artifact),
    fit: main.fit,
    trainRows: input.rows.length - main.evaluation.model.metrics.n,
    evaluation: main.evaluation,
    heldOut: main.heldOut,
    reference: trainingReference(input, contract, x, main.split, main.artifact),
    timeOrdered: byTime.evaluation,
  };
}
