import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The product's real entry (`node dist/server/src/main.js …`) in a process of its own; build it first (buildServerOnce). */
export interface MainProcess {
  child: ChildProcess;
  /** What it printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves once the output contains `text` (rejects when the process exits first, or after `timeoutMs`). */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` and resolves when the process is gone, with how long that took. */
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

/** A data folder the embedded PostgreSQL (run as the `postgres` user under root) can enter. */
export function tempDataDir(prefix = 'returnhub-process-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export function startMain(args: string[], env: Record<string, string>): MainProcess {
  const child = spawn(process.execPath, [join(root, 'dist', 'server', 'src', 'main.js'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1', WORKER_CONCURRENCY: '2', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => text,
    exited,
    waitFor(expected, timeoutMs = 60_000) {
      const matches = () => (typeof expected === 'string' ? text.includes(expected) : expected.test(text));
      return new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          listeners.delete(check);
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        };
        const check = () => matches() && done();
        const timer = setTimeout(() => done(new Error(`timed out after ${timeoutMs} ms waiting for ${expected}; output:\n${text}`)), timeoutMs);
        listeners.add(check);
        void exited.then(({ code, signal }) => !matches() && done(new Error(`exited (${code ?? signal}) before printing ${expected}; output:\n${text}`)));
        check();
      });
    },
    async kill(signal) {
      const started = Date.now();
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const result = await exited;
      return { ...result, ms: Date.now() - started };
    },
  };
}

/** The HTTP address a ready process printed ("Web app   http://localhost:PORT"). */
export function printedUrl(output: string): string {
  const match = /Web app\s+http:\/\/localhost:(\d+)/.exec(output);
  if (!match) throw new Error(`no address in the output:\n${output}`);
  return `http://127.0.0.1:${match[1]}`;
}

/** The pid of the embedded PostgreSQL running on `${dataDir}/pg`, if any. */
export function postmasterPid(dataDir: string): number | undefined {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
