#!/usr/bin/env node
// `npm test`: the whole suite — ml, server and cross-cutting API tests, client components, and the end-to-end
// tests in Chromium against the built web app. Extra arguments go to vitest (e.g. `npm test -- --project server`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClient, buildServer, clientIsStale, root } from './build.mjs';

const args = process.argv.slice(2);
const runsProject = (name) => !args.includes('--project') || args.some((a, i) => args[i - 1] === '--project' && a === name);
const runsE2e = runsProject('e2e');
// Tests that spawn the real entry point (tests/faults/process-lifecycle.test.ts, the worker-crash tests) run
// dist/server/src/main.js: compile it first (incremental: a second or two when nothing changed), also on a fresh clone.
if (runsProject('server')) buildServer();
if (runsE2e) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.error(`The end-to-end tests need Chromium at ${chromium}. Install it with \`apt-get install chromium\` (CI does this in .ci/run) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  if (clientIsStale()) buildClient();
}
// The embedded PostgreSQL package installs its own exit hook, which can turn vitest's exit code into 0; the JSON
// report is the source of truth for whether everything passed.
const report = join(mkdtempSync(join(tmpdir(), 'returnhub-test-')), 'report.json');
const result = spawnSync(join(root, 'node_modules/.bin/vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], { cwd: root, stdio: 'inherit' });
let passed = false;
try {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  passed = summary.success === true && summary.numFailedTests === 0 && summary.numTotalTests > 0;
  console.log(`${summary.numPassedTests} passed, ${summary.numFailedTests} failed`);
} catch (error) {
  console.error(`No test report was written (${error instanceof Error ? error.message : error}).`);
}
process.exit(result.status || (passed ? 0 : 1));
