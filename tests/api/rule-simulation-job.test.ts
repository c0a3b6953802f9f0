// The policy simulator in the background (issue 22 §6): startRuleSimulation stores the simulation and queues its job
// through the outbox in one transaction; ruleSimulation(id) answers status, progress and, once done, the result —
// the same as the request form's. The job is safe to repeat (at least once), a bad request queues nothing, and only
// the merchant (and admins) can see a simulation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulation } from '../../server/src/modules/rules/rule-simulation-runs.js';
import { query } from '../helpers/money.js';
import { DRAFT, RANGE, T0, openKnownCases } from '../helpers/rule-simulation-cases.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';
import { type TestWorker, startTestWorker } from '../helpers/test-worker.js';

const RESULT = `currentVersion cases currency ruleMatches { ruleId cases }
  before { approved refused reviewed undecided kept credited refundMinor creditMinor creditBonusMinor labelsAvoided shippingAvoidedMinor }
  after { approved refused reviewed undecided kept credited refundMinor creditMinor creditBonusMinor labelsAvoided shippingAvoidedMinor }
  changedCases { caseId number before after }`;
const JOB = `id merchantId from to status casesDone casesTotal error createdAt finishedAt result { ${RESULT} }`;
const START = `mutation S($m: ID!, $rules: [ReturnRuleInput!]!, $from: DateTimeISO!, $to: DateTimeISO!) {
  startRuleSimulation(merchantId: $m, rules: $rules, from: $from, to: $to) { ${JOB} } }`;
const READ = `query R($id: ID!) { ruleSimulation(id: $id) { ${JOB} } }`;
const SIMULATE = `query S($m: ID!, $rules: [ReturnRuleInput!]!, $from: DateTimeISO!, $to: DateTimeISO!) {
  simulateReturnRules(merchantId: $m, rules: $rules, from: $from, to: $to) { ${RESULT} } }`;

describe('startRuleSimulation and ruleSimulation', () => {
  let server: TestServer;
  let worker: TestWorker;
  let merchant: ApiClient;
  let merchantId: string;
  let expected: Record<string, unknown>;

  beforeAll(async () => {
    server = await startTestServer({ now: T0 });
    worker = await startTestWorker(server);
    ({ merchantId } = await openKnownCases(server));
    merchant = await server.as('merchant.one');
    expected = (await merchant.ok(SIMULATE, { m: merchantId, rules: DRAFT, ...RANGE })).simulateReturnRules;
  });
  afterAll(async () => {
    await worker?.stop();
    await server?.close();
  });

  const start = async (client = merchant) => (await client.ok(START, { m: merchantId, rules: DRAFT, ...RANGE })).startRuleSimulation;
  const read = async (id: string, client = merchant) => (await client.ok(READ, { id })).ruleSimulation;
  const queuedMessages = async () => Number((await query<{ n: string }>(server.orm,
    `select count(*) as n from outbox_messages where topic = 'job.queued' and payload->>'task' = 'run_rule_simulation'`))[0].n);

  it('answers at once with the simulation queued and its total, then runs it in the background to the same result', async () => {
    const started = await start();
    expect(started).toMatchObject({ merchantId, status: 'QUEUED', casesDone: 0, casesTotal: 4, result: null, finishedAt: null, ...RANGE });
    await worker.relay();
    const [job] = (await worker.jobs('run_rule_simulation')).filter((j) => j.payload?.simulationId === started.id);
    expect(job.key).toBe(`rule-simulation:${started.id}`);

    await worker.drain();
    const done = await read(started.id);
    expect(done).toMatchObject({ status: 'DONE', casesDone: 4, casesTotal: 4, error: null });
    expect(done.finishedAt).not.toBeNull();
    expect(done.result).toEqual(expected);
  });

  it('is safe to repeat: a finished simulation is left as it is, an interrupted one starts again and ends the same', async () => {
    const first = await start();
    await worker.drain();
    const done = await read(first.id);
    await worker.addJob('run_rule_simulation', { simulationId: first.id });
    await worker.drain();
    expect(await read(first.id)).toEqual(done);

    // A worker died half-way: the row says running, two cases done. The web app shows that progress…
    const second = await start();
    await query(server.orm, `update rule_simulations set status = 'running', cases_done = 2 where id = ?`, [second.id]);
    expect(await read(second.id)).toMatchObject({ status: 'RUNNING', casesDone: 2, casesTotal: 4, result: null });
    // …and the job, run again, replays every case from the first.
    await worker.drain();
    expect(await read(second.id)).toMatchObject({ status: 'DONE', casesDone: 4, result: expected });
  });

  it('marks a simulation FAILED when its last attempt fails, and back to QUEUED (with the error) before that', async () => {
    const run = await start();
    await query(server.orm, `update rule_simulations set draft_rules = '[{"id": "broken"}]' where id = ?`, [run.id]);
    const em = server.orm.em.fork();
    await expect(runSimulation(em, server.clock, run.id, false)).rejects.toThrow();
    expect(await read(run.id)).toMatchObject({ status: 'QUEUED', result: null, finishedAt: null });
    expect((await read(run.id)).error).toBeTruthy();
    await expect(runSimulation(em, server.clock, run.id, true)).rejects.toThrow();
    const failed = await read(run.id);
    expect(failed).toMatchObject({ status: 'FAILED', result: null });
    expect(failed.finishedAt).not.toBeNull();
  });

  it('refuses a range over 366 days, an empty range and a bad rule with BAD_USER_INPUT, queueing nothing', async () => {
    const rowsBefore = await query(server.orm, 'select count(*)::int as n from rule_simulations');
    const messagesBefore = await queuedMessages();
    const attempt = (rules: unknown[], from: string, to: string) => merchant.gql(START, { m: merchantId, rules, from, to });
    expect((await attempt(DRAFT, '2030-03-01T00:00:00.000Z', '2031-03-03T00:00:00.000Z')).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect((await attempt(DRAFT, RANGE.to, RANGE.from)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const badRule = [{ name: 'Bonus', conditions: [], actions: [{ type: 'OFFER_STORE_CREDIT', bonusPercent: 101 }] }];
    expect((await attempt(badRule, RANGE.from, RANGE.to)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', ruleIndex: 0 });
    expect(await query(server.orm, 'select count(*)::int as n from rule_simulations')).toEqual(rowsBefore);
    expect(await queuedMessages()).toBe(messagesBefore);
    // 366 days exactly is allowed.
    expect(errorCode(await attempt(DRAFT, '2030-03-01T00:00:00.000Z', '2031-03-02T00:00:00.000Z'))).toBeUndefined();
  });

  it('shows a simulation to its merchant and to admins only; another merchant gets NOT_FOUND, a customer FORBIDDEN', async () => {
    const run = await start();
    const [admin, otherMerchant, customer] = await Promise.all([server.as('admin.demo'), server.as('merchant.two'), server.as('customer.one')]);
    expect((await read(run.id, admin)).id).toBe(run.id);
    expect(errorCode(await otherMerchant.gql(READ, { id: run.id }))).toBe('NOT_FOUND');
    expect(errorCode(await customer.gql(READ, { id: run.id }))).toBe('FORBIDDEN');
    expect(errorCode(await merchant.gql(READ, { id: 'not-an-id' }))).toBe('NOT_FOUND');
    // Nor may another merchant start one over this merchant's cases; an admin may.
    expect(errorCode(await otherMerchant.gql(START, { m: merchantId, rules: DRAFT, ...RANGE }))).toBe('NOT_FOUND');
    expect((await start(admin)).status).toBe('QUEUED');
  });
});
