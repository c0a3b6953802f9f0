// Public API of the escalation-risk model, imported by the server.

export type {
  CaseFeatureSource,
  CasePriority,
  LabeledCase,
  LabelThresholds,
  ReasonCode,
  ReturnReason,
  ReturnType,
  RiskLabel,
  RiskResult,
  RiskScorer,
} from './types.js';
export { DEFAULT_LABEL_THRESHOLDS, labelFor } from './types.js';

// Scoring
export type { LoadedScorer, LoadScorerOptions } from './scoring/load-scorer.js';
export { loadScorer } from './scoring/load-scorer.js';
export { createHeuristicScorer, HEURISTIC_VERSION } from './scoring/heuristic.js';

// Registry (admin model management)
export type { ModelRegistryView, ModelVersionEntry, RegistryLocation, RegistryMetrics } from './registry/registry.js';
export { activateModel, ModelRegistryError, readRegistry } from './registry/registry.js';

// Feature contract and training data
export type { FeatureContract } from './features/contract.js';
export { ContractError, defaultFeatureContract, loadContract } from './features/contract.js';
export { datasetFromRows, DatasetError, parseDataset } from './dataset/csv.js';
export { generateCases } from './dataset/generator.js';

// Training and evaluation
export type { ClassificationMetrics } from './training/metrics.js';
export { brierScore, calibrationTable, logLoss, rocAuc } from './training/metrics.js';
export { DEFAULT_TRAINING_SETTINGS, trainModel } from './training/trainer.js';
export { generateDataset, writeGeneratedDataset } from './pipeline/generate.js';
export { trainAndRegister } from './pipeline/train.js';
export { evaluateVersion } from './pipeline/evaluate.js';
