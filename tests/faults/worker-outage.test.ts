// Issue #18: a database outage that crosses a minute boundary used to kill the worker process: graphile-worker's
// cron loop cannot schedule the tick, its runner stops, and a `.finally()` chain inside graphile-worker leaves a
// rejected promise nobody handles (Node exits on those). Now the process guard logs that rejection, the supervisor
// notices the runner's end, and starts a new runner once the database answers; jobs run again.
//
// Staged with a TCP proxy between the worker and PostgreSQL; the outage lasts until the runner has failed (at the
// next minute boundary, so this test takes up to a minute).
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningWorker, startWorker } from '../../server/src/jobs/worker.js';
import { createLogger } from '../../server/src/logger.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { installProcessGuards } from '../../server/src/shared/process-guards.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { type TestServer, startTestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/worker-process.js';

describe('faults: the worker through a database outage', () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let worker: RunningWorker | undefined;
  let restoreListeners: () => void = () => undefined;

  beforeEach(async () => {
    server = await startTestServer({ empty: true });
  });
  afterEach(async () => {
    restoreListeners();
    await proxy?.close();
    await worker?.stop();
    await server.close();
  });

  it('survives the runner failing on a cron tick, restarts it when the database is back, and runs jobs again', async () => {
    const lines: Array<{ msg: string }> = [];
    const logger = createLogger('warn', {}, new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { msg: string });
        done();
      },
    }));
    // The product's process guard stands in for the test runner's own listener here, as it does in main.ts: with
    // no listener at all, Node would end the process on graphile-worker's unhandled rejection.
    const vitestListeners = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
    const uninstall = installProcessGuards(logger, { exit: (code) => lines.push({ msg: `exit ${code}` }) });
    restoreListeners = () => {
      uninstall();
      for (const listener of vitestListeners) process.on('unhandledRejection', listener);
      restoreListeners = () => undefined;
    };

    const forwarded = await TcpProxy.forUrl(server.db.url);
    proxy = forwarded.proxy;
    worker = await startWorker({ ...server.deps, logger }, { databaseUrl: forwarded.url, orm: server.orm, rescorer: null });
    const firstRunner = worker.runner;
    await proxy.cut();

    await waitFor('the runner to stop on the failed cron tick', async () => lines.some((l) => /job runner stopped with an error/.test(l.msg)), 75_000, 200);
    await waitFor('the unhandled rejection to be logged', async () => lines.some((l) => /unhandled promise rejection/.test(l.msg)), 5_000, 100);
    expect(lines.some((l) => l.msg.startsWith('exit'))).toBe(false);
    await proxy.restore();
    await waitFor('the runner to restart', async () => worker!.supervisor.restarts >= 1, 40_000, 100);
    expect(worker.runner).not.toBe(firstRunner);

    // Jobs run again: one added now is taken and completed by the new runner.
    await worker.runner.addJob(TaskName.RELAY_OUTBOX, {});
    const queued = async () => Number((await server.orm.em.fork().getConnection().execute<Array<{ n: string }>>('select count(*) as n from graphile_worker.jobs'))[0].n);
    await waitFor('the queue to be empty', async () => (await queued()) === 0, 20_000, 200);
  }, 150_000);
});
