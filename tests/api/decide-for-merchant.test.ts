// Ops (and admins) decide on the merchant's behalf (issue #19 §5): while a case waits on the merchant — a follow-up
// asked of it, or its response deadline still open — ops may approve or reject, with a required note, and the audit
// event says ops decided for the merchant. One transition table (returns/transitions.ts) answers and enforces it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const MOVES = 'query M($id: ID!) { returnCase(id: $id) { status version availableTransitions { to action requiresNote operation forMerchant } } }';
const TRANSITION = 'mutation T($id: ID!, $to: CaseStatus!, $note: String) { transitionReturnCase(id: $id, to: $to, note: $note) { status decisionReason } }';
const DECIDE = 'mutation D($id: ID!, $d: CaseDecision!, $r: String) { decideReturnCase(id: $id, decision: $d, reason: $r) { status } }';
const HISTORY = 'query H($id: ID!) { returnCase(id: $id) { messages { body author { displayName } } timeline { type actorLabel toStatus payload } } }';

let server: TestServer;
let ops: ApiClient;
let admin: ApiClient;

/** The demo cases in a status, oldest number first. */
async function casesIn(status: string): Promise<string[]> {
  const rows = await server.orm.em.getConnection().execute<Array<{ id: string }>>('select id from return_cases where status = ? order by number', [status]);
  return rows.map((r) => r.id);
}
/** The case's own customer and merchant, signed in. */
async function partiesOf(id: string): Promise<{ customer: ApiClient; merchant: ApiClient }> {
  const [row] = await server.orm.em.getConnection().execute<any[]>(
    `select cu.username as customer, mu.username as merchant from return_cases rc join users cu on cu.id = rc.customer_id
       join merchant_profiles m on m.id = rc.merchant_id join users mu on mu.id = m.user_id where rc.id = ?`,
    [id],
  );
  return { customer: await server.as(row.customer), merchant: await server.as(row.merchant) };
}
const setMerchantDeadline = (id: string, hoursFromNow: number) =>
  server.orm.em.getConnection().execute(`update return_cases set merchant_response_due_at = now() + make_interval(hours => ?) where id = ?`, [hoursFromNow, id]);
const statusChanges = async (client: ApiClient, id: string) => (await client.ok(HISTORY, { id })).returnCase.timeline.filter((e: any) => e.type === 'status_changed');

beforeAll(async () => {
  server = await startTestServer();
  [ops, admin] = await Promise.all(['ops.demo', 'admin.demo'].map((u) => server.as(u)));
});
afterAll(() => server.close());

describe('deciding on the merchant\'s behalf', () => {
  it('offers ops approve and reject for the merchant on a case waiting on it, requires the note, and audits it as such', async () => {
    const [id] = await casesIn('waiting_merchant');
    const { customer, merchant } = await partiesOf(id);
    const moves = (await ops.ok(MOVES, { id })).returnCase.availableTransitions;
    expect(moves).toEqual([
      { to: 'IN_REVIEW', action: 'Answer follow-up', requiresNote: false, operation: 'transitionReturnCase', forMerchant: false },
      { to: 'APPROVED', action: 'Approve for the merchant', requiresNote: true, operation: 'transitionReturnCase', forMerchant: true },
      { to: 'REJECTED', action: 'Reject for the merchant', requiresNote: true, operation: 'transitionReturnCase', forMerchant: true },
    ]);

    // Without a note: a coded refusal, and nothing changes.
    const events = await countRows(server.orm, 'case_events', id);
    for (const note of [null, '   ']) {
      const refused = await ops.gql(TRANSITION, { id, to: 'APPROVED', note });
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    }
    expect((await ops.ok(MOVES, { id })).returnCase.status).toBe('WAITING_MERCHANT');
    expect(await countRows(server.orm, 'case_events', id)).toBe(events);

    const note = 'The merchant confirmed by phone that the item was faulty.';
    expect((await ops.ok(TRANSITION, { id, to: 'APPROVED', note })).transitionReturnCase).toEqual({ status: 'APPROVED', decisionReason: note });
    const recorded = (await statusChanges(ops, id)).at(-1);
    expect(recorded).toMatchObject({ actorLabel: 'ops.demo', toStatus: 'APPROVED', payload: { action: 'Approve for the merchant', note, onBehalfOf: 'merchant' } });
    // The parties see that the returns team decided for the merchant, and why — named as the team, not a person.
    for (const party of [merchant, customer]) {
      expect((await statusChanges(party, id)).at(-1)).toMatchObject({ actorLabel: 'ReturnHub support', toStatus: 'APPROVED', payload: { action: 'Approve for the merchant', note, onBehalfOf: 'merchant' } });
    }
    expect((await ops.ok(HISTORY, { id })).returnCase.messages.map((m: any) => m.body)).toContain(note);
  });

  it('treats ops deciding before the merchant\'s response deadline as deciding for it; after the deadline ops decides in its own right', async () => {
    const [open, late] = await casesIn('in_review');
    await setMerchantDeadline(open, 24);
    await setMerchantDeadline(late, -1);
    const { merchant } = await partiesOf(open);
    expect((await ops.ok(MOVES, { id: open })).returnCase.availableTransitions.find((t: any) => t.to === 'APPROVED')).toMatchObject({ action: 'Approve for the merchant', requiresNote: true, forMerchant: true });
    expect(errorCode(await ops.gql(TRANSITION, { id: open, to: 'APPROVED', note: null }))).toBe('BAD_USER_INPUT');
    // The merchant itself still decides without a note while its deadline is open.
    expect((await merchant.ok(MOVES, { id: open })).returnCase.availableTransitions.find((t: any) => t.to === 'APPROVED')).toMatchObject({ action: 'Approve', requiresNote: false, forMerchant: false });
    // An admin rejecting through decideReturnCase is deciding for the merchant too.
    expect((await admin.ok(DECIDE, { id: open, d: 'REJECT', r: 'Used beyond normal wear, per the merchant.' })).decideReturnCase.status).toBe('REJECTED');
    expect((await statusChanges(admin, open)).at(-1)).toMatchObject({ actorLabel: 'admin.demo', payload: { action: 'Reject for the merchant', onBehalfOf: 'merchant' } });

    expect((await ops.ok(MOVES, { id: late })).returnCase.availableTransitions.find((t: any) => t.to === 'APPROVED')).toMatchObject({ action: 'Approve', requiresNote: false, forMerchant: false });
    expect((await ops.ok(TRANSITION, { id: late, to: 'APPROVED', note: null })).transitionReturnCase.status).toBe('APPROVED');
    const own = (await statusChanges(ops, late)).at(-1);
    expect(own.payload.action).toBe('Approve');
    expect(own.payload.onBehalfOf).toBeUndefined();
  });

  it('never offers it to the merchant or the customer, and refuses it to them', async () => {
    const id = (await casesIn('waiting_merchant')).at(-1)!;
    const { customer, merchant } = await partiesOf(id);
    expect((await merchant.ok(MOVES, { id })).returnCase.availableTransitions.map((t: any) => t.to)).toEqual(['IN_REVIEW']);
    expect(errorCode(await merchant.gql(TRANSITION, { id, to: 'APPROVED', note: 'Trying.' }))).toBe('FORBIDDEN');
    expect((await customer.ok(MOVES, { id })).returnCase.availableTransitions.map((t: any) => t.to)).toEqual(['CANCELLED']);
    expect(errorCode(await customer.gql(TRANSITION, { id, to: 'APPROVED', note: 'Trying.' }))).toBe('FORBIDDEN');
  });
});
