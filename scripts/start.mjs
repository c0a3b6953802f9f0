#!/usr/bin/env node
// `npm start`: builds what is out of date (server incrementally, web app when its sources changed), then runs
// the product in this process so Ctrl-C reaches it directly.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, root } from './build.mjs';

const workerOnly = process.argv.includes('--worker-only');
const seedOnly = process.argv.includes('--seed-only');
build({ client: !workerOnly && !seedOnly });
process.argv = [process.argv[0], 'returnhub', ...process.argv.slice(2)];
await import(pathToFileURL(join(root, 'dist/server/src/main.js')).href);
