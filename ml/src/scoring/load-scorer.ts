import { join } from 'node:path';
import { defaultFeatureContract, loadContract } from '../features/contract.js';
import { DEFAULT_PATHS } from '../paths.js';
import { readRegistryFile } from '../registry/registry.js';
import type { RiskScorer } from '../types.js';
import { readArtifact } from './artifact.js';
import { createHeuristicScorer } from './heuristic.js';
import { LinearModelScorer } from './model-scorer.js';

export interface LoadScorerOptions {
  registryPath?: string;
  modelsDir?: string;
  contractPath?: string;
}

export type LoadedScorer = RiskScorer & { readonly fallbackReason: string | null };

/**
 * Loads the active model once. Never throws: when the registry, the contract or the artifact is
 * missing or unusable, it returns the placeholder heuristic with
 * `modelVersion = "heuristic-fallback (reason: …)"`. Call again after activating another version.
 */
export function loadScorer(options: LoadScorerOptions = {}): LoadedScorer {
  try {
    const contract = options.contractPath ? loadContract(options.contractPath) : defaultFeatureContract();
    const registry = readRegistryFile(options.registryPath ?? DEFAULT_PATHS.registry);
    if (!registry.active) throw new Error('no active model in the registry');
    const artifact = readArtifact(join(options.modelsDir ?? DEFAULT_PATHS.modelsDir, `${registry.active}.json`), contract);
    if (artifact.version !== registry.active) {
      throw new Error(`artifact for ${registry.active} says version ${artifact.version}`);
    }
    return Object.assign(new LinearModelScorer(artifact, contract), { fallbackReason: null });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return Object.assign(createHeuristicScorer(`heuristic-fallback (reason: ${reason})`), { fallbackReason: reason });
  }
}
