import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../server/src/shared/clock.js';
import { DISPUTE_WITHIN_DAYS, SHIP_WITHIN_DAYS } from '../../server/src/modules/returns/sla.js';
import { freshDeliveredOrders } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

// The API serves the deadlines it enforces (ReturnCase.shipBy, ReturnCase.disputableUntil), so the web app shows them
// instead of adding days of its own (issue #20 point 4).
const MINUTE_MS = 60_000;
const CASE = 'query C($id: ID!) { returnCase(id: $id) { status decidedAt shipBy disputableUntil } }';
const CREATE = 'mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id } }';
const DECIDE = 'mutation D($id: ID!, $d: CaseDecision!, $r: String) { decideReturnCase(id: $id, decision: $d, reason: $r) { status } }';
const DISPUTE = 'mutation X($id: ID!) { disputeDecision(id: $id, reason: "It was unused.") { status disputableUntil } }';
const SHIP = 'mutation S($id: ID!) { confirmReturnShipment(id: $id, carrier: "UPS", trackingNumber: "1Z999") { status } }';

describe('ReturnCase.shipBy and disputableUntil', () => {
  let server: TestServer;
  let customer: ApiClient;
  let merchant: ApiClient;
  let caseId: string;

  beforeEach(async () => {
    server = await startTestServer();
    [customer, merchant] = await Promise.all([server.as('customer.one'), server.as('merchant.one')]);
    const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
    caseId = (await customer.ok(CREATE, { input: { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'NOT_AS_DESCRIBED' } })).createReturnCase.id;
  });
  afterEach(() => server.close());

  const read = async (client: ApiClient) => (await client.ok(CASE, { id: caseId })).returnCase;
  const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

  it('are null before a decision', async () => {
    expect(await read(customer)).toMatchObject({ status: 'SUBMITTED', shipBy: null, disputableUntil: null });
  });

  it('a rejection is disputable until its deadline, and no longer once disputed', async () => {
    await merchant.ok(DECIDE, { id: caseId, d: 'REJECT', r: 'Outside policy.' });
    const rejected = await read(customer);
    expect(rejected.disputableUntil).toBe(plusDays(rejected.decidedAt, DISPUTE_WITHIN_DAYS));
    expect(rejected.shipBy).toBeNull();
    expect((await read(merchant)).disputableUntil).toBe(rejected.disputableUntil);
    // The lists (plain rows, not entities) answer the same.
    const listed = (await customer.ok('{ returnCases(first: 50) { edges { node { id disputableUntil shipBy } } } }')).returnCases.edges.map((e: any) => e.node);
    expect(listed.find((rc: any) => rc.id === caseId)).toEqual({ id: caseId, disputableUntil: rejected.disputableUntil, shipBy: null });

    server.clock.set(new Date(Date.parse(rejected.disputableUntil) - MINUTE_MS));
    expect((await customer.ok(DISPUTE, { id: caseId })).disputeDecision).toEqual({ status: 'DISPUTED', disputableUntil: null });
  });

  it('a dispute after the served deadline is refused', async () => {
    await merchant.ok(DECIDE, { id: caseId, d: 'REJECT', r: 'Outside policy.' });
    const { disputableUntil } = await read(customer);
    server.clock.set(new Date(Date.parse(disputableUntil) + MINUTE_MS));
    expect(errorCode(await customer.gql(DISPUTE, { id: caseId }))).toBe('INVALID_TRANSITION');
    expect((await read(customer)).status).toBe('REJECTED');
  });

  it('an approval is shipped by its deadline; a customer after it is refused', async () => {
    await merchant.ok(DECIDE, { id: caseId, d: 'APPROVE' });
    const approved = await read(customer);
    expect(approved.shipBy).toBe(plusDays(approved.decidedAt, SHIP_WITHIN_DAYS));
    expect(approved.disputableUntil).toBeNull();

    server.clock.set(new Date(Date.parse(approved.shipBy) + MINUTE_MS));
    expect(errorCode(await customer.gql(SHIP, { id: caseId }))).toBe('INVALID_TRANSITION');
    expect(await read(customer)).toMatchObject({ status: 'APPROVED', shipBy: approved.shipBy });
  });
});
