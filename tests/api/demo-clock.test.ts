// The development demo clock (issue 19 §18): an admin moves time forward, the offset is kept in the database and
// followed by every process (the worker here has a clock object of its own, kept in step by LISTEN/NOTIFY), and
// the timers run at once. Never in production.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/logger.js';
import { DemoClockFollower } from '../../server/src/modules/demo-clock/demo-clock-follower.js';
import { DemoClock } from '../../server/src/modules/demo-clock/demo-clock.service.js';
import { HOUR_MS, ManualClock, OffsetClock } from '../../server/src/shared/clock.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { openCaseFor } from '../helpers/job-harness.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';
import { type TestWorker, startTestWorker } from '../helpers/test-worker.js';
import { waitUntil } from '../helpers/ws-client.js';

const CLOCK = '{ demoClock { now offsetHours } }';
const ADVANCE = 'mutation A($h: Int!) { advanceDemoClock(hours: $h) { now offsetHours } }';
const CASE = 'query Q($id: ID!) { returnCase(id: $id) { status priority timeline { type actorLabel payload } } }';

describe('demo clock', () => {
  const base = new ManualClock();
  const apiClock = new OffsetClock(base);
  // Another process's clock: it learns the offset from the database, not from the API's object.
  const workerClock = new OffsetClock(base);
  let server: TestServer;
  let worker: TestWorker;
  let follower: DemoClockFollower;
  let admin: ApiClient;
  const offset = async () => (await admin.ok(CLOCK)).demoClock.offsetHours as number;

  beforeAll(async () => {
    server = await startTestServer({ deps: { clock: apiClock } });
    follower = await DemoClockFollower.start({ orm: server.orm, databaseUrl: server.db.url, clock: workerClock, logger: createLogger('silent') });
    worker = await startTestWorker(server, { clock: workerClock });
    admin = await server.as('admin.demo');
  });
  afterAll(async () => {
    await follower?.close();
    await worker?.stop();
    await server?.close();
  });

  it('advancing 49 h escalates a submitted case (the merchant SLA action) once the worker runs, without waiting', async () => {
    const rc = await openCaseFor(server, 'customer.one', 'Northwind Goods'); // 48 h to respond, policy: escalate
    expect(await offset()).toBe(0);
    await worker.runDue();
    expect((await admin.ok(CASE, { id: rc.id })).returnCase.priority).toBe('MEDIUM');

    const before = base.now().getTime();
    const moved = (await admin.ok(ADVANCE, { h: 49 })).advanceDemoClock;
    expect(moved.offsetHours).toBe(49);
    expect(new Date(moved.now).getTime() - before).toBeGreaterThanOrEqual(49 * HOUR_MS);
    // The timers are queued at once (not at the next cron tick: an outbox message a running worker relays on its
    // NOTIFY), and the worker's clock follows the database.
    await worker.relay();
    expect((await worker.jobs(TaskName.RUN_SCHEDULED_MOVES)).length).toBeGreaterThan(0);
    await waitUntil(() => workerClock.offsetMs === 49 * HOUR_MS, 'the worker follows the demo clock');
    await worker.runDue();

    const after = (await admin.ok(CASE, { id: rc.id })).returnCase;
    expect(after).toMatchObject({ status: 'SUBMITTED', priority: 'URGENT' });
    expect(after.timeline.filter((e: { type: string }) => e.type === 'escalated')).toEqual([
      expect.objectContaining({ actorLabel: 'system', payload: expect.objectContaining({ automatic: 'merchant_response_overdue', policy: 'escalate' }) }),
    ]);
    expect(await offset()).toBe(49);

    // Back to the real time: the reset the admin panel offers.
    expect((await admin.ok(ADVANCE, { h: -49 })).advanceDemoClock.offsetHours).toBe(0);
    await waitUntil(() => workerClock.offsetMs === 0, 'the worker follows the reset');
  });

  it('refuses a move by 0, past a year, or back before the real time, and changes nothing', async () => {
    await admin.ok(ADVANCE, { h: 2 });
    for (const hours of [0, -3, 24 * 367, -(24 * 367)]) {
      expect(errorCode(await admin.gql(ADVANCE, { h: hours })), String(hours)).toBe('BAD_USER_INPUT');
      expect(await offset(), String(hours)).toBe(2);
    }
    await admin.ok(ADVANCE, { h: -2 });
  });

  it('does not exist in production: no state, and a move is FORBIDDEN and changes nothing', async () => {
    const production = new DemoClock(server.orm.em.fork(), { isProduction: true }, new OffsetClock(base));
    expect(await production.state()).toBeNull();
    await expect(production.advance(24)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await offset()).toBe(0);
  });
});
