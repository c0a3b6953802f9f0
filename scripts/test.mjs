#!/usr/bin/env node
// `npm test`: the whole suite — ml, server and cross-cutting API tests, client components, and the end-to-end
// tests in Chromium against the built web app. Extra arguments go to vitest (e.g. `npm test -- --project server`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildClient, clientIsStale, root } from './build.mjs';

const args = process.argv.slice(2);
const runsE2e = !args.includes('--project') || args.some((a, i) => args[i - 1] === '--project' && a === 'e2e');
if (runsE2e) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.error(`The end-to-end tests need Chromium at ${chromium}. Install it with \`apt-get install chromium\` (CI does this in .ci/run) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  if (clientIsStale()) buildClient();
}
const result = spawnSync(join(root, 'node_modules/.bin/vitest'), ['run', ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
