import { join } from 'node:path';
import { defaultFeatureContract, type FeatureContract, loadContract } from '../features/contract.js';
import { DEFAULT_PATHS } from '../paths.js';
import { readRegistryFile } from '../registry/registry.js';
import type { RiskScorer } from '../types.js';
import { type AnyArtifact, readAnyArtifact, scorerOf, validateAnyArtifact } from './artifacts.js';
import { createHeuristicScorer } from './heuristic.js';

export interface LoadScorerOptions {
  registryPath?: string;
  modelsDir?: string;
  contractPath?: string;
}

export type LoadedScorer = RiskScorer & { readonly fallbackReason: string | null };

/** The placeholder heuristic, saying why no model scores: `modelVersion = "heuristic-fallback (reason: …)"`. */
export function fallbackScorer(reason: string): LoadedScorer {
  return Object.assign(createHeuristicScorer(`heuristic-fallback (reason: ${reason})`), { fallbackReason: reason });
}

function guarded(build: () => { artifact: AnyArtifact; contract: FeatureContract }): LoadedScorer {
  try {
    const { artifact, contract } = build();
    return Object.assign(scorerOf(artifact, contract), { fallbackReason: null });
  } catch (error) {
    return fallbackScorer(error instanceof Error ? error.message : String(error));
  }
}

const contractOf = (contractPath: string | undefined): FeatureContract => (contractPath ? loadContract(contractPath) : defaultFeatureContract());

/**
 * Loads the active model once. Never throws: when the registry, the contract or the artifact is
 * missing or unusable, it returns the placeholder heuristic with
 * `modelVersion = "heuristic-fallback (reason: …)"`. Call again after activating another version.
 */
export function loadScorer(options: LoadScorerOptions = {}): LoadedScorer {
  return guarded(() => {
    const contract = contractOf(options.contractPath);
    const registry = readRegistryFile(options.registryPath ?? DEFAULT_PATHS.registry);
    if (!registry.active) throw new Error('no active model in the registry');
    const artifact = readAnyArtifact(join(options.modelsDir ?? DEFAULT_PATHS.modelsDir, `${registry.active}.json`), contract);
    if (artifact.version !== registry.active) {
      throw new Error(`artifact for ${registry.active} says version ${artifact.version}`);
    }
    return { artifact, contract };
  });
}

/**
 * The scorer of an artifact held elsewhere (the server's database): the same validation as a file's, and the
 * same guarantee — never throws, the heuristic says why when the artifact is unusable or is not `version`.
 */
export function scorerFromArtifact(raw: unknown, version: string, options: { contractPath?: string } = {}): LoadedScorer {
  return guarded(() => {
    const contract = contractOf(options.contractPath);
    const artifact = validateAnyArtifact(raw, contract);
    if (artifact.version !== version) throw new Error(`artifact for ${version} says version ${artifact.version}`);
    return { artifact, contract };
  });
}
