import type { EntityManager } from '@mikro-orm/postgresql';
import { ArtifactError, defaultFeatureContract, validateArtifact } from '../../../../ml/src/index.js';
import { DomainError, ErrorCode } from '../../errors/domain-error.js';
import type { Clock } from '../../shared/clock.js';
import { actorLabel, type Viewer } from '../auth/viewer.js';
import { activateModelVersion, listModelVersions } from './model-registry.repository.js';
import type { RiskModel } from './risk-model.js';
import type { RiskModelRegistry } from './risk.types.js';

/** The admin's model registry: the database's versions, and which one this process scores with. */
export class ModelRegistryService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly model: RiskModel,
    private readonly clock: Clock,
  ) {}

  async registry(): Promise<RiskModelRegistry> {
    const versions = await listModelVersions(this.em);
    return {
      active: versions.find((v) => v.active)?.version ?? null,
      scoringWith: this.model.scoringWith,
      versions: versions.map((v) => ({
        version: v.version,
        contractVersion: v.contractVersion,
        createdAt: v.createdAt,
        active: v.active,
        trainingDataSha256: v.trainingDataSha256,
        trainingRows: v.trainingRows,
        metrics: v.metrics.model,
        heuristicMetrics: v.metrics.heuristic,
        activatedAt: v.activatedAt,
        activatedBy: v.activatedBy,
      })),
    };
  }

  /**
   * Makes a registered version the active one for every replica and worker: refuses an unknown version
   * (NOT_FOUND) or one whose artifact does not load against this build's contract (BAD_USER_INPUT), so activation
   * never switches scoring to the fallback. Audited; announced with NOTIFY; this process reloads before answering.
   */
  async activate(version: string): Promise<RiskModelRegistry> {
    const contract = defaultFeatureContract();
    const { artifact } = await activateModelVersion(
      this.em,
      version,
      { userId: this.viewer?.userId ?? null, label: actorLabel(this.viewer) },
      (raw) => {
        try {
          validateArtifact(raw, contract);
        } catch (error) {
          if (error instanceof ArtifactError) throw new DomainError(ErrorCode.BAD_USER_INPUT, `Cannot activate ${version}: ${error.message}`);
          throw error;
        }
      },
      { now: this.clock.now() },
    );
    if (artifact === undefined) throw new DomainError(ErrorCode.NOT_FOUND, `Unknown model version "${version}".`, { version });
    await this.model.reload();
    return this.registry();
  }
}
