import { FulfilmentEffects } from '../../server/src/modules/fulfilment/fulfilment-effects.js';
// The transactional outbox and its relay (issue 6 §1): jobs exist only for committed changes, and each outbox
// message becomes its jobs exactly once, however many relays run at the same time.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ormConfig } from '../../server/src/db/orm-config.js';
import { relayOutbox } from '../../server/src/jobs/outbox-relay.js';
import { SYSTEM_ACTOR } from '../../server/src/modules/returns/actor.js';
import { recordCaseChange } from '../../server/src/modules/returns/case-changes.js';
import { changeCaseAsSystem } from '../../server/src/modules/returns/system-case-change.js';
import { TaskName, enqueueJobs, queueJobs } from '../../server/src/shared/job-queue.js';
import { countRows, demoCase } from '../helpers/fixtures.js';
import { type TestServer, startTestServer } from '../helpers/test-server.js';
import { type TestWorker, startTestWorker } from '../helpers/test-worker.js';

describe('outbox relay', () => {
  let server: TestServer;
  let worker: TestWorker;
  let caseId: string;

  beforeEach(async () => {
    server = await startTestServer();
    worker = await startTestWorker(server);
    caseId = (await demoCase(server.orm, 'in_review')).id;
  });
  afterEach(async () => {
    await worker.stop();
    await server.close();
  });

  const jobsForCase = async () => (await worker.jobs()).filter((j) => j.payload?.caseId === caseId);
  const pendingOutbox = async () =>
    Number((await server.orm.em.getConnection().execute<any[]>('select count(*) as n from outbox_messages where dispatched_at is null'))[0].n);

  it('leaves no outbox row and no job when the change rolls back', async () => {
    const outboxBefore = await countRows(server.orm, 'outbox_messages', caseId);
    await expect(
      changeCaseAsSystem(server.orm.em, server.clock, caseId, async (tx, rc, _workflow, now) => {
        recordCaseChange(tx, rc, { type: 'case_created', actor: SYSTEM_ACTOR, at: now });
        await tx.flush();
        throw new Error('the step after the outbox write failed');
      }, new FulfilmentEffects(server.deps)),
    ).rejects.toThrow('failed');
    expect(await countRows(server.orm, 'outbox_messages', caseId)).toBe(outboxBefore);
    await worker.relay();
    expect(await jobsForCase()).toEqual([]);

    // The same change, committed: its jobs appear once the relay has run, and not before.
    await changeCaseAsSystem(server.orm.em, server.clock, caseId, (tx, rc, _workflow, now) => {
      recordCaseChange(tx, rc, { type: 'case_created', actor: SYSTEM_ACTOR, at: now });
    }, new FulfilmentEffects(server.deps));
    expect(await countRows(server.orm, 'outbox_messages', caseId)).toBe(outboxBefore + 2);
    expect(await jobsForCase()).toEqual([]);
    expect(await worker.relay()).toBe(2);
    expect((await jobsForCase()).map((j) => j.task_identifier).sort()).toEqual([TaskName.DISPATCH_CASE_WEBHOOKS, TaskName.RESCORE_CASE, TaskName.SEND_CASE_NOTIFICATIONS]);
    expect(await pendingOutbox()).toBe(0);
  });

  it('enqueues each message exactly once with two relays running at the same time', async () => {
    // 150 audit events in one change: 300 outbox messages (each event also asks for a rescore).
    const events = 150;
    await changeCaseAsSystem(server.orm.em, server.clock, caseId, (tx, rc, _workflow, now) => {
      for (let i = 0; i < events; i++) recordCaseChange(tx, rc, { type: 'message_added', actor: SYSTEM_ACTOR, at: now, payload: { n: i } });
    }, new FulfilmentEffects(server.deps));
    expect(await pendingOutbox()).toBe(events * 2);

    // A second "machine": its own ORM and connection pool.
    const other = await MikroORM.init(ormConfig(server.db.url, { debug: false }));
    try {
      const relayA = relayOutbox(() => server.orm.em.fork(), () => server.clock.now(), 7);
      const relayB = relayOutbox(() => other.em.fork(), () => server.clock.now(), 7);
      const [movedA, movedB] = await Promise.all([relayA, relayB]);
      expect(movedA + movedB).toBe(events * 2);
      expect(movedA).toBeGreaterThan(0);
      expect(movedB).toBeGreaterThan(0);
    } finally {
      await other.close(true);
    }
    expect(await pendingOutbox()).toBe(0);

    const jobs = await jobsForCase();
    const fanOut = jobs.filter((j) => j.task_identifier === TaskName.DISPATCH_CASE_WEBHOOKS);
    expect(fanOut).toHaveLength(events);
    expect(new Set(fanOut.map((j) => j.payload?.eventId)).size).toBe(events);
    // A job added again under its key is replaced, which bumps its revision: no event's job was.
    expect(fanOut.every((j) => j.revision === 0)).toBe(true);
    // Rescore requests of one case collapse into one waiting job (same key), by design.
    expect(jobs.filter((j) => j.task_identifier === TaskName.RESCORE_CASE).length).toBe(1);
    // Running the relay again finds nothing.
    expect(await worker.relay()).toBe(0);
  });

  it("adds jobs directly inside the caller's transaction too: a rollback leaves none, run_at is kept", async () => {
    const later = new Date(Date.now() + 5 * 60_000);
    const job = { task: 'later_task', payload: { caseId }, jobKey: `later:${caseId}`, runAt: later, maxAttempts: 10 };
    await expect(server.orm.em.fork().transactional(async (tx) => {
      await enqueueJobs(tx, [job]);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await worker.jobs('later_task')).toEqual([]);
    await server.orm.em.fork().transactional((tx) => enqueueJobs(tx, [job]));
    const [row] = await server.orm.em.getConnection().execute<any[]>("select run_at, max_attempts, key from graphile_worker.jobs where task_identifier = 'later_task'");
    expect(row).toMatchObject({ max_attempts: 10, key: `later:${caseId}` });
    expect(new Date(row.run_at).getTime()).toBe(later.getTime());
  });

  it('leaves messages of a topic it has no route for in the outbox', async () => {
    await server.orm.em.getConnection().execute("insert into outbox_messages (topic, case_id, payload, created_at) values ('refund.future_topic', ?, '{}', now())", [caseId]);
    await worker.relay();
    const [row] = await server.orm.em.getConnection().execute<any[]>("select dispatched_at from outbox_messages where topic = 'refund.future_topic'");
    expect(row.dispatched_at).toBeNull();
  });

  it('queues other jobs as outbox messages: none for a rolled-back change, and the relay adds each as it was queued', async () => {
    const later = new Date(Date.now() + 5 * 60_000);
    const job = { task: 'later_task', payload: { caseId }, jobKey: `later:${caseId}`, runAt: later, maxAttempts: 7, queueName: 'later_queue' };
    await expect(server.orm.em.fork().transactional(async (tx) => {
      queueJobs(tx, [job]);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await worker.relay();
    expect(await worker.jobs('later_task')).toEqual([]);
    await server.orm.em.fork().transactional(async (tx) => queueJobs(tx, [job]));
    expect(await worker.jobs('later_task')).toEqual([]);
    expect(await worker.relay()).toBeGreaterThanOrEqual(1);
    expect(await worker.jobs('later_task')).toEqual([expect.objectContaining({ key: `later:${caseId}`, max_attempts: 7, payload: { caseId } })]);
    const [row] = await server.orm.em.getConnection().execute<any[]>("select run_at, queue_name from graphile_worker.jobs where task_identifier = 'later_task'");
    expect(row.queue_name).toBe('later_queue');
    expect(new Date(row.run_at).getTime()).toBe(later.getTime());
  });

  it('is the only code that adds jobs (issue #20: one way to enqueue)', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const callers = files('server/src').filter((f) => /\benqueueJobs\(|\.addJob\(/.test(readFileSync(f, 'utf8')));
    expect(callers.sort()).toEqual(['server/src/jobs/outbox-relay.ts', 'server/src/shared/job-queue.ts']);
  });
});
