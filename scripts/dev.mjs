#!/usr/bin/env node
// `npm run dev`: the API (built and restarted by you when server code changes) and Vite's dev server with hot
// reload for the web app on http://localhost:5173, which proxies /graphql and /files to the API.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from './build.mjs';

const children = [
  spawn(process.execPath, [join(root, 'scripts/start.mjs')], { cwd: root, stdio: 'inherit', env: { ...process.env } }),
  spawn(join(root, 'node_modules/.bin/vite'), ['--config', 'client/vite.config.ts'], { cwd: root, stdio: 'inherit' }),
];
const stop = (signal) => {
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const child of children) child.on('exit', (code) => { stop('SIGTERM'); process.exitCode ??= code ?? 0; });
