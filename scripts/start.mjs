#!/usr/bin/env node
// `npm start` (API + worker + web app), `npm run api` (--api-only), `npm run worker` (--worker-only), `npm run seed`:
// builds what is out of date (server incrementally, web app when its sources changed), then runs the product in this
// process so Ctrl-C reaches it directly.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clearInterval, setInterval } from 'node:timers';
import { build, root } from './build.mjs';

const workerOnly = process.argv.includes('--worker-only');
const seedOnly = process.argv.includes('--seed-only');
build({ client: !workerOnly && !seedOnly });
process.argv = [process.argv[0], 'returnhub', ...process.argv.slice(2)];

// Run by npm: npm forwards SIGINT/SIGTERM to us, but if npm itself is killed (kill -9) nothing tells us. Once we are
// re-parented, stop as if told to, so the embedded PostgreSQL is not left running behind a process nobody owns.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  const orphanWatch = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(orphanWatch);
      process.kill(process.pid, 'SIGTERM');
    }
  }, 1_000);
  orphanWatch.unref();
}
await import(pathToFileURL(join(root, 'dist/server/src/main.js')).href);
