// Refunds as background work (SPEC §5, §6): the provider call a refund owes runs from the queue, a failed refund is
// retried every 5 minutes (moved clock, never a real wait) with the same idempotency key, at most 10 times, then the
// case is flagged for ops; whatever happens, the provider pays once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedBehaviour } from '../../server/src/modules/payments/simulated/simulated-provider.entities.js';
import { REFUND_RETRY_INTERVAL_MS, refundRetryJobKey } from '../../server/src/modules/refunds/refund-retries.js';
import { FulfilmentEffects } from '../../server/src/modules/fulfilment/fulfilment-effects.js';
import { SYSTEM_ACTOR } from '../../server/src/modules/returns/actor.js';
import { CaseWorkflow } from '../../server/src/modules/returns/case-workflow.service.js';
import { CasePriority, CaseStatus } from '../../server/src/modules/returns/return-case.enums.js';
import { ReturnCase } from '../../server/src/modules/returns/return-case.entity.js';
import { resolutionDueAt } from '../../server/src/modules/returns/sla.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { CASE, INSPECT, deliveredOrder, passAllItems, providerRefunds, query, receivedCase, simulatedProvider } from '../helpers/money.js';
import { openRefundWithoutCalling } from '../helpers/refund-setup.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';
import { type TestWorker, startTestWorker } from '../helpers/test-worker.js';

const SECOND = 1_000;
const RETRY_STATE = `query R($id: ID!) { returnCase(id: $id) { status priority slaDueAt refundRetries refundRetryDueAt
  internalNotes { body author { id } } } }`;
const RETRY = 'mutation R($id: ID!) { retryRefund(id: $id) { status refundRetries refundRetryDueAt } }';

describe('refund processing and retries in the background', () => {
  let server: TestServer;
  let worker: TestWorker;
  let customer: ApiClient;
  let merchant: ApiClient;
  let ops: ApiClient;

  beforeEach(async () => {
    server = await startTestServer();
    worker = await startTestWorker(server);
    [customer, merchant, ops] = await Promise.all([server.as('customer.one'), server.as('merchant.one'), server.as('ops.demo')]);
  });
  afterEach(async () => {
    await worker.stop();
    await server.close();
  });

  /** A refund case taken to RECEIVED through the API. */
  const received = async () => receivedCase({ customer, merchant }, await deliveredOrder(server, await server.as('admin.demo'), 'customer.one'));
  /** The merchant's passed inspection: REFUND_PENDING, and the request's own first provider call after its commit. */
  const inspectAndPass = async (caseId: string) => merchant.ok(INSPECT, { id: caseId, input: { passed: true, items: await passAllItems(merchant, caseId) } });
  const caseOf = async (id: string) => (await ops.ok(CASE, { id, internals: true })).returnCase;
  const retryStateOf = async (id: string) => (await ops.ok(RETRY_STATE, { id })).returnCase;
  const refundRows = (caseId: string) =>
    query<{ id: string; idempotency_key: string; state: string; attempts: number }>(server.orm, 'select id, idempotency_key, state, attempts from refunds where return_case_id = ? order by created_at', [caseId]);
  // Retries are queued as outbox messages (queueJobs): relayed first, as a running worker does at once.
  const retryJobs = async () => {
    await worker.relay();
    return worker.jobs(TaskName.RETRY_REFUND);
  };
  const eventsOf = async (id: string, type: string) => (await caseOf(id)).timeline.filter((e: any) => e.type === type);

  it('leaves no refund, no outbox message and no job when the change that opens or fails a refund rolls back', async () => {
    const rc = await received();
    await expect(openRefundWithoutCalling(server, rc.id, { rollback: true })).rejects.toThrow('rolled back');
    await worker.relay();
    expect(await refundRows(rc.id)).toEqual([]);
    expect(await query(server.orm, "select id from outbox_messages where topic = 'refund.requested' and case_id = ?", [rc.id])).toEqual([]);
    expect(await worker.jobs(TaskName.PROCESS_REFUND)).toEqual([]);

    // Committed, the same change leaves its job; a REFUND_FAILED that rolls back schedules no retry.
    await openRefundWithoutCalling(server, rc.id);
    await worker.relay();
    expect(await worker.jobs(TaskName.PROCESS_REFUND)).toEqual([expect.objectContaining({ key: `refund:${(await refundRows(rc.id))[0].id}` })]);
    const fail = (rollback: boolean) =>
      server.orm.em.fork().transactional(async (tx) => {
        const row = await tx.findOneOrFail(ReturnCase, rc.id);
        await new CaseWorkflow(tx, null, server.clock, new FulfilmentEffects(server.deps)).applyTransition(tx, row, CaseStatus.REFUND_FAILED, SYSTEM_ACTOR, server.clock.now());
        if (rollback) throw new Error('rolled back');
      });
    await expect(fail(true)).rejects.toThrow('rolled back');
    expect(await retryJobs()).toEqual([]);
    expect(await retryStateOf(rc.id)).toMatchObject({ status: 'REFUND_PENDING', refundRetryDueAt: null });
    await fail(false);
    expect(await retryJobs()).toEqual([expect.objectContaining({ key: refundRetryJobKey(rc.id) })]);
  });

  it('retries a failed refund once, 5 minutes later and not before, with the same key, and pays once', async () => {
    await simulatedProvider(server).setBehaviour(SimulatedBehaviour.UNAVAILABLE, { times: 1 });
    const rc = await received();
    await inspectAndPass(rc.id);
    const failed = await retryStateOf(rc.id);
    expect(failed).toMatchObject({ status: 'REFUND_FAILED', refundRetries: 0 });
    const failedAt = new Date(failed.refundRetryDueAt).getTime() - REFUND_RETRY_INTERVAL_MS;
    expect(await eventsOf(rc.id, 'refund_retry_scheduled')).toEqual([expect.objectContaining({ actorLabel: 'system', payload: expect.objectContaining({ retry: 1, maxRetries: 10 }) })]);
    expect(await retryJobs()).toEqual([expect.objectContaining({ key: refundRetryJobKey(rc.id) })]);

    // The queue's own provider call for this request sees the attempt failed and leaves it to the retry schedule.
    await worker.drainByClock();
    expect(await refundRows(rc.id)).toEqual([expect.objectContaining({ state: 'pending', attempts: 1 })]);
    expect((await retryStateOf(rc.id)).status).toBe('REFUND_FAILED');

    // One second early by the clock: nothing. Even a job run early (clock skew) only re-arms itself.
    server.clock.set(new Date(failedAt + REFUND_RETRY_INTERVAL_MS - SECOND));
    await worker.drainByClock();
    const [early] = await retryJobs();
    await worker.utils.rescheduleJobs([early.id], { runAt: new Date(Date.now() - SECOND) });
    await worker.runDue();
    expect(await retryStateOf(rc.id)).toMatchObject({ status: 'REFUND_FAILED', refundRetries: 0, refundRetryDueAt: failed.refundRetryDueAt });
    expect(await refundRows(rc.id)).toEqual([expect.objectContaining({ attempts: 1 })]);
    expect(await retryJobs()).toHaveLength(1);

    // At 5 minutes: one retry, with the same key; the provider accepts; its settlement confirms.
    server.clock.advance(2 * SECOND);
    await worker.drainByClock();
    expect(await retryStateOf(rc.id)).toMatchObject({ status: 'REFUND_PENDING', refundRetries: 1, refundRetryDueAt: null });
    expect(await refundRows(rc.id)).toEqual([expect.objectContaining({ idempotency_key: `${rc.id}:refund`, state: 'pending', attempts: 2 })]);
    const retried = (await eventsOf(rc.id, 'status_changed')).filter((e: any) => e.toStatus === 'REFUND_PENDING' && e.fromStatus === 'REFUND_FAILED');
    expect(retried).toEqual([expect.objectContaining({ actorLabel: 'system', payload: expect.objectContaining({ automaticRetry: 1, newIdempotencyKey: false }) })]);
    await worker.addJob(TaskName.SETTLE_REFUNDS, {});
    await worker.drainByClock();
    expect((await caseOf(rc.id)).status).toBe('REFUNDED');

    // Later wake-ups change nothing.
    server.clock.advance(REFUND_RETRY_INTERVAL_MS * 3);
    await worker.addJob(TaskName.RETRY_REFUND, { caseId: rc.id });
    await worker.drainByClock();
    expect(await providerRefunds(server.orm)).toEqual([expect.objectContaining({ idempotency_key: `${rc.id}:refund`, status: 'succeeded' })]);
    expect(await refundRows(rc.id)).toEqual([expect.objectContaining({ state: 'succeeded', attempts: 2 })]);
  });

  it('after the 10th failed retry flags the case for ops (URGENT, internal note, by system) and makes no 11th attempt', async () => {
    await simulatedProvider(server).setBehaviour(SimulatedBehaviour.UNAVAILABLE, { times: 12 });
    const rc = await received();
    await inspectAndPass(rc.id);
    const before = await retryStateOf(rc.id);
    for (let retry = 1; retry <= 10; retry++) {
      server.clock.advance(REFUND_RETRY_INTERVAL_MS + SECOND);
      await worker.drainByClock();
      expect(await refundRows(rc.id), `retry ${retry}`).toEqual([expect.objectContaining({ attempts: 1 + retry, state: 'pending' })]);
    }
    const flagged = await retryStateOf(rc.id);
    const [{ sla_clock_started_at: clockStart }] = await query<{ sla_clock_started_at: Date }>(server.orm, 'select sla_clock_started_at from return_cases where id = ?', [rc.id]);
    expect(flagged).toMatchObject({ status: 'REFUND_FAILED', priority: 'URGENT', refundRetries: 10, refundRetryDueAt: null });
    expect(before.priority).not.toBe('URGENT');
    expect(flagged.slaDueAt).toBe(resolutionDueAt(new Date(clockStart), CasePriority.URGENT).toISOString());
    expect(flagged.internalNotes).toEqual([{ author: null, body: expect.stringMatching(/after 10 automatic retries .* no further automatic retry is planned\. Last provider answer: service_unavailable/) }]);
    expect(await eventsOf(rc.id, 'refund_retries_exhausted')).toEqual([expect.objectContaining({ actorLabel: 'system', payload: expect.objectContaining({ retries: 10 }) })]);
    expect(await eventsOf(rc.id, 'priority_changed')).toEqual([expect.objectContaining({ actorLabel: 'system', payload: expect.objectContaining({ to: 'urgent', reason: 'refund_retries_exhausted' }) })]);
    expect(await eventsOf(rc.id, 'internal_note_added')).toEqual([expect.objectContaining({ actorLabel: 'system' })]);
    expect(await eventsOf(rc.id, 'refund_retry_scheduled')).toHaveLength(10);
    expect(await retryJobs()).toEqual([]);
    // The customer sees the retries, not the provider's errors or the note for ops.
    const seenByCustomer = (await customer.ok('query T($id: ID!) { returnCase(id: $id) { timeline { type } } }', { id: rc.id })).returnCase.timeline.map((e: any) => e.type);
    expect(seenByCustomer).toContain('refund_retry_scheduled');
    expect(seenByCustomer).not.toContain('refund_retries_exhausted');
    expect(seenByCustomer).not.toContain('internal_note_added');

    // No 11th automatic attempt, however long we wait or whoever wakes the job.
    server.clock.advance(REFUND_RETRY_INTERVAL_MS * 6);
    await worker.addJob(TaskName.RETRY_REFUND, { caseId: rc.id });
    await worker.drainByClock();
    expect(await refundRows(rc.id)).toEqual([expect.objectContaining({ attempts: 11, idempotency_key: `${rc.id}:refund` })]);

    // Ops take it from here: their retry starts a fresh series (this one fails once more, the next succeeds).
    expect((await ops.ok(RETRY, { id: rc.id })).retryRefund).toMatchObject({ status: 'REFUND_FAILED', refundRetries: 0 });
    server.clock.advance(REFUND_RETRY_INTERVAL_MS + SECOND);
    await worker.drainByClock();
    await worker.addJob(TaskName.SETTLE_REFUNDS, {});
    await worker.drainByClock();
    expect((await caseOf(rc.id)).status).toBe('REFUNDED');
    expect(await providerRefunds(server.orm)).toEqual([expect.objectContaining({ idempotency_key: `${rc.id}:refund`, status: 'succeeded' })]);
  });

  it('pays exactly once when the provider recovers on the 4th attempt, after an answer that was lost', async () => {
    const provider = simulatedProvider(server);
    await provider.setBehaviour(SimulatedBehaviour.UNAVAILABLE, { times: 2 });
    await provider.setBehaviour(SimulatedBehaviour.TIMEOUT, { times: 1 }); // the provider makes the refund; we never hear
    const rc = await received();
    await inspectAndPass(rc.id);
    for (let retry = 1; retry <= 3; retry++) {
      server.clock.advance(REFUND_RETRY_INTERVAL_MS + SECOND);
      await worker.drainByClock();
    }
    expect(await retryStateOf(rc.id)).toMatchObject({ status: 'REFUND_PENDING', refundRetries: 3 });
    await worker.addJob(TaskName.SETTLE_REFUNDS, {});
    await worker.drainByClock();
    const done = await caseOf(rc.id);
    expect(done.status).toBe('REFUNDED');
    expect(done.refunds).toEqual([expect.objectContaining({ idempotencyKey: `${rc.id}:refund`, state: 'SUCCEEDED', attempts: 4 })]);
    expect(await providerRefunds(server.orm)).toEqual([expect.objectContaining({ idempotency_key: `${rc.id}:refund`, status: 'succeeded' })]);
    expect((await retryStateOf(rc.id)).internalNotes).toEqual([]);
  });

  it('keeps ops retries and automatic retries from both running: one waiting retry, one payment', async () => {
    await simulatedProvider(server).setBehaviour(SimulatedBehaviour.UNAVAILABLE, { times: 2 });
    const rc = await received();
    await inspectAndPass(rc.id);
    const [scheduled] = await retryJobs();

    // Ops retry 2 minutes in, and it fails again: the waiting automatic retry is replaced (same key), not doubled.
    server.clock.advance(2 * 60 * SECOND);
    expect((await ops.ok(RETRY, { id: rc.id })).retryRefund.status).toBe('REFUND_FAILED');
    const [rescheduled, ...others] = await retryJobs();
    expect(others).toEqual([]);
    expect(rescheduled.key).toBe(scheduled.key);
    const { refundRetryDueAt } = await retryStateOf(rc.id);
    expect(new Date(refundRetryDueAt).getTime()).toBeGreaterThan(server.clock.now().getTime() + REFUND_RETRY_INTERVAL_MS - SECOND);

    // At the original time nothing happens; at the new one the retry succeeds.
    server.clock.advance(REFUND_RETRY_INTERVAL_MS - 2 * 60 * SECOND + SECOND);
    await worker.drainByClock();
    expect((await retryStateOf(rc.id)).status).toBe('REFUND_FAILED');
    server.clock.advance(2 * 60 * SECOND);
    await worker.drainByClock();
    expect((await retryStateOf(rc.id)).status).toBe('REFUND_PENDING');
    // (Ops retrying now is no error: the case is pending, so it only asks the provider how the refund is doing.)
    const again = await ops.gql(RETRY, { id: rc.id });
    expect(again.errors ?? []).toEqual([]);
    await worker.drainByClock();
    await worker.addJob(TaskName.SETTLE_REFUNDS, {});
    await worker.drainByClock();
    expect((await caseOf(rc.id)).status).toBe('REFUNDED');
    expect(await providerRefunds(server.orm)).toHaveLength(1);
    expect(await refundRows(rc.id)).toEqual([expect.objectContaining({ attempts: 4, state: 'succeeded' })]); // request, ops, automatic, ops' poll
    expect(errorCode(await merchant.gql(RETRY, { id: rc.id }))).toBe('FORBIDDEN');
  });

  it('processes a committed refund request from the queue when the request itself never called the provider', async () => {
    const rc = await received();
    await openRefundWithoutCalling(server, rc.id);
    expect(await providerRefunds(server.orm)).toEqual([]);
    await worker.drain();
    expect(await providerRefunds(server.orm)).toEqual([expect.objectContaining({ idempotency_key: `${rc.id}:refund`, status: 'pending' })]);
    // Requested again (a duplicate message, a replayed job): the provider already holds it, nothing more is asked.
    await worker.addJob(TaskName.PROCESS_REFUND, { refundId: (await refundRows(rc.id))[0].id });
    await worker.drain();
    expect(await refundRows(rc.id)).toEqual([expect.objectContaining({ attempts: 1 })]);
    await worker.addJob(TaskName.SETTLE_REFUNDS, {});
    await worker.drain();
    expect((await caseOf(rc.id)).status).toBe('REFUNDED');
  });
});

describe('periodic work', () => {
  it('removes temporary uploads abandoned more than a day ago (hourly cron task), and only those', async () => {
    const server = await startTestServer();
    const worker = await startTestWorker(server);
    try {
      await server.storage.put('tmp/abandoned', Buffer.from('partial upload'));
      await worker.addJob(TaskName.SWEEP_TEMPORARY_UPLOADS, {});
      await worker.drain();
      expect(await server.storage.exists('tmp/abandoned')).toBe(true);
      server.clock.advance(25 * 3_600_000);
      await worker.addJob(TaskName.SWEEP_TEMPORARY_UPLOADS, {});
      await worker.drain();
      expect(await server.storage.exists('tmp/abandoned')).toBe(false);
    } finally {
      await worker.stop();
      await server.close();
    }
  });
});
