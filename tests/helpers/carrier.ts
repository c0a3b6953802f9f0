import { builtinTrackingNumber } from '../../server/src/modules/fulfilment/builtin-carrier.js';
import { CARRIER_SIGNATURE_HEADER, signTrackingBody } from '../../server/src/modules/fulfilment/tracking-webhook.js';
import { openCaseFor } from './job-harness.js';
import type { ApiClient, TestServer } from './test-server.js';

/** A case with what the carrier tests read: status, shipment, milestones, the carrier's events and the audit trail. */
export const TRACKED_CASE = `query T($id: ID!) { returnCase(id: $id) { id status version carrier trackingNumber shippedAt receivedAt
  tracking { eventId kind trackingNumber occurredAt location description movedTo carrier }
  timeline { type fromStatus toStatus actorLabel payload } } }`;

const DECIDE = 'mutation D($id: ID!) { decideReturnCase(id: $id, decision: APPROVE) { status labelTrackingNumber } }';

/** A new case of `customer` at Northwind Goods, approved by its merchant (merchant.one): it has a built-in carrier label. */
export async function approvedCase(server: TestServer, merchant: ApiClient, customer = 'customer.one'): Promise<{ id: string; customer: ApiClient; trackingNumber: string }> {
  const opened = await openCaseFor(server, customer, 'Northwind Goods');
  const approved = (await merchant.ok(DECIDE, { id: opened.id })).decideReturnCase;
  if (approved.labelTrackingNumber !== builtinTrackingNumber(opened.id)) throw new Error('the approval issued no built-in label');
  return { id: opened.id, customer: opened.customer, trackingNumber: approved.labelTrackingNumber };
}

/** Posts a body to the server's carrier webhook, with the signature header given (none when undefined). */
export function postCarrierWebhook(server: TestServer, body: string, signature?: string): Promise<Response> {
  return fetch(`${server.url}/webhooks/carrier`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { [CARRIER_SIGNATURE_HEADER]: signature } : {}) },
    body,
  });
}

/** Posts an event as the carrier does: signed now (by the server's clock) with the configured carrier secret. */
export function sendCarrierEvent(server: TestServer, event: Record<string, unknown>): Promise<Response> {
  const body = JSON.stringify(event);
  return postCarrierWebhook(server, body, signTrackingBody(server.config.carrier.webhookSecret, body, server.clock.now()));
}
