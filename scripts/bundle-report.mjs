#!/usr/bin/env node
// After `vite build`: how much JavaScript the sign-in page needs before it can render, gzipped, from Vite's
// manifest. That is the app entry with everything it imports statically, plus the sign-in route's lazy chunk
// with its own static imports (React.lazy fetches it at once on /login). Over budget → exit 1, failing the build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const dist = join(root, 'client', 'dist');
export const BUDGET_BYTES = 150 * 1024;
const APP_ENTRY = 'index.html';
const SIGN_IN_ROUTE = 'src/features/auth/LoginPage.tsx';
const GRAPHIQL_ENTRY = 'graphiql.html';

const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipped = new Map();
const gzipSize = (file) => {
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length);
  return gzipped.get(file);
};

/** The manifest keys a chunk needs before it runs: itself and its static imports, transitively. */
function staticClosure(key, into = new Set()) {
  if (into.has(key)) return into;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the Vite manifest; update scripts/bundle-report.mjs.`);
  into.add(key);
  for (const imported of chunk.imports ?? []) staticClosure(imported, into);
  return into;
}

const jsBytes = (keys) => [...keys].reduce((sum, key) => sum + gzipSize(manifest[key].file), 0);
const cssBytes = (keys) => {
  const files = new Set([...keys].flatMap((key) => manifest[key].css ?? []));
  return [...files].reduce((sum, file) => sum + gzipSize(file), 0);
};

const entry = staticClosure(APP_ENTRY);
const signIn = staticClosure(SIGN_IN_ROUTE, new Set(entry));
const entryJs = jsBytes(entry);
const signInJs = jsBytes(signIn);
const graphiql = manifest[GRAPHIQL_ENTRY] ? jsBytes(staticClosure(GRAPHIQL_ENTRY)) : 0;

console.log('Bundle report (gzip -9):');
console.log(`  app entry + static imports        ${kb(entryJs).padStart(9)}  (${entry.size} chunks)`);
console.log(`  + sign-in route chunk(s)          ${kb(signInJs - entryJs).padStart(9)}`);
console.log(`  = sign-in page initial JS         ${kb(signInJs).padStart(9)}  budget ${kb(BUDGET_BYTES)}`);
console.log(`  sign-in page CSS                  ${kb(cssBytes(signIn)).padStart(9)}`);
if (graphiql) console.log(`  /graphiql JS (separate page)      ${kb(graphiql).padStart(9)}`);

if (signInJs > BUDGET_BYTES) {
  console.error(`✗ The sign-in page needs ${kb(signInJs)} of JavaScript gzipped, over the ${kb(BUDGET_BYTES)} budget.`);
  console.error('  Move what it does not need behind React.lazy, or drop a dependency.');
  process.exit(1);
}
