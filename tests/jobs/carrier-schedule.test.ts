// The built-in carrier's schedule (issue 22 §5): with BUILTIN_CARRIER_EVENTS on, a label queues its three tracking
// events; the job queue sends each, signed, to the server's own /webhooks/carrier at its time (the ManualClock moves,
// nobody sleeps), and a delivery that fails is tried again by the queue.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BuiltinCarrier } from '../../server/src/modules/fulfilment/builtin-carrier.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { TRACKED_CASE, approvedCase } from '../helpers/carrier.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';
import { type TestWorker, startTestWorker } from '../helpers/test-worker.js';

const SECOND = 1000;

describe('the built-in carrier on a schedule', () => {
  let server: TestServer;
  let worker: TestWorker;
  let merchant: ApiClient;
  let ops: ApiClient;

  beforeEach(async () => {
    server = await startTestServer({ env: { BUILTIN_CARRIER_EVENTS: 'true', BUILTIN_CARRIER_SCAN_AFTER_SECONDS: '120', BUILTIN_CARRIER_DELIVER_AFTER_SECONDS: '600' } });
    worker = await startTestWorker(server);
    [merchant, ops] = await Promise.all([server.as('merchant.one'), server.as('ops.demo')]);
  });
  afterEach(async () => {
    await worker.stop();
    await server.close();
  });

  const caseOf = async (id: string) => (await ops.ok(TRACKED_CASE, { id })).returnCase;
  const carrierJobs = () => worker.jobs(TaskName.SEND_CARRIER_EVENT);

  it('moves a demo return to IN_TRANSIT two minutes after its label, and to RECEIVED after ten', async () => {
    const approvedAt = server.clock.now();
    const rc = await approvedCase(server, merchant);
    await worker.relay();
    const jobs = await carrierJobs();
    expect(jobs.map((j) => j.payload?.kind).sort()).toEqual(['delivered_to_warehouse', 'in_transit', 'label_scanned']);
    expect(jobs.every((j) => j.payload?.trackingNumber === rc.trackingNumber)).toBe(true);

    // Nothing is due yet.
    await worker.drainByClock();
    expect((await caseOf(rc.id)).status).toBe('APPROVED');

    server.clock.set(new Date(approvedAt.getTime() + 121 * SECOND));
    await worker.drainByClock();
    const scanned = await caseOf(rc.id);
    expect(scanned.status).toBe('IN_TRANSIT');
    expect(scanned.tracking.map((t: any) => t.kind)).toEqual(['LABEL_SCANNED']);

    server.clock.set(new Date(approvedAt.getTime() + 601 * SECOND));
    await worker.drainByClock();
    const delivered = await caseOf(rc.id);
    expect(delivered.status).toBe('RECEIVED');
    expect(delivered.tracking.map((t: any) => [t.kind, t.movedTo, t.location])).toEqual([
      ['DELIVERED_TO_WAREHOUSE', 'RECEIVED', 'Return warehouse'],
      ['IN_TRANSIT', null, 'Sorting centre'],
      ['LABEL_SCANNED', 'IN_TRANSIT', 'Drop-off point'],
    ]);
    expect(delivered.timeline.filter((e: any) => e.type === 'status_changed').slice(-2).map((e: any) => e.actorLabel)).toEqual(['carrier:ReturnHub Post', 'carrier:ReturnHub Post']);
    expect(await carrierJobs()).toEqual([]); // every job done
  });

  it('retries a delivery the webhook did not accept, and the retry moves the case once', async () => {
    const approvedAt = server.clock.now();
    const rc = await approvedCase(server, merchant);
    const carrier = server.deps.carrier as BuiltinCarrier;
    const ownUrl = carrier.webhookUrl;
    carrier.webhookUrl = `${server.url}/webhooks/nowhere`; // answers 404, as a carrier would see an outage

    server.clock.set(new Date(approvedAt.getTime() + 121 * SECOND));
    await worker.relay();
    const [scan] = (await carrierJobs()).filter((j) => j.payload?.kind === 'label_scanned');
    await worker.utils.rescheduleJobs([scan.id], { runAt: new Date(Date.now() - SECOND) });
    await worker.runDue();
    const [failed] = (await carrierJobs()).filter((j) => j.id === scan.id);
    expect(failed).toMatchObject({ attempts: 1, last_error: expect.stringContaining('404') });
    expect((await caseOf(rc.id)).status).toBe('APPROVED');

    // The webhook answers again: the queue's next attempt gets through.
    carrier.webhookUrl = ownUrl;
    await worker.utils.rescheduleJobs([scan.id], { runAt: new Date(Date.now() - SECOND) });
    await worker.runDue();
    const scanned = await caseOf(rc.id);
    expect(scanned).toMatchObject({ status: 'IN_TRANSIT', tracking: [{ kind: 'LABEL_SCANNED', movedTo: 'IN_TRANSIT' }] });
    expect((await carrierJobs()).map((j) => j.payload?.kind).sort()).toEqual(['delivered_to_warehouse', 'in_transit']);
  });

  it('queues nothing when the schedule is off (the default in tests and production)', async () => {
    const quiet = await startTestServer();
    try {
      expect(quiet.config.carrier.builtinSchedule).toBeNull();
      const quietWorker = await startTestWorker(quiet);
      try {
        await approvedCase(quiet, await quiet.as('merchant.one'));
        await quietWorker.relay();
        expect(await quietWorker.jobs(TaskName.SEND_CARRIER_EVENT)).toEqual([]);
      } finally {
        await quietWorker.stop();
      }
    } finally {
      await quiet.close();
    }
  });
});
