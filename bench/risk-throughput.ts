// The escalation-risk scorer's throughput in process: the active model (as the server loads it) over cases from the
// ml package's seeded generator, one score() call per case, as the server calls it.
import { join } from 'node:path';
import { generateCases, loadScorer } from '../ml/src/index.js';
import { projectRoot } from '../server/src/config.js';

export interface RiskThroughput {
  modelVersion: string;
  fallback: boolean;
  cases: number;
  seconds: number;
  casesPerSecond: number;
}

export function measureRiskScoring(seconds: number): RiskThroughput {
  const scorer = loadScorer({ registryPath: join(projectRoot, 'ml/registry/model_registry.json'), modelsDir: join(projectRoot, 'ml/models') });
  const sources = generateCases({ rows: 20_000, seed: 9 });
  // Warm up the JIT, then count whole passes for about `seconds`.
  for (const source of sources) scorer.score(source);
  let scored = 0;
  let sink = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    for (const source of sources) sink += scorer.score(source).score;
    scored += sources.length;
    elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  }
  if (!Number.isFinite(sink)) throw new Error('scores are not finite');
  return { modelVersion: scorer.modelVersion, fallback: scorer.isFallback, cases: scored, seconds: elapsed, casesPerSecond: scored / elapsed };
}
