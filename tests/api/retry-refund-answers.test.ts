// retryRefund over every case status (issue 19 §10): a failed refund is retried, a pending one is looked up at
// the provider, and every other status gets ONE answer — the same code, message and extensions — and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseStatus } from '../../server/src/modules/returns/return-case.enums.js';
import { demoCase } from '../helpers/fixtures.js';
import { query } from '../helpers/money.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';

const RETRY = 'mutation R($id: ID!) { retryRefund(id: $id) { id status } }';

/** The one refusal, whatever the status. */
const NO_REFUND_TO_RETRY = { message: 'This case has no refund to retry.', extensions: { code: 'CONFLICT', rule: 'NO_REFUND_TO_RETRY' } };

/** Statuses where retryRefund acts; every other status must be refused. */
const ACTS_ON = new Set<CaseStatus>([CaseStatus.REFUND_FAILED, CaseStatus.REFUND_PENDING]);

describe('retryRefund on a case in each status', () => {
  let server: TestServer;
  let ops: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    ops = await server.as('ops.demo');
  });
  afterAll(() => server.close());

  /** What a retry could change: the case row, its refund rows, its audit events and its outbox messages. */
  async function stateOf(caseId: string) {
    const [row] = await query(server.orm, 'select status, version, updated_at from return_cases where id = ?', [caseId]);
    const refunds = await query(server.orm, 'select id, state, attempts, idempotency_key, updated_at from refunds where return_case_id = ? order by created_at, id', [caseId]);
    const [{ events }] = await query(server.orm, 'select count(*)::int as events from case_events where return_case_id = ?', [caseId]);
    const [{ outbox }] = await query(server.orm, 'select count(*)::int as outbox from outbox_messages where case_id = ?', [caseId]);
    return { row, refunds, events, outbox };
  }

  const refused = Object.values(CaseStatus).filter((status) => !ACTS_ON.has(status));

  it('covers every status: the table below names each one', () => {
    expect(refused.length + ACTS_ON.size).toBe(Object.values(CaseStatus).length);
    expect(refused).toEqual(expect.arrayContaining([CaseStatus.SUBMITTED, CaseStatus.INSPECTED, CaseStatus.REFUNDED, CaseStatus.CANCELLED, CaseStatus.CLOSED, CaseStatus.REJECTED]));
  });

  it.each(refused)('%s: refused with the one answer, nothing changes', async (status) => {
    const rc = await demoCase(server.orm, status);
    const before = await stateOf(rc.id);
    const answer = await ops.gql(RETRY, { id: rc.id });
    expect(answer.data).toBeNull();
    expect(answer.errors).toHaveLength(1);
    const { message, extensions } = answer.errors![0];
    // Exactly these fields (the request id aside): no status, nothing that differs between statuses.
    const { requestId: _requestId, ...fields } = extensions as Record<string, unknown>;
    expect({ message, extensions: fields }).toEqual(NO_REFUND_TO_RETRY);
    expect(await stateOf(rc.id)).toEqual(before);
  });

  it('REFUND_PENDING: asks the provider about the refund, no new refund and no status change', async () => {
    const rc = await demoCase(server.orm, CaseStatus.REFUND_PENDING);
    const before = await stateOf(rc.id);
    const answer = (await ops.ok(RETRY, { id: rc.id })).retryRefund;
    expect(answer).toEqual({ id: rc.id, status: 'REFUND_PENDING' });
    const after = await stateOf(rc.id);
    expect(after.row.version).toBe(before.row.version);
    expect(after.refunds.map((r: any) => r.idempotency_key)).toEqual(before.refunds.map((r: any) => r.idempotency_key));
    // The provider was asked: the refund row records one more call.
    expect(after.refunds.at(-1).attempts).toBe(before.refunds.at(-1).attempts + 1);
  });

  it('REFUND_FAILED: retried — back to REFUND_PENDING with an audited move and a provider call', async () => {
    const rc = await demoCase(server.orm, CaseStatus.REFUND_FAILED);
    const before = await stateOf(rc.id);
    const answer = (await ops.ok(RETRY, { id: rc.id })).retryRefund;
    expect(answer.status).toMatch(/^REFUND_(PENDING|FAILED)$/);
    const after = await stateOf(rc.id);
    expect(after.row.version).toBeGreaterThan(before.row.version);
    expect(after.events).toBeGreaterThan(before.events);
    const [{ retried }] = await query(server.orm, `select count(*)::int as retried from case_events where return_case_id = ? and to_status = 'refund_pending' and actor_label = 'ops.demo'`, [rc.id]);
    expect(retried).toBe(1);
  });
});
