// Carrier tracking (issue 22 §5): POST /webhooks/carrier is verified like the payment webhook, de-duplicated by the
// carrier's event id, and moves the case through the workflow (APPROVED → IN_TRANSIT → RECEIVED) as the system.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signTrackingBody } from '../../server/src/modules/fulfilment/tracking-webhook.js';
import { TRACKED_CASE, approvedCase, postCarrierWebhook, sendCarrierEvent } from '../helpers/carrier.js';
import { query } from '../helpers/money.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

describe('the carrier tracking webhook', () => {
  let server: TestServer;
  let merchant: ApiClient;
  let ops: ApiClient;

  beforeEach(async () => {
    server = await startTestServer();
    [merchant, ops] = await Promise.all([server.as('merchant.one'), server.as('ops.demo')]);
  });
  afterEach(() => server.close());

  let sequence = 0;
  const event = (trackingNumber: string, type: string, overrides: Record<string, unknown> = {}) => ({
    id: `evt_test_${++sequence}`,
    type,
    trackingNumber,
    occurredAt: server.clock.now().toISOString(),
    location: 'Depot 7, Leeds',
    description: `${type} at the depot`,
    ...overrides,
  });
  const caseOf = async (client: ApiClient, id: string) => (await client.ok(TRACKED_CASE, { id })).returnCase;
  const count = async (sql: string, params: unknown[] = []) => Number((await query<{ n: string }>(server.orm, sql, params))[0].n);
  const trackingRows = () => count('select count(*) as n from case_tracking_events');

  it('refuses unsigned, forged, stale, altered or malformed deliveries with 400 and a code, and changes nothing', async () => {
    const rc = await approvedCase(server, merchant);
    const body = JSON.stringify(event(rc.trackingNumber, 'LABEL_SCANNED'));
    const secret = server.config.carrier.webhookSecret;
    const now = server.clock.now();
    const attempts: Array<[string, Response]> = [
      ['unsigned', await postCarrierWebhook(server, body)],
      ['wrong secret', await postCarrierWebhook(server, body, signTrackingBody('whsec_not_the_secret', body, now))],
      ['stale (301 s)', await postCarrierWebhook(server, body, signTrackingBody(secret, body, new Date(now.getTime() - 301_000)))],
      ['altered body', await postCarrierWebhook(server, body.replace('LABEL_SCANNED', 'DELIVERED_TO_WAREHOUSE'), signTrackingBody(secret, body, now))],
      ['malformed header', await postCarrierWebhook(server, body, 'v1=abc')],
    ];
    for (const [what, response] of attempts) {
      expect(response.status, what).toBe(400);
      expect(await response.json(), what).toMatchObject({ error: 'INVALID_SIGNATURE' });
    }
    // Signed, but not an event this endpoint knows.
    for (const bad of [{ ...event(rc.trackingNumber, 'LOST_IN_SPACE') }, { ...event(rc.trackingNumber, 'IN_TRANSIT'), occurredAt: 'yesterday' }, { ...event('', 'IN_TRANSIT') }]) {
      const response = await sendCarrierEvent(server, bad);
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'INVALID_PAYLOAD' });
    }
    expect(await caseOf(ops, rc.id)).toMatchObject({ status: 'APPROVED', tracking: [] });
    expect(await trackingRows()).toBe(0);

    // The same body, properly signed, is accepted: the refusals above were about the signatures and shapes alone.
    const accepted = await postCarrierWebhook(server, body, signTrackingBody(secret, body, server.clock.now()));
    expect(accepted.status).toBe(200);
    expect((await caseOf(ops, rc.id)).status).toBe('IN_TRANSIT');
  });

  it('moves an approved case to IN_TRANSIT on the first scan and to RECEIVED on delivery, audited as the carrier; a scan in between moves nothing', async () => {
    const rc = await approvedCase(server, merchant);
    const scanned = await sendCarrierEvent(server, event(rc.trackingNumber, 'LABEL_SCANNED', { location: 'Drop-off point 12' }));
    expect(scanned.status).toBe(200);
    expect(await scanned.json()).toEqual({ received: true });
    const inTransit = await caseOf(ops, rc.id);
    expect(inTransit).toMatchObject({ status: 'IN_TRANSIT', carrier: 'ReturnHub Post', trackingNumber: rc.trackingNumber });
    expect(inTransit.shippedAt).not.toBeNull();
    expect(inTransit.timeline.at(-1)).toMatchObject({
      type: 'status_changed', fromStatus: 'APPROVED', toStatus: 'IN_TRANSIT', actorLabel: 'carrier:ReturnHub Post',
      payload: { action: 'Carrier scanned the parcel', scan: 'label_scanned', location: 'Drop-off point 12', trackingNumber: rc.trackingNumber },
    });

    // A later scan on the way: recorded, no move.
    await sendCarrierEvent(server, event(rc.trackingNumber, 'IN_TRANSIT'));
    expect((await caseOf(ops, rc.id)).version).toBe(inTransit.version);

    await sendCarrierEvent(server, event(rc.trackingNumber, 'DELIVERED_TO_WAREHOUSE', { location: 'Northwind returns dock' }));
    const received = await caseOf(ops, rc.id);
    expect(received.status).toBe('RECEIVED');
    expect(received.receivedAt).not.toBeNull();
    expect(received.timeline.filter((e: any) => e.type === 'status_changed').slice(-2).map((e: any) => [e.toStatus, e.actorLabel])).toEqual([
      ['IN_TRANSIT', 'carrier:ReturnHub Post'],
      ['RECEIVED', 'carrier:ReturnHub Post'],
    ]);
    // Newest first, each with what it did; the same for the customer and the merchant, who read "Automatic" in the timeline.
    expect(received.tracking.map((t: any) => [t.kind, t.movedTo, t.carrier])).toEqual([
      ['DELIVERED_TO_WAREHOUSE', 'RECEIVED', 'ReturnHub Post'],
      ['IN_TRANSIT', null, 'ReturnHub Post'],
      ['LABEL_SCANNED', 'IN_TRANSIT', 'ReturnHub Post'],
    ]);
    for (const party of [rc.customer, merchant]) {
      const seen = await caseOf(party, rc.id);
      expect(seen.tracking).toEqual(received.tracking);
      expect(seen.timeline.filter((e: any) => e.toStatus === 'RECEIVED').map((e: any) => e.actorLabel)).toEqual(['Automatic']);
    }
    const stranger = await server.as('customer.two');
    expect(errorCode(await stranger.gql(TRACKED_CASE, { id: rc.id }))).toBe('NOT_FOUND');
  });

  it('treats a redelivered event as a no-op: same answer, one row, no change, no audit event, no outbox message', async () => {
    const rc = await approvedCase(server, merchant);
    const scan = event(rc.trackingNumber, 'LABEL_SCANNED');
    expect((await sendCarrierEvent(server, scan)).status).toBe(200);
    const after = await caseOf(ops, rc.id);
    const events = await count('select count(*) as n from case_events where return_case_id = ?', [rc.id]);
    const outbox = await count('select count(*) as n from outbox_messages where case_id = ?', [rc.id]);

    // Twice more, one of them at the same moment as another delivery of it.
    const again = await Promise.all([sendCarrierEvent(server, scan), sendCarrierEvent(server, scan)]);
    for (const response of again) {
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true });
    }
    expect(await trackingRows()).toBe(1);
    expect((await caseOf(ops, rc.id)).version).toBe(after.version);
    expect(await count('select count(*) as n from case_events where return_case_id = ?', [rc.id])).toBe(events);
    expect(await count('select count(*) as n from outbox_messages where case_id = ?', [rc.id])).toBe(outbox);
  });

  it('takes an approved case through IN_TRANSIT to RECEIVED when the delivery comes first, and records late or out-of-place events without moving', async () => {
    const rc = await approvedCase(server, merchant);
    await sendCarrierEvent(server, event(rc.trackingNumber, 'DELIVERED_TO_WAREHOUSE'));
    const received = await caseOf(ops, rc.id);
    expect(received.status).toBe('RECEIVED');
    expect(received.timeline.filter((e: any) => e.type === 'status_changed').slice(-2).map((e: any) => `${e.fromStatus}>${e.toStatus}`)).toEqual(['APPROVED>IN_TRANSIT', 'IN_TRANSIT>RECEIVED']);

    // The first scan arrives late (its own time is earlier): recorded, nothing moves, and it sorts below the delivery.
    const earlier = new Date(server.clock.now().getTime() - 3_600_000).toISOString();
    await sendCarrierEvent(server, event(rc.trackingNumber, 'LABEL_SCANNED', { occurredAt: earlier }));
    const after = await caseOf(ops, rc.id);
    expect(after).toMatchObject({ status: 'RECEIVED', version: received.version });
    expect(after.tracking.map((t: any) => [t.kind, t.movedTo])).toEqual([['DELIVERED_TO_WAREHOUSE', 'RECEIVED'], ['LABEL_SCANNED', null]]);

    // A case the customer cancelled after approval: the scan is kept as the parcel's history, the case stays cancelled.
    const cancelled = await approvedCase(server, merchant, 'customer.two');
    await cancelled.customer.ok('mutation X($id: ID!) { cancelReturnCase(id: $id, reason: "Kept it after all") { status } }', { id: cancelled.id });
    await sendCarrierEvent(server, event(cancelled.trackingNumber, 'LABEL_SCANNED'));
    expect(await caseOf(ops, cancelled.id)).toMatchObject({ status: 'CANCELLED', tracking: [{ kind: 'LABEL_SCANNED', movedTo: null }] });
  });

  it('answers an unknown tracking number exactly like a known one, and stores and changes nothing', async () => {
    const rc = await approvedCase(server, merchant);
    const known = await sendCarrierEvent(server, event(rc.trackingNumber, 'LABEL_SCANNED'));
    const unknown = await sendCarrierEvent(server, event('RH00000000000', 'LABEL_SCANNED'));
    expect([unknown.status, await unknown.json()]).toEqual([known.status, await known.json()]);
    expect(await trackingRows()).toBe(1);
    expect(await count("select count(*) as n from case_tracking_events where tracking_number = 'RH00000000000'")).toBe(0);
  });
});
