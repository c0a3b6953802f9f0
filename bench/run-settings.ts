// The bench run's settings from the command line (see bench/README.md), its output helpers, and the state its parts
// share: where the server children log and store files, and the embedded PostgreSQL's postmaster.
import { createWriteStream, mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { projectRoot } from '../server/src/config.js';
import { parseArgs } from './args.js';
import { DEFAULT_SEED } from './database.js';

export const args = parseArgs(process.argv.slice(2), {
  quick: false,
  cases: 0,
  seed: DEFAULT_SEED,
  duration: 0,
  warmup: 0,
  connections: '1,32',
  only: '',
  out: '',
  depth: 0,
  profile: '',
  worker: false,
});
export const quick = args.quick;
export const cases = args.cases || (quick ? 10_000 : 1_000_000);
export const duration = args.duration || (quick ? 1 : 10);
export const warmup = args.warmup || (quick ? 1 : 3);
export const connectionCounts = args.connections.split(',').map(Number);
export const only = new Set(args.only ? args.only.split(',') : []);
export const wanted = (name: string) => only.size === 0 || only.has(name);
// In CI the report goes to a temporary directory, so a CI run never leaves files in the work tree.
export const outDir = args.out ? resolve(args.out) : process.env.CI ? mkdtempSync(join(os.tmpdir(), 'returnhub-bench-')) : join(projectRoot, 'bench/results');
export const say = (line: string) => process.stdout.write(`${line}\n`);
export const benchStartedAt = Date.now();
/** Time since the bench started, as [m:ss], at the head of each section: where a run spends its minutes. */
export const elapsed = () => {
  const seconds = Math.round((Date.now() - benchStartedAt) / 1000);
  return `[${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}]`;
};
const childLogPath = join(os.tmpdir(), `returnhub-bench-server-${process.pid}.log`);
export const childLog = createWriteStream(childLogPath);
// Where the server children store uploaded files (local disk, the product's default driver); removed at the end.
export const filesDir = mkdtempSync(join(os.tmpdir(), 'returnhub-bench-files-'));
// The embedded PostgreSQL's postmaster, whose CPU each run counts (null with BENCH_DATABASE_URL).
export let postmasterPid: number | null = null;
export function setPostmasterPid(pid: number | null): void {
  postmasterPid = pid;
}
