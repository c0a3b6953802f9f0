// The escalation-risk scorer's throughput in process, as the server scores a case: the active model built by
// scorerFromArtifact (what the server's RiskModel calls with the database's copy of the artifact; here the registry's
// file), and one score() call per case whose result is kept, as the server keeps it to store it.
//
// The inputs are shaped as the server's: featureSourceOf builds every case with one object literal, so they share one
// hidden class. The ml generator's rows do not (20,000 rows had 19,992 hidden classes): scored directly, as this bench
// did until issue 21's last point, they measured V8's lookups of unknown shapes more than the scorer (half the speed).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { type CaseFeatureSource, type LoadedScorer, type RiskResult, type RiskScorer, fallbackScorer, generateCases, readRegistryFile, scorerFromArtifact } from '../ml/src/index.js';
import { projectRoot } from '../server/src/config.js';

export interface RiskThroughput {
  modelVersion: string;
  fallback: boolean;
  cases: number;
  /** Wall-clock time of the measured passes. */
  seconds: number;
  /** Cases per wall-clock second: on a shared machine, also how much of a core the scheduler gave the bench. */
  casesPerSecond: number;
  // The next three are absent from reports written before issue 21's last point (wall-clock time only).
  /** This process's CPU time (user + system, every thread: garbage collection included) over the same passes. */
  cpuSeconds?: number;
  /** Cases per CPU-second: the scorer's own speed, whatever else the machine runs. The target is judged on this. */
  casesPerCpuSecond?: number;
  /** The 1-minute load average when the measurement ended. */
  loadAverage?: number;
}

const WARM_UP_SECONDS = 0.5;
const ROWS = 20_000;
// The last few results stay referenced, as the server holds a result until its row is written: score() must build
// it all (an optimiser may drop what nobody reads), and it dies young, like the server's. Keeping many more (1,024)
// cost 10 % more CPU per case: the collector then copies the live ones on every scavenge.
const KEPT = 16;

/** Scores every source once, keeping the recent results; the sum of the scores (finite only if every score is). */
function scoreAll(scorer: RiskScorer, sources: readonly CaseFeatureSource[], kept: RiskResult[]): number {
  let sum = 0;
  for (let i = 0; i < sources.length; i += 1) {
    const result = scorer.score(sources[i]);
    kept[i % KEPT] = result;
    sum += result.score;
  }
  return sum;
}

/** The registry's active model, loaded as the server loads it (RiskModel); the heuristic says why when it cannot be. */
function activeScorer(): LoadedScorer {
  const { active } = readRegistryFile(join(projectRoot, 'ml/registry/model_registry.json'));
  if (!active) return fallbackScorer('no active model in the registry');
  return scorerFromArtifact(JSON.parse(readFileSync(join(projectRoot, 'ml/models', `${active}.json`), 'utf8')), active);
}

export function measureRiskScoring(seconds: number): RiskThroughput {
  const scorer = activeScorer();
  // The generator's rows without their label, copied: the copies share one hidden class, like the server's inputs.
  const sources: CaseFeatureSource[] = generateCases({ rows: ROWS, seed: 9 }).map(({ escalated: _label, ...source }) => source);
  const kept: RiskResult[] = [];

  // Warm-up: long enough for the optimising compiler to settle (it does within about 0.1 s of CPU here), not one pass.
  const warmUpEnd = process.hrtime.bigint() + BigInt(WARM_UP_SECONDS * 1e9);
  while (process.hrtime.bigint() < warmUpEnd) scoreAll(scorer, sources, kept);

  let cases = 0;
  let scores = 0;
  const cpuAtStart = process.cpuUsage();
  const started = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    scores += scoreAll(scorer, sources, kept);
    cases += sources.length;
    elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  }
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (!Number.isFinite(scores)) throw new Error('scores are not finite');
  return {
    modelVersion: scorer.modelVersion,
    fallback: scorer.isFallback,
    cases,
    seconds: elapsed,
    casesPerSecond: cases / elapsed,
    cpuSeconds,
    casesPerCpuSecond: cases / cpuSeconds,
    loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
  };
}
