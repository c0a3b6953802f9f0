import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDataset } from '../dataset/csv.js';
import type { FeatureContract } from '../features/contract.js';
import { defaultFeatureContract } from '../features/contract.js';
import { displayPath, REPO_ROOT } from '../paths.js';
import type { ModelVersionEntry } from '../registry/registry.js';
import { readRegistryFile } from '../registry/registry.js';
import { evaluationReport } from '../report/report.js';
import { readAnyArtifact } from '../scoring/artifacts.js';
import type { LabeledCase } from '../types.js';
import { splitIndices, unstratifiedSplit } from '../training/split.js';
import type { Evaluation } from '../training/trainer.js';
import { evaluateArtifact } from '../training/trainer.js';
import { writeFilesInto } from './files.js';
import { generateDataset } from './generate.js';
import type { Progress } from './progress.js';
import { silent } from './progress.js';
import type { ModelPaths } from './train.js';
import { defaultModelPaths, TrainingError } from './train.js';

export interface EvaluateOptions {
  /** Defaults to the active version. */
  version?: string;
  /** A CSV to evaluate on (all rows). Without it: the version's own held-out split, recreated. */
  dataPath?: string;
  paths?: ModelPaths;
  contract?: FeatureContract;
  progress?: Progress;
}

export interface EvaluateResult {
  version: string;
  evaluation: Evaluation;
  reportPath: string;
  /** Set when the held-out split was recreated: whether the metrics equal the registered ones. */
  matchesRegistry: boolean | null;
}

function heldOutRows(entry: ModelVersionEntry, progress: Progress): LabeledCase[] {
  const data = entry.trainingData;
  let rows: LabeledCase[];
  if (data.generator) {
    progress(`recreating the training data: generator seed ${data.generator.seed}, ${data.generator.rows} rows`);
    const generated = generateDataset({ ...data.generator, progress });
    if (generated.sha256 !== data.sha256) throw new TrainingError('the generator no longer reproduces the registered training data; pass --data');
    rows = generated.rows;
  } else {
    progress(`reading the registered training data ${data.source}`);
    const dataset = parseDataset(readFileSync(resolve(REPO_ROOT, data.source), 'utf8'));
    if (dataset.sha256 !== data.sha256) throw new TrainingError(`${data.source} changed since training; pass --data`);
    rows = dataset.rows;
  }
  const { split: kind, splitSeed, testFraction } = entry.training;
  const split = kind === 'stratified' ? splitIndices(rows.map((r) => r.escalated), splitSeed, testFraction) : unstratifiedSplit(rows.length, splitSeed, testFraction);
  return Array.from(split.test, (i) => rows[i]);
}

const same = (a: number, b: number): boolean => Math.abs(a - b) < 5e-7;

/** Scores a data set with a registered model and the heuristic, and writes an evaluation report. */
export function evaluateVersion(options: EvaluateOptions): EvaluateResult {
  const progress = options.progress ?? silent;
  const paths = options.paths ?? defaultModelPaths();
  const contract = options.contract ?? defaultFeatureContract();
  const registry = readRegistryFile(paths.registryPath);
  const version = options.version ?? registry.active;
  if (!version) throw new TrainingError('no active model: pass --version or activate one');
  const entry = registry.versions.find((v) => v.version === version);
  if (!entry) throw new TrainingError(`unknown model version "${version}"`);
  const artifact = readAnyArtifact(join(paths.modelsDir, `${version}.json`), contract);

  let rows: readonly LabeledCase[];
  let description: string;
  let scope: string;
  let dataTag: string;
  if (options.dataPath) {
    progress(`reading ${displayPath(options.dataPath)}`);
    const dataset = parseDataset(readFileSync(options.dataPath, 'utf8'), contract);
    rows = dataset.rows;
    description = `${displayPath(options.dataPath)}, all ${rows.length} rows, sha256 \`${dataset.sha256}\``;
    scope = 'evaluation set';
    dataTag = dataset.sha256.slice(0, 12);
  } else {
    rows = heldOutRows(entry, progress);
    description = `the held-out split of the training data (${entry.trainingData.source}, split seed ${entry.training.splitSeed}), ${rows.length} rows`;
    scope = 'held-out';
    dataTag = 'held-out';
  }
  progress(`scoring ${rows.length} cases with ${version} and the heuristic`);
  const evaluation = evaluateArtifact(artifact, rows, contract);

  let matchesRegistry: boolean | null = null;
  let comparison: string | null = null;
  if (!options.dataPath) {
    const m = evaluation.model.metrics;
    const r = entry.metrics.model;
    matchesRegistry = same(m.auc, r.auc) && same(m.logLoss, r.logLoss) && same(m.brier, r.brier);
    comparison = matchesRegistry
      ? 'The metrics equal the ones recorded in the model registry.'
      : `**The metrics differ from the registry** (AUC ${r.auc}, log loss ${r.logLoss}, Brier ${r.brier}).`;
  }
  const reportDir = join(paths.reportsDir, version, 'evaluations', dataTag);
  writeFilesInto(reportDir, evaluationReport({ artifact, datasetDescription: description, scope, evaluation, registryComparison: comparison }));
  const m = evaluation.model.metrics;
  const h = evaluation.heuristic.metrics;
  progress(`AUC ${m.auc.toFixed(4)} (heuristic ${h.auc.toFixed(4)}), log loss ${m.logLoss.toFixed(4)} (${h.logLoss.toFixed(4)}), Brier ${m.brier.toFixed(4)} (${h.brier.toFixed(4)})`);
  if (comparison) progress(comparison.replace(/\*\*/g, ''));
  const reportPath = join(reportDir, 'report.md');
  progress(`wrote ${displayPath(reportPath)}`);
  return { version, evaluation, reportPath, matchesRegistry };
}
