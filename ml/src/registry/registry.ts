import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultFeatureContract } from '../features/contract.js';
import { DEFAULT_PATHS } from '../paths.js';
import type { TrainingSettings } from '../scoring/artifact.js';
import { readAnyArtifact } from '../scoring/artifacts.js';
import type { CalibrationBin, ClassificationMetrics } from '../training/metrics.js';
import type { GateRecord } from './gate.js';
import type { Reference } from '../training/drift.js';
import { gatePassedReason, gateRefusal } from './gate.js';

// ml/registry/model_registry.json: every trained version, its provenance and metrics, and which
// one is active. Written only through this module, atomically, in a stable format.

export const REGISTRY_FORMAT_VERSION = 1;

export interface DatasetProvenance {
  sha256: string;
  rows: number;
  /** Where the rows came from: a repository path, or "generated". */
  source: string;
  /** Set when the rows are the generator's: rerunning it with these settings recreates the bytes. */
  generator: { rows: number; seed: number } | null;
}

export interface RegistryMetrics {
  /** The model on the held-out split. */
  model: ClassificationMetrics;
  /** The placeholder heuristic on the same held-out split. */
  heuristic: ClassificationMetrics;
  /** The training split's distribution of each feature and of the score (drift is measured against it). */
  reference?: { features: Record<string, Reference>; score: Reference };
  /** The model's reliability on the held-out split (10 score bins); absent in older versions. */
  calibration?: CalibrationBin[];
  /** 95 % bootstrap confidence intervals of AUC and Brier on the held-out split; absent in older versions. */
  intervals?: Record<'model' | 'heuristic', { auc: { low: number; high: number }; brier: { low: number; high: number } }>;
  /** Both again on a time-ordered split (trained on the older rows, tested on the newer); absent in older versions. */
  timeOrdered?: { model: ClassificationMetrics; heuristic: ClassificationMetrics };
  /** The gate before activation, computed when the version was first trained (see gate.ts); absent in older versions. */
  gate?: GateRecord;
}

export interface ModelVersionEntry {
  version: string;
  contractVersion: string;
  createdAt: string;
  artifactPath: string;
  reportPath: string;
  trainingData: DatasetProvenance;
  training: TrainingSettings;
  metrics: RegistryMetrics;
}

export interface ModelRegistryFile {
  registryVersion: number;
  active: string | null;
  /** Why the active version was activated: the gate's verdict, or the reason given with --force. */
  activationReason?: string | null;
  versions: ModelVersionEntry[];
}

export interface ModelRegistryView {
  active: string | null;
  versions: Array<ModelVersionEntry & { active: boolean }>;
}

export interface RegistryLocation {
  registryPath?: string;
  modelsDir?: string;
}

export type RegistryErrorCode = 'REGISTRY_UNREADABLE' | 'UNKNOWN_VERSION' | 'INVALID_ARTIFACT' | 'GATE_REFUSED' | 'REASON_REQUIRED';

export class ModelRegistryError extends Error {
  override readonly name = 'ModelRegistryError';
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const emptyRegistry = (): ModelRegistryFile => ({ registryVersion: REGISTRY_FORMAT_VERSION, active: null, versions: [] });

/** Reads the registry file; a missing file is an empty registry, anything unreadable is an error. */
export function readRegistryFile(path: string = DEFAULT_PATHS.registry): ModelRegistryFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyRegistry();
    throw new ModelRegistryError('REGISTRY_UNREADABLE', `cannot read model registry ${path}: ${(error as Error).message}`);
  }
  let parsed: Partial<ModelRegistryFile>;
  try {
    parsed = JSON.parse(text) as Partial<ModelRegistryFile>;
  } catch {
    throw new ModelRegistryError('REGISTRY_UNREADABLE', `model registry ${path} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(parsed.versions)) {
    throw new ModelRegistryError('REGISTRY_UNREADABLE', `model registry ${path} has no versions list`);
  }
  if (parsed.registryVersion !== REGISTRY_FORMAT_VERSION) {
    throw new ModelRegistryError('REGISTRY_UNREADABLE', `model registry ${path} has unsupported registryVersion ${String(parsed.registryVersion)}`);
  }
  const active = typeof parsed.active === 'string' ? parsed.active : null;
  const reason = typeof parsed.activationReason === 'string' ? { activationReason: parsed.activationReason } : {};
  return { registryVersion: REGISTRY_FORMAT_VERSION, active, ...reason, versions: parsed.versions };
}

export function serializeRegistry(registry: ModelRegistryFile): string {
  return `${JSON.stringify(registry, null, 2)}\n`;
}

export function writeRegistryFile(registry: ModelRegistryFile, path: string = DEFAULT_PATHS.registry): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, serializeRegistry(registry));
  renameSync(temporary, path); // atomic on one filesystem: readers never see half a file
}

/** The registry for the API: every version with its metrics, and which is active. */
export function readRegistry(location: RegistryLocation = {}): ModelRegistryView {
  const registry = readRegistryFile(location.registryPath ?? DEFAULT_PATHS.registry);
  return {
    active: registry.active,
    versions: registry.versions.map((v) => ({ ...v, active: v.version === registry.active })),
  };
}

export interface ActivateOptions {
  /** Activate although the gate refuses; needs a reason, which is recorded. */
  force?: boolean;
  reason?: string;
}

/**
 * Makes a registered version the active one. Refuses an unknown version or one whose artifact
 * does not load against the current contract, so activation can never switch scoring to the fallback,
 * and one the gate refuses unless forced with a reason (recorded as `activationReason`).
 */
export function activateModel(version: string, location: RegistryLocation = {}, options: ActivateOptions = {}): ModelRegistryView {
  const registryPath = location.registryPath ?? DEFAULT_PATHS.registry;
  const modelsDir = location.modelsDir ?? DEFAULT_PATHS.modelsDir;
  const registry = readRegistryFile(registryPath);
  if (!registry.versions.some((v) => v.version === version)) {
    const known = registry.versions.map((v) => v.version).join(', ') || 'none';
    throw new ModelRegistryError('UNKNOWN_VERSION', `unknown model version "${version}" (registered: ${known})`);
  }
  try {
    const artifact = readAnyArtifact(join(modelsDir, `${version}.json`), defaultFeatureContract());
    if (artifact.version !== version) throw new Error(`artifact says version ${artifact.version}`);
  } catch (error) {
    throw new ModelRegistryError('INVALID_ARTIFACT', `cannot activate ${version}: ${(error as Error).message}`);
  }
  if (registry.active !== version) {
    const entry = registry.versions.find((v) => v.version === version)!;
    const refusal = gateRefusal(version, entry.metrics.gate, registry.active);
    const reason = options.reason?.trim() ?? '';
    if (options.force && reason === '') throw new ModelRegistryError('REASON_REQUIRED', 'a forced activation needs a reason (--reason "…")');
    if (refusal && !options.force) throw new ModelRegistryError('GATE_REFUSED', `${refusal}; pass --force --reason "…" to activate anyway`);
    const activationReason = options.force ? `forced: ${reason}` : gatePassedReason(entry.metrics.gate!);
    writeRegistryFile({ registryVersion: registry.registryVersion, active: version, activationReason, versions: registry.versions }, registryPath);
  }
  return readRegistry({ registryPath, modelsDir });
}

/** Adds a version, or replaces the entry of the same version; versions stay in registration order. */
export function upsertVersion(registry: ModelRegistryFile, entry: ModelVersionEntry): ModelRegistryFile {
  const index = registry.versions.findIndex((v) => v.version === entry.version);
  const versions = [...registry.versions];
  if (index === -1) versions.push(entry);
  else versions[index] = entry;
  return { ...registry, versions };
}
