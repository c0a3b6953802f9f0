import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataset } from '../dataset/csv.js';
import type { FeatureContract } from '../features/contract.js';
import { defaultFeatureContract } from '../features/contract.js';
import { DEFAULT_PATHS, displayPath } from '../paths.js';
import type { DatasetProvenance, ModelRegistryFile, ModelVersionEntry } from '../registry/registry.js';
import { readRegistryFile, upsertVersion, writeRegistryFile } from '../registry/registry.js';
import { trainingReport } from '../report/report.js';
import type { TrainingSettings } from '../scoring/artifact.js';
import type { ClassificationMetrics } from '../training/metrics.js';
import type { ScorerEvaluation, TrainModelResult } from '../training/trainer.js';
import { DEFAULT_TRAINING_SETTINGS, evaluateArtifact, incompleteMetrics, trainModel } from '../training/trainer.js';
import type { GateRecord } from '../registry/gate.js';
import { gateRecord } from '../registry/gate.js';
import { readAnyArtifact } from '../scoring/artifacts.js';
import { readTextIfExists, writeFileEnsuringDir, writeFilesInto } from './files.js';
import type { DatasetMeta } from './generate.js';
import { sidecarPaths } from './generate.js';
import type { Progress } from './progress.js';
import { silent } from './progress.js';

export const VERSION_PREFIX = 'escalation-lr-';
export const SCORECARD_VERSION_PREFIX = 'escalation-sc-';
const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class TrainingError extends Error {
  override readonly name = 'TrainingError';
}

export interface ModelPaths {
  registryPath: string;
  modelsDir: string;
  reportsDir: string;
}

export const defaultModelPaths = (): ModelPaths => ({
  registryPath: DEFAULT_PATHS.registry,
  modelsDir: DEFAULT_PATHS.modelsDir,
  reportsDir: DEFAULT_PATHS.reportsDir,
});

export function isValidVersion(version: string): boolean {
  return VERSION_PATTERN.test(version);
}

/** <prefix>1.0.0, then the next patch number after the highest registered one of that prefix (one per model family). */
export function nextVersion(registry: ModelRegistryFile, prefix: string = VERSION_PREFIX): string {
  let best: [number, number, number] | null = null;
  const pattern = new RegExp(`^${prefix.replace(/[.-]/g, '\\$&')}(\\d+)\\.(\\d+)\\.(\\d+)$`);
  for (const { version } of registry.versions) {
    const m = pattern.exec(version);
    if (!m) continue;
    const v: [number, number, number] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!best || v[0] > best[0] || (v[0] === best[0] && (v[1] > best[1] || (v[1] === best[1] && v[2] > best[2])))) best = v;
  }
  return best ? `${prefix}${best[0]}.${best[1]}.${best[2] + 1}` : `${prefix}1.0.0`;
}

function roundedMetrics(m: ClassificationMetrics): ClassificationMetrics {
  const r = (x: number) => Number(x.toFixed(6));
  return { n: m.n, positives: m.positives, baseRate: r(m.baseRate), auc: r(m.auc), logLoss: r(m.logLoss), brier: r(m.brier), ece: r(m.ece) };
}

function roundedIntervals(i: ScorerEvaluation['intervals']): ScorerEvaluation['intervals'] {
  const r = (x: number) => Number(x.toFixed(6));
  return { auc: { low: r(i.auc.low), high: r(i.auc.high) }, brier: { low: r(i.brier.low), high: r(i.brier.high) } };
}

/** Where a dataset came from; a matching sidecar from `generate` says how to recreate it. */
export function datasetProvenance(dataPath: string, sha256: string, rows: number): DatasetProvenance {
  const metaText = readTextIfExists(sidecarPaths(dataPath).meta);
  let generator: DatasetProvenance['generator'] = null;
  if (metaText) {
    try {
      const meta = JSON.parse(metaText) as DatasetMeta;
      if (meta.sha256 === sha256) generator = { rows: meta.generator.rows, seed: meta.generator.seed };
    } catch {
      // A broken sidecar only costs the regeneration hint.
    }
  }
  return { sha256, rows, source: displayPath(dataPath), generator };
}

function defaultCreatedAt(): string {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  const date = Number.isFinite(epoch) && process.env.SOURCE_DATE_EPOCH ? new Date(epoch * 1000) : new Date();
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** trainModel, with a data set that cannot be split (one class, or too few of one) refused as a TrainingError. */
function trainOrExplain(input: Parameters<typeof trainModel>[0]): ReturnType<typeof trainModel> {
  try {
    return trainModel(input);
  } catch (error) {
    if (error instanceof RangeError) throw new TrainingError(`not registered: ${error.message}`);
    throw error;
  }
}

/** The gate's verdict: the candidate, the registry's active model and the heuristic on the candidate's held-out rows. */
function gateFor(registry: ModelRegistryFile, paths: ModelPaths, contract: FeatureContract, result: TrainModelResult): GateRecord {
  const against = registry.active;
  const candidate = result.evaluation.model.metrics;
  const heuristic = result.evaluation.heuristic.metrics;
  if (!against) return gateRecord({ against, candidate, active: null, heuristic });
  try {
    const active = readAnyArtifact(join(paths.modelsDir, `${against}.json`), contract);
    return gateRecord({ against, candidate, active: evaluateArtifact(active, result.heldOut, contract).model.metrics, heuristic });
  } catch (error) {
    return gateRecord({ against, candidate, active: null, heuristic, activeProblem: (error as Error).message });
  }
}

export interface TrainAndRegisterOptions {
  dataPath: string;
  /** The file's content when the caller already has it (retrain); read from dataPath otherwise. */
  csv?: string;
  version?: string;
  createdAt?: string;
  settings?: TrainingSettings;
  paths?: ModelPaths;
  contract?: FeatureContract;
  progress?: Progress;
}

export interface TrainAndRegisterResult {
  entry: ModelVersionEntry;
  result: TrainModelResult;
  /** True when this run reproduced an already registered version byte for byte. */
  reproduced: boolean;
}

/**
 * Trains on a CSV, writes the artifact and the report, and registers the version (without
 * activating it). Without --version, a run on the same data and settings as a registered version
 * reproduces that version (same name, same createdAt, same bytes) instead of adding a new one.
 */
export function trainAndRegister(options: TrainAndRegisterOptions): TrainAndRegisterResult {
  const progress = options.progress ?? silent;
  const paths = options.paths ?? defaultModelPaths();
  const contract = options.contract ?? defaultFeatureContract();
  const settings = options.settings ?? DEFAULT_TRAINING_SETTINGS;

  progress(`reading ${displayPath(options.dataPath)}`);
  const csv = options.csv ?? readFileSync(options.dataPath, 'utf8');
  const dataset = parseDataset(csv, contract);
  const provenance = datasetProvenance(options.dataPath, dataset.sha256, dataset.rows.length);
  progress(`${dataset.rows.length} rows, sha256 ${dataset.sha256.slice(0, 12)}…${provenance.generator ? ` (generator seed ${provenance.generator.seed})` : ''}`);

  const registry = readRegistryFile(paths.registryPath);
  const sameRun = registry.versions.find(
    (v) =>
      v.trainingData.sha256 === dataset.sha256 &&
      v.contractVersion === contract.version &&
      JSON.stringify(v.training) === JSON.stringify(settings),
  );
  const version = options.version ?? sameRun?.version ?? nextVersion(registry, settings.model === 'scorecard' ? SCORECARD_VERSION_PREFIX : VERSION_PREFIX);
  if (!isValidVersion(version)) throw new TrainingError(`invalid version "${version}": use letters, digits, ".", "_" and "-"`);
  const existing = registry.versions.find((v) => v.version === version);
  const createdAt = options.createdAt ?? existing?.createdAt ?? defaultCreatedAt();
  progress(`training ${version} (L2 ${settings.l2}, split seed ${settings.splitSeed}, ${100 * settings.testFraction} % held out)`);

  const started = Date.now();
  const result = trainOrExplain({
    rows: dataset.rows,
    dataSha256: dataset.sha256,
    version,
    createdAt,
    settings,
    contract,
    onIteration: (e) =>
      progress(`iteration ${e.iteration}/${settings.maxIterations}: log loss ${e.meanLogLoss.toFixed(6)}, |gradient| ${e.gradientNorm.toExponential(2)}, max step ${e.maxStep.toExponential(2)}`),
  });
  progress(`fitted in ${Date.now() - started} ms (${result.fit.converged ? 'converged' : 'iteration cap reached'})`);
  const problems = incompleteMetrics(result.evaluation);
  if (problems.length > 0) throw new TrainingError(`not registered: the held-out metrics cannot be computed (${problems.join(', ')})`);

  const artifactPath = join(paths.modelsDir, `${version}.json`);
  const previous = readTextIfExists(artifactPath);
  if (previous !== null && previous !== result.artifactJson) {
    throw new TrainingError(
      `${displayPath(artifactPath)} already holds a different model for version ${version}; pass a new --version`,
    );
  }
  writeFileEnsuringDir(artifactPath, result.artifactJson);
  const reportDir = join(paths.reportsDir, version);
  writeFilesInto(
    reportDir,
    trainingReport({
      artifact: result.artifact,
      contract,
      provenance,
      trainRows: result.trainRows,
      iterations: result.fit.iterations,
      converged: result.fit.converged,
      trainLogLoss: result.fit.meanLogLoss,
      evaluation: result.evaluation,
      timeOrdered: result.timeOrdered,
    }),
  );

  const entry: ModelVersionEntry = {
    version,
    contractVersion: contract.version,
    createdAt,
    artifactPath: displayPath(artifactPath),
    reportPath: displayPath(join(reportDir, 'report.md')),
    trainingData: provenance,
    training: settings,
    metrics: {
      model: roundedMetrics(result.evaluation.model.metrics),
      heuristic: roundedMetrics(result.evaluation.heuristic.metrics),
      // The model's reliability on the held-out split: per score bin, mean predicted against observed rate.
      calibration: result.evaluation.model.calibration.map((b) => ({
        ...b,
        meanPredicted: b.meanPredicted === null ? null : Number(b.meanPredicted.toFixed(6)),
        observedRate: b.observedRate === null ? null : Number(b.observedRate.toFixed(6)),
      })),
      reference: result.reference,
      intervals: {
        model: roundedIntervals(result.evaluation.model.intervals),
        heuristic: roundedIntervals(result.evaluation.heuristic.intervals),
      },
      timeOrdered: {
        model: roundedMetrics(result.timeOrdered.model.metrics),
        heuristic: roundedMetrics(result.timeOrdered.heuristic.metrics),
      },
      // Recorded once, when the version is first trained: reproducing it later keeps the original verdict.
      ...(existing ? (existing.metrics.gate ? { gate: existing.metrics.gate } : {}) : { gate: gateFor(registry, paths, contract, result) }),
    },
  };
  writeRegistryFile(upsertVersion(registry, entry), paths.registryPath);
  const m = entry.metrics;
  progress(`held-out AUC ${m.model.auc.toFixed(4)} (heuristic ${m.heuristic.auc.toFixed(4)}), log loss ${m.model.logLoss.toFixed(4)} (${m.heuristic.logLoss.toFixed(4)}), Brier ${m.model.brier.toFixed(4)} (${m.heuristic.brier.toFixed(4)})`);
  const gate = entry.metrics.gate;
  if (gate) progress(gate.passed ? `gate: passed against ${gate.against ?? 'the heuristic alone'}` : `gate: not passed (${gate.failures.join('; ')})`);
  progress(`wrote ${entry.artifactPath} and ${entry.reportPath}${previous === result.artifactJson ? ' (identical to the committed artifact)' : ''}`);
  return { entry, result, reproduced: previous === result.artifactJson && existing !== undefined };
}
