import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * A worker process proves it is alive by touching a file after each successful database round trip, and
 * `main.js --healthcheck` (the container's health check) passes only while that file is fresh. A worker whose
 * event loop is stuck, or that cannot reach PostgreSQL, goes unhealthy within HEARTBEAT_STALE_MS.
 */
/** One file per host (container) and data folder, so replicas sharing a volume do not vouch for each other. */
export const heartbeatFile = (dataDir: string): string => join(dataDir, `worker-${hostname()}.heartbeat`);
export const HEARTBEAT_INTERVAL_MS = 10_000;
export const HEARTBEAT_STALE_MS = 45_000;

export interface Heartbeat {
  stop(): void;
}

export function startHeartbeat(file: string, probe: () => Promise<unknown>, onError: (error: unknown) => void): Heartbeat {
  mkdirSync(join(file, '..'), { recursive: true });
  const beat = async () => {
    try {
      await probe();
      writeFileSync(file, `${process.pid} ${new Date().toISOString()}\n`);
    } catch (error) {
      onError(error);
    }
  };
  void beat();
  const timer = setInterval(() => void beat(), HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      rmSync(file, { force: true });
    },
  };
}

/** The health check's verdict: null when healthy, else why not. */
export function heartbeatProblem(file: string, now = Date.now()): string | null {
  try {
    const age = now - statSync(file).mtimeMs;
    if (age > HEARTBEAT_STALE_MS) return `the worker's last heartbeat is ${Math.round(age / 1000)} s old (${readFileSync(file, 'utf8').trim()})`;
    return null;
  } catch {
    return 'no worker heartbeat yet';
  }
}
