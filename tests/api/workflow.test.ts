import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../server/src/shared/clock.js';
import { CaseWorkflow } from '../../server/src/modules/returns/case-workflow.service.js';
import { FulfilmentEffects } from '../../server/src/modules/fulfilment/fulfilment-effects.js';
import { recordCaseChange } from '../../server/src/modules/returns/case-changes.js';
import { SYSTEM_ACTOR } from '../../server/src/modules/returns/actor.js';
import { CaseStatus } from '../../server/src/modules/returns/return-case.enums.js';
import { Role } from '../../server/src/modules/users/user.enums.js';
import { countRows, demoCase, freshDeliveredOrders } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const CASE = `query C($id: ID!) { returnCase(id: $id) { id status version priority slaDueAt decisionReason
  availableTransitions { to action requiresNote operation } messages { body author { displayName role } } timeline { type fromStatus toStatus actorLabel payload } } }`;
const TRANSITION = `mutation T($id: ID!, $to: CaseStatus!, $note: String, $v: Int) { transitionReturnCase(id: $id, to: $to, note: $note, expectedVersion: $v) { status version } }`;
const DECIDE = `mutation D($id: ID!, $d: CaseDecision!, $r: String, $v: Int) { decideReturnCase(id: $id, decision: $d, reason: $r, expectedVersion: $v) { status version decisionReason } }`;
const CREATE = `mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id version } }`;

describe('the case lifecycle through the API', () => {
  let server: TestServer;
  let customer: ApiClient;
  let merchant: ApiClient;
  let ops: ApiClient;
  let caseId: string;

  beforeEach(async () => {
    server = await startTestServer();
    [customer, merchant, ops] = await Promise.all([server.as('customer.one'), server.as('merchant.one'), server.as('ops.demo')]);
    const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
    caseId = (await customer.ok(CREATE, { input: { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'NOT_AS_DESCRIBED' } })).createReturnCase.id;
  });
  afterEach(() => server.close());

  it('offers each party only its own moves', async () => {
    const moves = async (client: ApiClient) => (await client.ok(CASE, { id: caseId })).returnCase.availableTransitions.map((t: any) => `${t.to}:${t.operation}`).sort();
    expect(await moves(customer)).toEqual(['CANCELLED:transitionReturnCase']);
    expect(await moves(merchant)).toEqual(['APPROVED:transitionReturnCase', 'IN_REVIEW:transitionReturnCase', 'REJECTED:transitionReturnCase', 'WAITING_CUSTOMER:transitionReturnCase']);
    expect(await moves(ops)).toContain('WAITING_MERCHANT:transitionReturnCase');
  });

  it('runs review → reject → dispute → upheld, final, with an audit event per step', async () => {
    await merchant.ok(TRANSITION, { id: caseId, to: 'IN_REVIEW', v: 1 });
    const noReason = await merchant.gql(DECIDE, { id: caseId, d: 'REJECT' });
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    const rejected = (await merchant.ok(DECIDE, { id: caseId, d: 'REJECT', r: 'Signs of heavy use.' })).decideReturnCase;
    expect(rejected).toMatchObject({ status: 'REJECTED', decisionReason: 'Signs of heavy use.' });

    const dispute = 'mutation X($id: ID!, $r: String!) { disputeDecision(id: $id, reason: $r) { status } }';
    expect((await customer.ok(dispute, { id: caseId, r: 'It was unused; see photos.' })).disputeDecision.status).toBe('DISPUTED');
    // The merchant cannot decide a dispute; ops can, once.
    expect(errorCode(await merchant.gql(DECIDE, { id: caseId, d: 'APPROVE' }))).toBe('FORBIDDEN');
    const resolve = 'mutation R($id: ID!, $o: DisputeOutcome!, $n: String!) { resolveDispute(id: $id, outcome: $o, note: $n) { status availableTransitions { to } } }';
    const upheld = (await ops.ok(resolve, { id: caseId, o: 'UPHOLD', n: 'Photos show wear; rejection stands.' })).resolveDispute;
    expect(upheld).toEqual({ status: 'CLOSED', availableTransitions: [] });
    const again = await ops.gql(resolve, { id: caseId, o: 'OVERTURN', n: 'Changed my mind' });
    expect(errorCode(again)).toBe('INVALID_TRANSITION');
    expect(again.errors![0].message).toContain('closed');

    const timeline = (await ops.ok(CASE, { id: caseId })).returnCase.timeline.filter((e: any) => e.type === 'status_changed');
    expect(timeline.map((e: any) => `${e.fromStatus}>${e.toStatus}:${e.actorLabel}`)).toEqual([
      'SUBMITTED>IN_REVIEW:merchant.one',
      'IN_REVIEW>REJECTED:merchant.one',
      'REJECTED>DISPUTED:customer.one',
      'DISPUTED>CLOSED:ops.demo',
    ]);
    // The reasons reach the customer's thread.
    const messages = (await customer.ok(CASE, { id: caseId })).returnCase.messages.map((m: any) => m.body);
    expect(messages).toEqual(['Signs of heavy use.', 'It was unused; see photos.', 'Photos show wear; rejection stands.']);
  });

  it('refuses a dispute after 7 days, and a second dispute', async () => {
    await merchant.ok(DECIDE, { id: caseId, d: 'REJECT', r: 'Outside policy.' });
    server.clock.advance(7 * DAY_MS + 60_000);
    const late = await customer.gql('mutation X($id: ID!) { disputeDecision(id: $id, reason: "please") { status } }', { id: caseId });
    expect(errorCode(late)).toBe('INVALID_TRANSITION');
    expect(late.errors![0].message).toMatch(/within 7 days/);
  });

  it('sends a follow-up to the customer and restarts the clock on the answer', async () => {
    const ask = 'mutation F($id: ID!, $m: String!) { requestFollowUp(id: $id, from: CUSTOMER, message: $m) { status } }';
    expect((await ops.ok(ask, { id: caseId, m: 'Which size did you order?' })).requestFollowUp.status).toBe('WAITING_CUSTOMER');
    server.clock.advance(30 * HOUR_MS);
    const note = 'mutation N($id: ID!, $b: String!) { addCaseNote(caseId: $id, body: $b, visibility: MESSAGE) { id } }';
    await customer.ok(note, { id: caseId, b: 'Size M.' });
    const after = (await ops.ok(CASE, { id: caseId })).returnCase;
    expect(after.status).toBe('IN_REVIEW');
    // Restarted at the answer (30 h after the question), not at the opening.
    expect(Math.abs(new Date(after.slaDueAt).getTime() - (server.clock.now().getTime() + 120 * HOUR_MS))).toBeLessThan(1000);
  });

  it('keeps a merchant to its response deadline; after it, ops decide', async () => {
    server.clock.advance(48 * HOUR_MS + 1000);
    const late = await merchant.gql(DECIDE, { id: caseId, d: 'APPROVE' });
    expect(errorCode(late)).toBe('INVALID_TRANSITION');
    expect(late.errors![0].message).toMatch(/deadline has passed/);
    expect((await ops.ok(DECIDE, { id: caseId, d: 'APPROVE' })).decideReturnCase.status).toBe('APPROVED');
  });

  it('recomputes the resolution deadline when the priority changes', async () => {
    const before = (await ops.ok(CASE, { id: caseId })).returnCase;
    const set = 'mutation P($id: ID!, $p: CasePriority!) { setCasePriority(id: $id, priority: $p) { priority slaDueAt } }';
    const urgent = (await ops.ok(set, { id: caseId, p: 'URGENT' })).setCasePriority;
    expect(new Date(before.slaDueAt).getTime() - new Date(urgent.slaDueAt).getTime()).toBe((120 - 24) * HOUR_MS);
    expect(errorCode(await merchant.gql(set, { id: caseId, p: 'LOW' }))).toBe('FORBIDDEN');
  });

  it('lets a stale version change nothing: CONFLICT, no event', async () => {
    await merchant.ok(TRANSITION, { id: caseId, to: 'IN_REVIEW', v: 1 });
    const events = await countRows(server.orm, 'case_events', caseId);
    const stale = await ops.gql(TRANSITION, { id: caseId, to: 'APPROVED', v: 1 });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect((await ops.ok(CASE, { id: caseId })).returnCase).toMatchObject({ status: 'IN_REVIEW', version: 2 });
    expect(await countRows(server.orm, 'case_events', caseId)).toBe(events);
  });

  it('lets exactly one of two simultaneous transitions win', async () => {
    const statusChanges = async () =>
      (await server.orm.em.getConnection().execute<Array<{ to_status: string }>>("select to_status from case_events where return_case_id = ? and type = 'status_changed'", [caseId])).map((e) => e.to_status);
    const before = await statusChanges();
    const results = await Promise.all([
      merchant.gql(DECIDE, { id: caseId, d: 'APPROVE' }),
      ops.gql(DECIDE, { id: caseId, d: 'REJECT', r: 'Duplicate claim.' }),
    ]);
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(errorCode(losers[0]));
    // One status change, the winner's (an approval also issues its return label: a second event, not a second move).
    expect(await statusChanges()).toEqual([...before, winners[0].data!.decideReturnCase.status.toLowerCase()]);
  });

  it('rolls back the event and the outbox rows of a change that fails', async () => {
    const [events, outbox] = await Promise.all([countRows(server.orm, 'case_events', caseId), countRows(server.orm, 'outbox_messages', caseId)]);
    const viewer = { userId: 'x', username: 'ops.demo', role: Role.OPS, merchantId: null, partnerTokenId: null, partnerTokenName: null, sessionId: null };
    const workflow = new CaseWorkflow(server.orm.em.fork(), viewer, server.clock, new FulfilmentEffects(server.deps));
    await expect(
      workflow.change(caseId, null, async (tx, rc, _actor, now) => {
        recordCaseChange(tx, rc, { type: 'priority_changed', actor: SYSTEM_ACTOR, at: now });
        await tx.flush();
        throw new Error('the step after the audit record failed');
      }, SYSTEM_ACTOR),
    ).rejects.toThrow('failed');
    expect(await countRows(server.orm, 'case_events', caseId)).toBe(events);
    expect(await countRows(server.orm, 'outbox_messages', caseId)).toBe(outbox);
  });

  it('keeps the audit trail append-only in the database itself', async () => {
    const conn = server.orm.em.getConnection();
    await expect(conn.execute('update case_events set type = ? where return_case_id = ?', ['tampered', caseId])).rejects.toThrow(/append-only/);
    await expect(conn.execute('delete from case_events where return_case_id = ?', [caseId])).rejects.toThrow(/append-only/);
  });

  it('frees the items when a case is cancelled, so a new case can claim them', async () => {
    const cancel = 'mutation X($id: ID!) { cancelReturnCase(id: $id, reason: "Found the charger") { status } }';
    expect((await customer.ok(cancel, { id: caseId })).cancelReturnCase.status).toBe('CANCELLED');
    const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
    // freshDeliveredOrders skips orders with cases: find the same order again through the case.
    const [{ order_id: orderId, order_item_id: itemId }] = await server.orm.em.getConnection().execute<any[]>(
      'select rc.order_id, ri.order_item_id from return_cases rc join return_items ri on ri.return_case_id = rc.id where rc.id = ?', [caseId]);
    expect(order?.id).not.toBe(orderId);
    const again = await customer.ok(CREATE, { input: { orderId, items: [{ orderItemId: itemId, quantity: 1 }], reason: 'OTHER' } });
    expect(again.createReturnCase.id).not.toBe(caseId);
  });
});

describe('notes and visibility', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.close());

  const NOTE = 'mutation N($id: ID!, $b: String!, $v: NoteVisibility!) { addCaseNote(caseId: $id, body: $b, visibility: $v) { id visibility } }';
  const INTERNAL = 'query I($id: ID!) { returnCase(id: $id) { internalNotes { body } } }';

  it('keeps internal notes and internal events from customers and merchants', async () => {
    const rc = await demoCase(server.orm, CaseStatus.IN_REVIEW, 'customer.two');
    const [ops, customer, merchantUser] = await Promise.all([server.as('ops.demo'), server.as('customer.two'), server.as('merchant.one')]);
    await ops.ok(NOTE, { id: rc.id, b: 'Suspect wardrobing; check photos.', v: 'INTERNAL' });
    expect((await ops.ok(INTERNAL, { id: rc.id })).returnCase.internalNotes.map((n: any) => n.body)).toContain('Suspect wardrobing; check photos.');
    for (const client of [customer, merchantUser]) {
      const result = await client.gql(INTERNAL, { id: rc.id });
      // A merchant of another merchant's case gets NOT_FOUND; the case's own parties get FORBIDDEN on the field.
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(errorCode(result));
      expect(JSON.stringify(result)).not.toContain('wardrobing');
    }
    const timeline = await customer.ok('query T($id: ID!) { returnCase(id: $id) { timeline { type } } }', { id: rc.id });
    expect(timeline.returnCase.timeline.map((e: any) => e.type)).not.toContain('internal_note_added');
    expect(errorCode(await customer.gql(NOTE, { id: rc.id, b: 'hello', v: 'INTERNAL' }))).toBe('FORBIDDEN');
    expect((await customer.ok(NOTE, { id: rc.id, b: 'Any news?', v: 'MESSAGE' })).addCaseNote.visibility).toBe('MESSAGE');
  });

  it('answers NOT_FOUND, the same as a missing id, for a case the viewer may not see', async () => {
    const others = await demoCase(server.orm, CaseStatus.SUBMITTED, 'customer.one');
    const customer = await server.as('customer.two');
    const hidden = await customer.gql('query C($id: ID!) { returnCase(id: $id) { id } }', { id: others.id });
    const missing = await customer.gql('query C($id: ID!) { returnCase(id: $id) { id } }', { id: '00000000-0000-4000-8000-000000000000' });
    const garbage = await customer.gql('query C($id: ID!) { returnCase(id: $id) { id } }', { id: 'not-a-uuid' });
    for (const r of [hidden, missing, garbage]) expect(errorCode(r)).toBe('NOT_FOUND');
    expect(hidden.errors![0].message).toBe(missing.errors![0].message);
    // Writes leak nothing either.
    expect(errorCode(await customer.gql(NOTE, { id: others.id, b: 'hi', v: 'MESSAGE' }))).toBe('NOT_FOUND');
  });

  it('exports the audit trail as JSON and CSV for ops only', async () => {
    const rc = await demoCase(server.orm, CaseStatus.REFUNDED);
    const ops = await server.as('ops.demo');
    const q = 'query E($id: ID!, $f: AuditExportFormat!) { caseAuditExport(caseId: $id, format: $f) { fileName contentType content } }';
    const json = (await ops.ok(q, { id: rc.id, f: 'JSON' })).caseAuditExport;
    expect(json.fileName).toBe(`${rc.number}-audit.json`);
    const parsed = JSON.parse(json.content);
    expect(parsed.events.map((e: any) => e.toStatus).filter(Boolean).at(-1)).toBe('refunded');
    const csv = (await ops.ok(q, { id: rc.id, f: 'CSV' })).caseAuditExport;
    const lines = csv.content.trim().split('\r\n');
    expect(lines[0]).toBe('id,createdAt,type,actor,fromStatus,toStatus,payload');
    expect(lines).toHaveLength(parsed.events.length + 1);
    expect(errorCode(await (await server.as('customer.one')).gql(q, { id: rc.id, f: 'CSV' }))).toBe('FORBIDDEN');
  });
});
