#!/usr/bin/env node
// Builds what `npm start` needs, and only what is out of date:
//  - the server, ml and seeds with `tsc` (incremental; a no-change run takes a second or two);
//  - the web app with Vite, when a client source or the schema is newer than the last build.
// `--force` rebuilds both. Used by scripts/start.mjs and scripts/run.mjs, and runnable alone (`npm run build`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function run(label, command, args) {
  const started = Date.now();
  process.stdout.write(`• ${label}…\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`✗ ${label} failed (exit ${result.status}).\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`✓ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

export function buildServer() {
  run('Compiling server, ml and seeds (tsc, incremental)', bin('tsc'), ['-p', 'tsconfig.build.json']);
}

export function clientIsStale() {
  const built = join(root, 'client', 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const sources = ['client/src', 'client/index.html', 'client/graphiql.html', 'client/vite.config.ts', 'client/build', 'client/public']
    .map((p) => newestMtime(join(root, p)));
  return Math.max(...sources) > builtAt;
}

export function buildClient() {
  run('Building the web app (vite)', bin('vite'), ['build', '--config', 'client/vite.config.ts', '--logLevel', 'warn']);
  // Prints what the sign-in page loads and fails the build when it is over budget.
  run('Checking the sign-in page bundle budget', process.execPath, [join(root, 'scripts', 'bundle-report.mjs')]);
}

export function build({ force = false, client = true } = {}) {
  buildServer();
  if (client && (force || clientIsStale())) buildClient();
  else if (client) process.stdout.write('✓ Web app is up to date\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build({ force: process.argv.includes('--force') });
}
