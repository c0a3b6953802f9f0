import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_PATHS, readRegistryFile } from '../../../../ml/src/index.js';
import { type SeedVersion, seedModelVersions } from './model-registry.repository.js';

export interface RegistrySeedSummary {
  added: string[];
  activated: string | null;
  /** Committed versions left out, with the reason (their artifact is missing or unreadable). */
  skipped: Array<{ version: string; reason: string }>;
  /** Set when the committed registry itself could not be read: nothing was seeded. */
  unreadable: string | null;
}

export interface RegistryFiles {
  registryPath: string;
  modelsDir: string;
}

const COMMITTED: RegistryFiles = { registryPath: DEFAULT_PATHS.registry, modelsDir: DEFAULT_PATHS.modelsDir };

/**
 * The release's committed registry (ml/registry + ml/models) into the database: every version it lacks, and the
 * committed active version only when nothing is active yet. Artifacts are stored as they are; activation and
 * loading validate them against this build's contract (an unusable one scores with the heuristic, as before).
 * Never fails start-up over a bad file: it says what it skipped.
 */
export async function seedModelRegistry(em: EntityManager, now: Date, files: RegistryFiles = COMMITTED): Promise<RegistrySeedSummary> {
  let registry;
  try {
    registry = readRegistryFile(files.registryPath);
  } catch (error) {
    return { added: [], activated: null, skipped: [], unreadable: (error as Error).message };
  }
  const versions: SeedVersion[] = [];
  const skipped: RegistrySeedSummary['skipped'] = [];
  for (const entry of registry.versions) {
    try {
      const artifact = JSON.parse(readFileSync(join(files.modelsDir, `${entry.version}.json`), 'utf8')) as { version?: unknown } | null;
      if (artifact?.version !== entry.version) throw new Error(`artifact says version ${String(artifact?.version)}`);
      versions.push({ entry, artifact });
    } catch (error) {
      skipped.push({ version: entry.version, reason: (error as Error).message });
    }
  }
  const { added, activated } = await seedModelVersions(em, versions, registry.active, now, registry.activationReason ?? null);
  return { added, activated, skipped, unreadable: null };
}
