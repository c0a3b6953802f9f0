import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ArtifactError,
  defaultFeatureContract,
  type GateRecord,
  gatePassedReason,
  gateRefusal,
  populationStabilityIndex,
  PSI_WARNING,
  type Reference,
  validateArtifact,
} from '../../../../ml/src/index.js';
import { DAY_MS } from '../../shared/clock.js';
import { DomainError, ErrorCode } from '../../errors/domain-error.js';
import type { Clock } from '../../shared/clock.js';
import { actorLabel, type Viewer } from '../auth/viewer.js';
import { type ActivationCandidate, activateModelVersion, listModelVersions, type ModelVersionRow, recentScores } from './model-registry.repository.js';
import type { RiskModel } from './risk-model.js';
import type { CalibrationBin, FeatureDrift, ModelDrift, ModelFeatureWeight, ModelMetrics, RiskModelRegistry, RiskModelVersion } from './risk.types.js';

const METRIC_KEYS = ['n', 'baseRate', 'auc', 'logLoss', 'brier', 'ece'] as const;
const MAX_REASON_LENGTH = 500;
const DRIFT_DAYS = 30;

/** The stored metrics when every figure is a finite number; null otherwise (e.g. `auc: null` from a NaN). */
function completeMetrics(m: unknown): ModelMetrics | null {
  if (typeof m !== 'object' || m === null) return null;
  const record = m as Record<string, unknown>;
  return METRIC_KEYS.every((k) => typeof record[k] === 'number' && Number.isFinite(record[k])) ? (m as ModelMetrics) : null;
}

function gateOf(metrics: unknown): GateRecord | null {
  const gate = (metrics as { gate?: GateRecord } | null)?.gate;
  return gate && typeof gate === 'object' && typeof gate.passed === 'boolean' ? gate : null;
}

type StoredInterval = { low: number; high: number };
/** The model's stored bootstrap interval for one metric, when complete. */
function intervalOf(metrics: unknown, key: 'auc' | 'brier'): StoredInterval | null {
  const i = (metrics as { intervals?: { model?: Record<string, StoredInterval> } } | null)?.intervals?.model?.[key];
  return i && Number.isFinite(i.low) && Number.isFinite(i.high) ? i : null;
}

/** The stored reliability bins, when they are well formed. */
function calibrationOf(metrics: unknown): CalibrationBin[] | null {
  const bins = (metrics as { calibration?: unknown } | null)?.calibration;
  if (!Array.isArray(bins)) return null;
  const ok = bins.every((b) => typeof b === 'object' && b !== null && Number.isFinite(b.lower) && Number.isFinite(b.upper) && Number.isInteger(b.count));
  return ok ? (bins as CalibrationBin[]) : null;
}

/**
 * The artifact's five largest weights by size, strongest first (ties in contract order): a linear model's
 * coefficients, a scorecard's spread of points (its largest minus its smallest bin's points).
 */
function topFeaturesOf(features: unknown): ModelFeatureWeight[] {
  if (!Array.isArray(features)) return [];
  const weightOf = (f: { coefficient?: unknown; points?: unknown }): number =>
    Array.isArray(f.points) ? Math.max(...(f.points as number[])) - Math.min(...(f.points as number[])) : Number(f.coefficient);
  return features
    .filter((f) => typeof f?.name === 'string' && Number.isFinite(weightOf(f)))
    .map((f) => ({ name: f.name as string, coefficient: weightOf(f) }))
    .sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient))
    .slice(0, 5);
}

/** One row for the API, or null when its record is incomplete (left out, listed as unreadable). */
function versionOf(v: ModelVersionRow): RiskModelVersion | null {
  const stored = v.metrics as { model?: unknown; heuristic?: unknown } | null;
  const metrics = completeMetrics(stored?.model);
  const heuristicMetrics = completeMetrics(stored?.heuristic);
  if (!metrics || !heuristicMetrics) return null;
  const { version, contractVersion, createdAt, active, trainingDataSha256, trainingRows, activatedAt, activatedBy, activationReason } = v;
  return {
    ...{ version, contractVersion, createdAt, active, trainingDataSha256, trainingRows, activatedAt, activatedBy, activationReason },
    metrics,
    heuristicMetrics,
    gate: gateOf(v.metrics),
    aucInterval: intervalOf(v.metrics, 'auc'),
    brierInterval: intervalOf(v.metrics, 'brier'),
    calibration: calibrationOf(v.metrics),
    topFeatures: topFeaturesOf(v.artifactFeatures),
  };
}

/** The admin's model registry: the database's versions, and which one this process scores with. */
export class ModelRegistryService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly model: RiskModel,
    private readonly clock: Clock,
  ) {}

  /** Never fails because of one bad row: a version with incomplete metrics is listed under `unreadable`. */
  async registry(): Promise<RiskModelRegistry> {
    const rows = await listModelVersions(this.em);
    const versions: RiskModelVersion[] = [];
    const unreadable: RiskModelRegistry['unreadable'] = [];
    for (const row of rows) {
      const version = versionOf(row);
      if (version) versions.push(version);
      else unreadable.push({ version: row.version, problem: 'its stored held-out metrics are incomplete (a figure is missing or not a number)' });
    }
    const active = rows.find((v) => v.active) ?? null;
    return { active: active?.version ?? null, scoringWith: this.model.scoringWith, versions, unreadable, drift: active ? await this.drift(active) : null };
  }

  /** The active version's last 30 days of scores against its training reference, by population stability index. */
  private async drift(active: ModelVersionRow): Promise<ModelDrift | null> {
    const reference = (active.metrics as { reference?: { features: Record<string, Reference>; score: Reference } } | null)?.reference;
    if (!reference?.score || !reference.features) return null;
    const since = new Date(this.clock.now().getTime() - DRIFT_DAYS * DAY_MS);
    const scores = await recentScores(this.em, active.version, since);
    if (scores.length === 0) return null;
    const measure = (name: string, ref: Reference, values: number[]): FeatureDrift => {
      const psi = populationStabilityIndex(ref, values);
      return { name, psi, warning: psi > PSI_WARNING };
    };
    const features = Object.entries(reference.features)
      .map(([name, ref]) => measure(name, ref, scores.map((s) => Number(s.features?.[name] ?? 0))))
      .sort((a, b) => b.psi - a.psi);
    return { version: active.version, since, cases: scores.length, score: measure('score', reference.score, scores.map((s) => s.score)), features };
  }

  /**
   * Makes a registered version the active one for every replica and worker. Refuses an unknown version
   * (NOT_FOUND), an artifact that does not load against this build's contract (BAD_USER_INPUT), and a version the
   * gate refuses (NOT_ELIGIBLE) unless `force` with a reason (BAD_USER_INPUT without one). The reason recorded with
   * the activation is the gate's verdict or "forced: <reason>". Audited; announced with NOTIFY; this process
   * reloads before answering.
   */
  async activate(version: string, options: { force?: boolean; reason?: string | null } = {}): Promise<RiskModelRegistry> {
    const reason = options.reason?.trim() ?? '';
    if (options.force && reason === '') throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A forced activation needs a reason.', { field: 'reason' });
    if (reason.length > MAX_REASON_LENGTH) throw new DomainError(ErrorCode.BAD_USER_INPUT, `The reason is limited to ${MAX_REASON_LENGTH} characters.`, { field: 'reason' });
    const contract = defaultFeatureContract();
    const check = ({ artifact, metrics, activeNow }: ActivationCandidate): string | null => {
      try {
        validateArtifact(artifact, contract);
      } catch (error) {
        if (error instanceof ArtifactError) throw new DomainError(ErrorCode.BAD_USER_INPUT, `Cannot activate ${version}: ${error.message}`);
        throw error;
      }
      if (activeNow === version) return null; // already active: nothing changes
      if (!completeMetrics((metrics as { model?: unknown } | null)?.model)) {
        throw new DomainError(ErrorCode.NOT_ELIGIBLE, `Not activated: ${version} has incomplete held-out metrics; retrain it.`, { version });
      }
      if (options.force) return `forced: ${reason}`;
      const gate = gateOf(metrics);
      const refusal = gateRefusal(version, gate, activeNow);
      if (refusal) throw new DomainError(ErrorCode.NOT_ELIGIBLE, `Not activated: ${refusal}. Activate with force and a reason to override.`, { version });
      return gatePassedReason(gate!);
    };
    const { artifact } = await activateModelVersion(this.em, version, { userId: this.viewer?.userId ?? null, label: actorLabel(this.viewer) }, check, { now: this.clock.now() });
    if (artifact === undefined) throw new DomainError(ErrorCode.NOT_FOUND, `Unknown model version "${version}".`, { version });
    await this.model.reload();
    return this.registry();
  }
}
