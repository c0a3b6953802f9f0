import { FulfilmentEffects } from '../../server/src/modules/fulfilment/fulfilment-effects.js';
// The automatic moves of SPEC §5 with a moved clock: each timer fires at its time, not before, exactly once,
// with its audit event by `system`, also when the scheduler runs twice or on two workers at once.
import { MikroORM } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { ormConfig } from '../../server/src/db/orm-config.js';
import { createLogger } from '../../server/src/logger.js';
import { ScheduledMoves } from '../../server/src/modules/returns/scheduled-moves.service.js';
import { DAY_MS, HOUR_MS } from '../../server/src/shared/clock.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { openCaseFor, useJobHarness } from '../helpers/job-harness.js';

const MINUTE = 60_000;
const CASE = `query Q($id: ID!) { returnCase(id: $id) { status priority slaDueAt decisionReason assignee { username }
  timeline { type actorLabel fromStatus toStatus payload } } }`;
const DECIDE = 'mutation D($id: ID!, $d: CaseDecision!, $r: String) { decideReturnCase(id: $id, decision: $d, reason: $r) { status } }';

describe('scheduled moves', () => {
  const harness = useJobHarness('ops.demo');
  const openCase = (customer: string, merchant: string) => openCaseFor(harness.server, customer, merchant);
  /** The scheduler as the worker runs it: its cron task, through the queue. */
  const runScheduler = async () => {
    await harness.worker.addJob(TaskName.RUN_SCHEDULED_MOVES, {});
    await harness.worker.runDue();
  };
  const caseView = async (id: string) => (await harness.user.ok(CASE, { id })).returnCase;
  const eventsOf = async (id: string, type: string) => (await caseView(id)).timeline.filter((e: any) => e.type === type);

  it('reminds the merchant once at half its response time, not before', async () => {
    const rc = await openCase('customer.one', 'Northwind Goods'); // 48 h to respond
    harness.server.clock.advance(24 * HOUR_MS - MINUTE);
    await runScheduler();
    expect(await eventsOf(rc.id, 'sla_reminder_sent')).toEqual([]);

    harness.server.clock.advance(2 * MINUTE);
    await runScheduler();
    await runScheduler();
    const reminders = await eventsOf(rc.id, 'sla_reminder_sent');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ actorLabel: 'system', payload: { merchantResponseDueAt: rc.merchantResponseDueAt, responseSlaHours: 48 } });
    expect((await caseView(rc.id)).status).toBe('SUBMITTED');
  });

  it("escalates at the deadline (Northwind's policy): urgent, unassigned, back to ops, once", async () => {
    const rc = await openCase('customer.one', 'Northwind Goods');
    const opsId = (await harness.user.ok('{ me { id } }')).me.id;
    await harness.user.ok('mutation A($id: ID!, $a: ID) { assignCase(id: $id, assigneeId: $a) { id } }', { id: rc.id, a: opsId });

    harness.server.clock.advance(48 * HOUR_MS - MINUTE);
    await runScheduler();
    expect(await eventsOf(rc.id, 'escalated')).toEqual([]);
    expect((await caseView(rc.id)).priority).toBe('MEDIUM');

    harness.server.clock.advance(2 * MINUTE);
    await runScheduler();
    await runScheduler();
    const after = await caseView(rc.id);
    expect(after).toMatchObject({ status: 'SUBMITTED', priority: 'URGENT', assignee: null });
    const escalated = after.timeline.filter((e: any) => e.type === 'escalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({ actorLabel: 'system', payload: { policy: 'escalate', fromPriority: 'medium', toPriority: 'urgent', unassigned: true } });
    // The resolution deadline follows the new priority: 24 h from when the clock started.
    const created = after.timeline.find((e: any) => e.type === 'case_created');
    expect(created).toBeDefined();
    expect(new Date(after.slaDueAt).getTime() - new Date(rc.merchantResponseDueAt).getTime()).toBe((24 - 48) * HOUR_MS);
  });

  it("approves automatically at the deadline (Bazaar's policy), by system, with a note", async () => {
    const rc = await openCase('customer.two', 'Bazaar Marketplace');
    harness.server.clock.advance(48 * HOUR_MS - MINUTE);
    await runScheduler();
    expect((await caseView(rc.id)).status).toBe('SUBMITTED');
    harness.server.clock.advance(2 * MINUTE);
    await runScheduler();
    await runScheduler();
    const after = await caseView(rc.id);
    expect(after.status).toBe('APPROVED');
    expect(after.decisionReason).toMatch(/Approved automatically: the merchant did not respond/);
    const moves = after.timeline.filter((e: any) => e.type === 'status_changed');
    expect(moves.map((e: any) => `${e.fromStatus}>${e.toStatus}:${e.actorLabel}`)).toEqual(['SUBMITTED>APPROVED:system']);
    expect(moves[0].payload).toMatchObject({ automatic: 'merchant_response_overdue', policy: 'auto_approve' });
  });

  it('rejects automatically at the deadline when the policy says auto_reject', async () => {
    await harness.server.orm.em.getConnection().execute("update merchant_profiles set sla_timeout_action = 'auto_reject' where name = 'Northwind Goods'");
    const rc = await openCase('customer.one', 'Northwind Goods');
    harness.server.clock.advance(48 * HOUR_MS + MINUTE);
    await runScheduler();
    await runScheduler();
    const after = await caseView(rc.id);
    expect(after.status).toBe('REJECTED');
    expect(after.decisionReason).toMatch(/Rejected automatically/);
    expect(after.timeline.filter((e: any) => e.type === 'status_changed').map((e: any) => e.actorLabel)).toEqual(['system']);
  });

  it('expires an approved return not shipped within 7 days, once, and not before', async () => {
    const rc = await openCase('customer.one', 'Northwind Goods');
    const merchant = await harness.server.as('merchant.one');
    await merchant.ok(DECIDE, { id: rc.id, d: 'APPROVE' });
    harness.server.clock.advance(7 * DAY_MS - MINUTE);
    await runScheduler();
    expect((await caseView(rc.id)).status).toBe('APPROVED');
    harness.server.clock.advance(2 * MINUTE);
    await runScheduler();
    await runScheduler();
    const after = await caseView(rc.id);
    expect(after.status).toBe('EXPIRED');
    const moves = after.timeline.filter((e: any) => e.type === 'status_changed');
    expect(moves.map((e: any) => `${e.toStatus}:${e.actorLabel}`)).toEqual(['APPROVED:merchant.one', 'EXPIRED:system']);
    // The merchant answered in time: its deadline passed without any timeout action.
    expect(after.timeline.filter((e: any) => e.type === 'escalated')).toEqual([]);
  });

  it('closes a rejection not disputed within 7 days, and leaves a disputed one to ops', async () => {
    const merchant = await harness.server.as('merchant.one');
    const undisputed = await openCase('customer.one', 'Northwind Goods');
    const disputed = await openCase('customer.two', 'Northwind Goods');
    for (const rc of [undisputed, disputed]) await merchant.ok(DECIDE, { id: rc.id, d: 'REJECT', r: 'Outside our policy.' });
    harness.server.clock.advance(3 * DAY_MS);
    await disputed.customer.ok('mutation X($id: ID!) { disputeDecision(id: $id, reason: "It arrived broken.") { status } }', { id: disputed.id });
    harness.server.clock.advance(4 * DAY_MS - MINUTE);
    await runScheduler();
    expect((await caseView(undisputed.id)).status).toBe('REJECTED');
    harness.server.clock.advance(2 * MINUTE);
    await runScheduler();
    await runScheduler();
    const closed = await caseView(undisputed.id);
    expect(closed.status).toBe('CLOSED');
    expect(closed.timeline.filter((e: any) => e.toStatus === 'CLOSED').map((e: any) => e.actorLabel)).toEqual(['system']);
    expect((await caseView(disputed.id)).status).toBe('DISPUTED');
  });

  it('fires each timer once when two workers run the scheduler at the same moment', async () => {
    const rc = await openCase('customer.one', 'Northwind Goods');
    harness.server.clock.advance(48 * HOUR_MS + MINUTE);
    const other = await MikroORM.init(ormConfig(harness.server.db.url, { debug: false }));
    const logger = createLogger('silent');
    try {
      await Promise.all([
        new ScheduledMoves(harness.server.orm.em.fork(), harness.server.clock, logger, new FulfilmentEffects(harness.server.deps)).runDue(),
        new ScheduledMoves(other.em.fork(), harness.server.clock, logger, new FulfilmentEffects(harness.server.deps)).runDue(),
        new ScheduledMoves(other.em.fork(), harness.server.clock, logger, new FulfilmentEffects(harness.server.deps)).runDue(),
      ]);
    } finally {
      await other.close(true);
    }
    expect(await eventsOf(rc.id, 'escalated')).toHaveLength(1);
    // Every case the demo data left overdue was escalated exactly once as well.
    const [{ n }] = await harness.server.orm.em.getConnection().execute<any[]>(
      "select count(*) as n from (select return_case_id from case_events where type = 'escalated' group by return_case_id having count(*) > 1) d",
    );
    expect(Number(n)).toBe(0);
  });
});
