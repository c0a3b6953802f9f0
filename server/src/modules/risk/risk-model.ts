import { join } from 'node:path';
import { type LoadedScorer, ModelRegistryError, activateModel, loadScorer, readRegistry } from '../../../../ml/src/index.js';
import { DomainError, ErrorCode } from '../../errors/domain-error.js';
import type { RiskModelRegistry } from './risk.types.js';

/**
 * The active escalation-risk model, loaded once per process. When no artifact can be loaded, the ml package
 * returns its heuristic scorer and says so in the model version; scoring never fails a request.
 */
export class RiskModel {
  private loaded: LoadedScorer;

  constructor(private readonly mlDir: string) {
    this.loaded = this.load();
  }

  private load(): LoadedScorer {
    return loadScorer({ registryPath: join(this.mlDir, 'registry/model_registry.json'), modelsDir: join(this.mlDir, 'models') });
  }

  get scorer(): LoadedScorer {
    return this.loaded;
  }

  private get location() {
    return { registryPath: join(this.mlDir, 'registry/model_registry.json'), modelsDir: join(this.mlDir, 'models') };
  }

  registry(): RiskModelRegistry {
    const view = readRegistry(this.location);
    return {
      active: view.active,
      scoringWith: this.loaded.modelVersion,
      versions: view.versions.map((v) => ({
        version: v.version,
        contractVersion: v.contractVersion,
        createdAt: v.createdAt,
        active: v.active,
        trainingDataSha256: v.trainingData.sha256,
        trainingRows: v.trainingData.rows,
        metrics: v.metrics.model,
        heuristicMetrics: v.metrics.heuristic,
      })),
    };
  }

  /** Makes `version` the active model in the registry and starts scoring with it in this process. */
  activate(version: string): RiskModelRegistry {
    try {
      activateModel(version, this.location);
    } catch (error) {
      if (error instanceof ModelRegistryError) {
        throw new DomainError(error.code === 'UNKNOWN_VERSION' ? ErrorCode.NOT_FOUND : ErrorCode.BAD_USER_INPUT, error.message);
      }
      throw error;
    }
    this.loaded = this.load();
    return this.registry();
  }
}
