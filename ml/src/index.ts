// Public API of the escalation-risk model, imported by the server.

export type {
  CaseFeatureSource,
  CasePriority,
  LabeledCase,
  ProductCategory,
  LabelThresholds,
  ReasonCode,
  ReturnReason,
  ReturnType,
  RiskLabel,
  RiskResult,
  RiskScorer,
} from './types.js';
export { DEFAULT_LABEL_THRESHOLDS, labelFor, PRODUCT_CATEGORIES } from './types.js';

// Scoring
export type { LoadedScorer, LoadScorerOptions } from './scoring/load-scorer.js';
export { fallbackScorer, loadScorer, scorerFromArtifact } from './scoring/load-scorer.js';
export type { ModelArtifact } from './scoring/artifact.js';
export { ArtifactError } from './scoring/artifact.js';
export type { AnyArtifact } from './scoring/artifacts.js';
export { validateAnyArtifact as validateArtifact } from './scoring/artifacts.js';
export type { ScorecardArtifact } from './scoring/scorecard.js';
export { createHeuristicScorer, HEURISTIC_VERSION } from './scoring/heuristic.js';

// Registry (admin model management)
export type { ModelRegistryFile, ModelRegistryView, ModelVersionEntry, RegistryLocation, RegistryMetrics } from './registry/registry.js';
export { activateModel, ModelRegistryError, readRegistry, readRegistryFile } from './registry/registry.js';
export { DEFAULT_PATHS } from './paths.js';
export type { GateRecord } from './registry/gate.js';
export { GATE_MARGIN, gatePassedReason, gateRefusal } from './registry/gate.js';

// Feature contract and training data
export type { FeatureContract } from './features/contract.js';
export { ContractError, defaultFeatureContract, loadContract } from './features/contract.js';
export { datasetFromRows, DatasetError, parseDataset } from './dataset/csv.js';
export { generateCases } from './dataset/generator.js';

// Training and evaluation
export type { ClassificationMetrics } from './training/metrics.js';
export { brierScore, calibrationTable, logLoss, rocAuc } from './training/metrics.js';
export { DEFAULT_TRAINING_SETTINGS, trainModel } from './training/trainer.js';
export type { Reference } from './training/drift.js';
export { populationStabilityIndex, PSI_WARNING } from './training/drift.js';
export { generateDataset, writeGeneratedDataset } from './pipeline/generate.js';
export { trainAndRegister } from './pipeline/train.js';
export { evaluateVersion } from './pipeline/evaluate.js';
