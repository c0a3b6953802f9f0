import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ModelVersionEntry, RegistryMetrics } from '../../../../ml/src/index.js';

// The model registry of record, in SQL (tables of the model_registry migration). Every process reads the active
// artifact from here; activation changes it in one transaction and NOTIFYs every API replica and worker.

/** The NOTIFY channel an activation announces itself on; the payload is the new active version. */
export const MODEL_ACTIVATED_CHANNEL = 'returnhub_model_activated';

/** Serialises activations and seeding across processes (a transaction-level advisory lock). */
const REGISTRY_LOCK = 72_616_002;

export interface ModelVersionRow {
  version: string;
  contractVersion: string;
  createdAt: string;
  active: boolean;
  trainingDataSha256: string;
  trainingRows: number;
  metrics: RegistryMetrics;
  activatedAt: Date | null;
  activatedBy: string | null;
  activationReason: string | null;
  /** The artifact's feature list (name, coefficient, …), for the page's top features. */
  artifactFeatures: unknown;
}

export interface ActiveArtifact {
  version: string;
  artifact: unknown;
}

export interface ModelActivationRow {
  fromVersion: string | null;
  toVersion: string;
  actorLabel: string;
  reason: string | null;
  createdAt: Date;
}

export interface Activator {
  userId: string | null;
  label: string;
}

/** Every registered version (without artifacts), oldest first. */
export async function listModelVersions(em: EntityManager): Promise<ModelVersionRow[]> {
  const rows = await em.execute<any[]>(
    `select version, contract_version, created_at, active, training_data_sha256, training_rows, metrics, activated_at, activated_by_label, activation_reason,
            artifact->'features' as artifact_features
       from risk_model_versions order by created_at, version`,
  );
  return rows.map((r) => ({
    version: r.version,
    contractVersion: r.contract_version,
    createdAt: new Date(r.created_at).toISOString(),
    active: r.active,
    trainingDataSha256: r.training_data_sha256,
    trainingRows: r.training_rows,
    metrics: r.metrics,
    activatedAt: r.activated_at ? new Date(r.activated_at) : null,
    activatedBy: r.activated_by_label,
    activationReason: r.activation_reason,
    artifactFeatures: r.artifact_features,
  }));
}

export async function findActiveArtifact(em: EntityManager): Promise<ActiveArtifact | null> {
  const [row] = await em.execute<Array<{ version: string; artifact: unknown }>>('select version, artifact from risk_model_versions where active');
  return row ?? null;
}

export async function findArtifact(em: EntityManager, version: string): Promise<unknown> {
  const [row] = await em.execute<Array<{ artifact: unknown }>>('select artifact from risk_model_versions where version = ?', [version]);
  return row?.artifact;
}

/** The activation record, newest first. */
export async function listActivations(em: EntityManager, limit = 50): Promise<ModelActivationRow[]> {
  const rows = await em.execute<any[]>(
    'select from_version, to_version, actor_label, reason, created_at from risk_model_activations order by created_at desc, id desc limit ?',
    [limit],
  );
  return rows.map((r) => ({ fromVersion: r.from_version, toVersion: r.to_version, actorLabel: r.actor_label, reason: r.reason, createdAt: new Date(r.created_at) }));
}

/**
 * Makes `version` the active one inside the caller's transaction: the version rows, the activation record and the
 * NOTIFY (delivered at commit) together. Returns the version it replaced. The caller has checked that it exists.
 */
async function switchActive(tx: EntityManager, version: string, activator: Activator, reason: string | null, now: Date): Promise<string | null> {
  const [current] = await tx.execute<Array<{ version: string }>>('select version from risk_model_versions where active');
  const from = current?.version ?? null;
  if (from === version) return from;
  await tx.execute('update risk_model_versions set active = false where active');
  await tx.execute(
    'update risk_model_versions set active = true, activated_at = ?, activated_by_id = ?, activated_by_label = ?, activation_reason = ? where version = ?',
    [now, activator.userId, activator.label, reason, version],
  );
  await tx.execute(
    'insert into risk_model_activations (id, from_version, to_version, actor_id, actor_label, reason, created_at) values (?, ?, ?, ?, ?, ?, ?)',
    [randomUUID(), from, version, activator.userId, activator.label, reason, now],
  );
  await tx.execute('select pg_notify(?, ?)', [MODEL_ACTIVATED_CHANNEL, version]);
  return from;
}

/** What an activation check sees of the candidate, under the registry lock. */
export interface ActivationCandidate {
  artifact: unknown;
  metrics: unknown;
  /** The version active now (the candidate itself when it already is). */
  activeNow: string | null;
}

/**
 * Activates a registered version (no-op when it is already active). `check` sees the candidate under the registry
 * lock and throws to refuse it (nothing is changed then), or answers the reason to record.
 */
export async function activateModelVersion(
  em: EntityManager,
  version: string,
  activator: Activator,
  check: (candidate: ActivationCandidate) => string | null,
  options: { now: Date },
): Promise<{ from: string | null; artifact: unknown }> {
  return em.fork().transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(?)', [REGISTRY_LOCK]);
    const [row] = await tx.execute<Array<{ artifact: unknown; metrics: unknown }>>('select artifact, metrics from risk_model_versions where version = ?', [version]);
    if (!row) return { from: null, artifact: undefined };
    const [current] = await tx.execute<Array<{ version: string }>>('select version from risk_model_versions where active');
    const reason = check({ artifact: row.artifact, metrics: row.metrics, activeNow: current?.version ?? null });
    const from = await switchActive(tx, version, activator, reason, options.now);
    return { from, artifact: row.artifact };
  });
}

export interface SeedVersion {
  entry: ModelVersionEntry;
  artifact: unknown;
}

/**
 * Adds the versions the database lacks (never changes a stored one), and makes `active` the active one only when
 * the database has no active choice yet — an admin's activation survives a redeploy. Safe for replicas starting
 * together (the registry lock). Returns what it added and whether it set the active version.
 */
export async function seedModelVersions(
  em: EntityManager,
  versions: SeedVersion[],
  active: string | null,
  now: Date,
  activationReason: string | null = null,
): Promise<{ added: string[]; activated: string | null }> {
  return em.fork().transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(?)', [REGISTRY_LOCK]);
    const added: string[] = [];
    for (const { entry, artifact } of versions) {
      const inserted = await tx.execute<Array<{ version: string }>>(
        `insert into risk_model_versions (version, contract_version, created_at, metrics, training_data_sha256, training_rows, training, artifact, registered_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (version) do nothing returning version`,
        [entry.version, entry.contractVersion, entry.createdAt, JSON.stringify(entry.metrics), entry.trainingData.sha256, entry.trainingData.rows,
          JSON.stringify(entry.training ?? null), JSON.stringify(artifact), now],
      );
      if (inserted.length > 0) added.push(entry.version);
    }
    let activated: string | null = null;
    const [current] = await tx.execute<unknown[]>('select 1 from risk_model_versions where active');
    const [known] = active ? await tx.execute<unknown[]>('select 1 from risk_model_versions where version = ?', [active]) : [];
    if (!current && active && known) {
      await switchActive(tx, active, { userId: null, label: 'system (release registry)' }, activationReason, now);
      activated = active;
    }
    return { added, activated };
  });
}

/** The latest scores of `version` since `since` (at most `limit`): their score and feature snapshot. */
export async function recentScores(em: EntityManager, version: string, since: Date, limit = 20_000): Promise<Array<{ score: number; features: Record<string, number> }>> {
  return em.execute(
    'select score, features from risk_scores where model_version = ? and created_at >= ? order by created_at desc limit ?',
    [version, since, limit],
  );
}
