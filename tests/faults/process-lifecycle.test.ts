// Start-up robustness (issue #18), with the real built entry `node dist/server/src/main.js` in temporary data folders:
// a kill -9 leaves the embedded PostgreSQL running and the next start on the same folder takes over; a second start
// while the first runs is refused; instances on different folders run side by side with no port settings; SIGTERM
// stops everything within 10 s; a taken HTTP port is named; `--api-only` runs no worker.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type MainProcess, isAlive, postmasterPid, printedUrl, startMain, tempDataDir } from '../helpers/main-process.js';
import { PRODUCTION_ENV } from '../helpers/production-env.js';
import { type TestDatabase, createTestDatabase } from '../helpers/test-db.js';
import { buildServerOnce, waitFor } from '../helpers/worker-process.js';

const READY = /Health\s+http/;
// Generous: on a loaded machine a start takes many times its usual 2-10 s. The assertions that matter (SIGTERM
// within 10 s) keep their limit.
const STARTS_WITHIN_MS = 150_000;
const TEST_MS = 240_000;
const healthcheckJs = join(import.meta.dirname, '..', '..', 'dist', 'server', 'src', 'worker-healthcheck.js');

/** The processes and data folders of one test (tests run concurrently: each cleans up only its own). */
function session() {
  const running: MainProcess[] = [];
  const dirs: string[] = [];
  return {
    start(args: string[], env: Record<string, string>): MainProcess {
      const main = startMain(args, env);
      running.push(main);
      return main;
    },
    dataDir(): string {
      const dir = tempDataDir();
      dirs.push(dir);
      return dir;
    },
    async close(): Promise<void> {
      for (const main of running) await main.kill('SIGKILL');
      // A PostgreSQL orphaned by a SIGKILLed process: stop it, so nothing outlives the test.
      for (const dir of dirs) {
        const pid = postmasterPid(dir);
        if (pid && isAlive(pid)) {
          process.kill(pid, 'SIGINT');
          await waitFor(`PostgreSQL ${pid} to stop`, async () => !isAlive(pid), 15_000).catch(() => process.kill(pid, 'SIGKILL'));
        }
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
type Session = ReturnType<typeof session>;

/** Runs `body` with a session of its own (and a database of its own when asked), cleaning up whatever happens. */
async function withSession(body: (t: Session, db: TestDatabase | undefined) => Promise<void>, options: { database?: boolean } = {}): Promise<void> {
  const t = session();
  const db = options.database ? await createTestDatabase({ empty: true }) : undefined;
  try {
    await body(t, db);
  } finally {
    await t.close();
    await db?.drop();
  }
}

// Concurrent: most of the time is spent waiting for processes to start and stop.
describe.concurrent('process lifecycle', () => {
  beforeAll(() => buildServerOnce(), 300_000);

  it('after kill -9 the next start on the same data folder succeeds; while one runs, a second start is refused', () => withSession(async (t) => {
    const dir = t.dataDir();
    const start = t.start;
    const first = start([], { DATA_DIR: dir });
    await first.waitFor(READY, STARTS_WITHIN_MS);

    const second = start([], { DATA_DIR: dir });
    expect((await second.exited).code).not.toBe(0);
    expect(second.output()).toMatch(new RegExp(`Another ReturnHub process \\(pid ${first.child.pid}\\) is running on ${dir}`));
    expect((await fetch(`${printedUrl(first.output())}/healthz`)).status).toBe(200);

    const orphan = postmasterPid(dir)!;
    await first.kill('SIGKILL');
    expect(isAlive(orphan)).toBe(true); // the embedded PostgreSQL outlives a kill -9: the next start must deal with it

    const third = start([], { DATA_DIR: dir });
    await third.waitFor(READY, STARTS_WITHIN_MS);
    expect(isAlive(orphan)).toBe(false);
    expect((await fetch(`${printedUrl(third.output())}/readyz`)).status).toBe(200);

    const stopped = await third.kill('SIGTERM');
    expect(stopped.ms).toBeLessThan(10_000);
    const pid = postmasterPid(dir);
    expect(pid === undefined || !isAlive(pid)).toBe(true);
  }), TEST_MS);

  it('runs two instances side by side on free ports with no port settings', () => withSession(async (t) => {
    const [dirA, dirB] = [t.dataDir(), t.dataDir()];
    const start = t.start;
    const a = start([], { DATA_DIR: dirA });
    const b = start([], { DATA_DIR: dirB });
    await Promise.all([a.waitFor(READY, STARTS_WITHIN_MS), b.waitFor(READY, STARTS_WITHIN_MS)]);
    const ports = [dirA, dirB].map((dir) => readFileSync(join(dir, 'pg.port'), 'utf8').trim());
    expect(ports[0]).not.toBe(ports[1]);
    expect(printedUrl(a.output())).not.toBe(printedUrl(b.output()));
    for (const main of [a, b]) expect((await fetch(`${printedUrl(main.output())}/readyz`)).status).toBe(200);
    const [stopA, stopB] = await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
    expect(Math.max(stopA.ms, stopB.ms)).toBeLessThan(10_000);
  }), TEST_MS);

  describe('on DATABASE_URL, in production', () => {
    // Each test on a database of its own (the cron schedule a worker registers must not leak into the API-only test).
    const production = (t: Session, db: TestDatabase | undefined) => ({ ...PRODUCTION_ENV, DATABASE_URL: db!.url, DATA_DIR: t.dataDir() });

    it('stops API + worker within 10 s of SIGTERM', () => withSession(async (t, db) => {
      const all = t.start([], production(t, db));
      await all.waitFor(READY, STARTS_WITHIN_MS);
      expect(all.output()).toContain('Job worker running');
      const stopped = await all.kill('SIGTERM');
      expect(stopped.ms).toBeLessThan(10_000);
      expect(stopped.code).toBe(0); // an orderly stop, not the forced exit at 9 s
      expect(all.output()).toContain('Stopped.');
    }, { database: true }), TEST_MS);

    it('names an HTTP port that is taken', () => withSession(async (t, db) => {
      const blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const port = (blocker.address() as AddressInfo).port;
      try {
        const main = t.start([], { ...production(t, db), PORT: String(port) });
        expect((await main.exited).code).toBe(1);
        expect(main.output()).toContain(`Start-up failed: Port ${port} is in use (set PORT)`);
      } finally {
        blocker.close();
      }
    }, { database: true }), TEST_MS);

    it('--api-only serves the API without any worker; --worker-only reports its health', () => withSession(async (t, db) => {
      const env = production(t, db);
      const api = t.start(['--api-only'], env);
      await api.waitFor(READY, STARTS_WITHIN_MS);
      expect(api.output()).not.toContain('Job worker running');
      expect((await fetch(`${printedUrl(api.output())}/readyz`)).status).toBe(200);
      const workers = await db!.orm.em.getConnection().execute<Array<{ n: number }>>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'returnhub-worker'`,
      );
      expect(workers[0]!.n).toBe(0);
      const cron = await db!.orm.em.getConnection().execute<Array<{ n: number }>>(`select count(*)::int as n from graphile_worker._private_known_crontabs`);
      expect(cron[0]!.n).toBe(0);

      const healthcheck = () => spawnSync(process.execPath, [healthcheckJs], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
      expect(healthcheck().status).toBe(1);
      const worker = t.start(['--worker-only'], env);
      await worker.waitFor('Job worker running', STARTS_WITHIN_MS);
      await waitFor('a healthy worker', async () => healthcheck().status === 0, 60_000);
      expect((await worker.kill('SIGTERM')).ms).toBeLessThan(10_000);
      expect(healthcheck().status).toBe(1);
      expect((await api.kill('SIGTERM')).ms).toBeLessThan(10_000);
    }, { database: true }), TEST_MS);
  });
});
