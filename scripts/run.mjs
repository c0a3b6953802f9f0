#!/usr/bin/env node
// Runs a TypeScript entry point of the server, ml or seeds from its compiled output:
//   node scripts/run.mjs ml/src/cli.ts train --seed 7
// The TypeScript is compiled with tsc first (incremental), because type-graphql and MikroORM need the
// decorator metadata that tsc emits (see the README).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServer, root } from './build.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry || !entry.endsWith('.ts')) {
  console.error('usage: node scripts/run.mjs <path/to/entry.ts> [args…]');
  process.exit(2);
}
if (!process.env.RETURNHUB_SKIP_BUILD) buildServer();
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(join(root, 'dist', entry.replace(/\.ts$/, '.js'))).href);
