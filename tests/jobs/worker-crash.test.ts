// At-least-once with a real crash: a worker process (the product's own `--worker-only` entry) is SIGKILLed in the
// middle of a refund job — the provider has made the refund, ReturnHub has not recorded the answer — and a new
// worker process takes over. The system converges to one refund at the provider and the case REFUNDED.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedBehaviour } from '../../server/src/modules/payments/simulated/simulated-provider.entities.js';
import { reclaimDeadWorkerJobs, WorkerLeases } from '../../server/src/jobs/worker-liveness.js';
import { createLogger } from '../../server/src/logger.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { deliveredOrder, query, receivedCase, simulatedProvider } from '../helpers/money.js';
import { openRefundWithoutCalling } from '../helpers/refund-setup.js';
import { type TestServer, startTestServer } from '../helpers/test-server.js';
import { type WorkerProcess, buildServerOnce, startWorkerProcess, waitFor } from '../helpers/worker-process.js';

describe('a worker killed in the middle of a refund', () => {
  let server: TestServer;
  const workers: WorkerProcess[] = [];

  beforeAll(() => buildServerOnce(), 300_000);
  afterAll(async () => {
    for (const worker of workers) await worker.kill('SIGKILL');
    await server?.close();
  });

  it('is replaced by a new worker that finishes the job: one provider refund, case REFUNDED', { timeout: 120_000 }, async () => {
    server = await startTestServer();
    const [customer, merchant, admin] = await Promise.all([server.as('customer.one'), server.as('merchant.one'), server.as('admin.demo')]);
    const rc = await receivedCase({ customer, merchant }, await deliveredOrder(server, admin, 'customer.one'));
    const key = `${rc.id}:refund`;
    const env = { DATABASE_URL: server.db.url, SIMULATED_PAYMENTS_WEBHOOK_URL: `${server.url}/webhooks/payments` };
    const providerRows = () => query<{ status: string }>(server.orm, 'select status from simulated_provider_refunds where idempotency_key = ?', [key]);
    const refundRow = async () => (await query<{ state: string; attempts: number; provider_refund_id: string | null }>(server.orm, 'select state, attempts, provider_refund_id from refunds where return_case_id = ?', [rc.id]))[0];
    const caseStatus = async () => (await query<{ status: string }>(server.orm, 'select status from return_cases where id = ?', [rc.id]))[0].status;
    const refundJob = async () => (await query<{ id: string; locked_by: string | null; attempts: number }>(server.orm, "select id, locked_by, attempts from graphile_worker.jobs where task_identifier = 'process_refund'"))[0];

    // The provider will record the refund and then never answer: the worker is stuck right after the money moved.
    await simulatedProvider(server).setBehaviour(SimulatedBehaviour.HANG, { times: 1 });
    const first = startWorkerProcess(env);
    workers.push(first);
    await first.ready;
    await openRefundWithoutCalling(server, rc.id); // committed: REFUND_PENDING, the refund row and its outbox message

    await waitFor('the provider to hold the refund while the job is still running', async () => (await providerRows()).length === 1 && (await refundJob())?.locked_by);
    const { locked_by: deadWorker } = await refundJob();
    expect(await first.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    const killedAt = Date.now();

    // What the crash left: money moved at the provider, nothing recorded by ReturnHub, the job locked by a dead worker.
    expect(await providerRows()).toEqual([{ status: 'pending' }]);
    expect(await refundRow()).toEqual({ state: 'pending', attempts: 1, provider_refund_id: null });
    expect(await caseStatus()).toBe('refund_pending');
    expect(await refundJob()).toMatchObject({ locked_by: deadWorker });

    // A new worker process: it unlocks the dead worker's job (its lease is gone with its connection) and runs it again.
    const second = startWorkerProcess(env);
    workers.push(second);
    await second.ready;
    await waitFor('the job to run again and find the refund at the provider', async () => (await refundRow())?.provider_refund_id, 60_000, 200);

    // The provider settles (its own schedule, here asked at once); its webhook reaches the API; the case is refunded.
    await server.orm.em.getConnection().execute("select graphile_worker.add_job(?, '{}'::json)", [TaskName.SETTLE_REFUNDS]);
    await waitFor('the case to be refunded', async () => (await caseStatus()) === 'refunded', 30_000, 200);
    // The dead worker's job is taken back and completed. When the provider's minutely settlement reported the refund
    // first (above), that may come after the case is refunded: wait for it before stopping the new worker.
    await waitFor('the dead worker’s job to be taken back and completed', async () => !(await refundJob()), 60_000, 200);
    // Taken back within the reclaim grace (5 s) plus one reclaim round (10 s) of the new worker's start, not 4 hours.
    expect(Date.now() - killedAt).toBeLessThan(50_000);
    // An orderly stop on SIGTERM (what a deploy sends): exit code 0.
    expect(await second.kill('SIGTERM'), second.output()).toEqual({ code: 0, signal: null });

    expect(await providerRows()).toEqual([{ status: 'succeeded' }]);
    // One refund at the provider for this case, under any key (a second key would be `<caseId>:refund:2`).
    expect(await query(server.orm, 'select count(*)::int as n from simulated_provider_refunds where idempotency_key like ?', [`${rc.id}:%`])).toEqual([{ n: 1 }]);
    // Two attempts: the one cut short and the new worker's. One, when the provider's minutely settlement (a cron job
    // either worker may run) reported the refund by webhook before the new worker's attempt: also paid once.
    const refund = await refundRow();
    expect(refund.state).toBe('succeeded');
    expect([1, 2]).toContain(refund.attempts);
    expect(await query(server.orm, "select count(*)::int as n from case_events where return_case_id = ? and to_status = 'refunded'", [rc.id])).toEqual([{ n: 1 }]);
    expect(await refundJob()).toBeUndefined(); // completed
  });
});

describe('reclaiming the jobs of dead workers', () => {
  it('unlocks only the jobs of workers whose lease is gone and whose lock is not brand new', async () => {
    const server = await startTestServer();
    const pool = new pg.Pool({ connectionString: server.db.url, max: 2 });
    const leases = new WorkerLeases(server.db.url, createLogger('silent'));
    try {
      await leases.start();
      await leases.hold('worker-alive');
      const lock = async (workerId: string, agoSeconds: number) => {
        const { rows } = await pool.query<{ id: string }>("select id from graphile_worker.add_job('relay_outbox', '{}'::json)");
        await pool.query("update graphile_worker._private_jobs set locked_by = $1, locked_at = now() - make_interval(secs => $2) where id = $3", [workerId, agoSeconds, rows[0].id]);
      };
      await lock('worker-dead', 60);
      await lock('worker-alive', 60);
      await lock('worker-just-started', 0);

      expect(await reclaimDeadWorkerJobs(pool)).toEqual(['worker-dead']);
      const { rows } = await pool.query<{ locked_by: string | null }>("select locked_by from graphile_worker._private_jobs where task_id = (select id from graphile_worker._private_tasks where identifier = 'relay_outbox') order by id");
      expect(rows.map((r) => r.locked_by)).toEqual([null, 'worker-alive', 'worker-just-started']);

      // A lease connection that drops while its process lives comes back and takes the leases again.
      const leaseHolders = async () =>
        (await pool.query<{ pid: number }>("select l.pid from pg_locks l join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' and a.application_name = 'returnhub-worker-lease' and a.datname = current_database()")).rows.map((r) => r.pid);
      const [before] = await leaseHolders();
      await pool.query('select pg_terminate_backend($1)', [before]);
      await waitFor('the lease to be taken again on a new connection', async () => {
        const pids = await leaseHolders();
        return pids.length === 1 && pids[0] !== before;
      }, 10_000);
      expect(await reclaimDeadWorkerJobs(pool)).not.toContain('worker-alive');

      // The live worker's lease ends with its connection: then its jobs are reclaimed too.
      await leases.stop();
      expect(await reclaimDeadWorkerJobs(pool)).toContain('worker-alive');
    } finally {
      await leases.stop();
      await pool.end();
      await server.close();
    }
  });
});
