import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The ml/ folder, found from this file whether it runs from ml/src (tests) or dist/ml/src (compiled CLI/server).
function findMlRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'ml');
    if (existsSync(join(candidate, 'contracts', 'return_case_features.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return resolve('ml');
    dir = parent;
  }
}

export const ML_ROOT = findMlRoot();
export const REPO_ROOT = dirname(ML_ROOT);

export const DEFAULT_PATHS = {
  contract: join(ML_ROOT, 'contracts', 'return_case_features.json'),
  registry: join(ML_ROOT, 'registry', 'model_registry.json'),
  modelsDir: join(ML_ROOT, 'models'),
  reportsDir: join(ML_ROOT, 'reports'),
  dataset: join(ML_ROOT, 'data', 'escalation-cases.csv'),
} as const;

/** A path as written into committed files and messages: relative to the repository, with forward slashes. */
export function displayPath(path: string): string {
  const rel = relative(REPO_ROOT, resolve(path));
  return (rel.startsWith('..') ? resolve(path) : rel).split('\\').join('/');
}
