import type { MikroORM } from '@mikro-orm/postgresql';
import { SimulatedPaymentProvider } from '../../server/src/modules/payments/simulated/simulated-provider.js';
import { seedNow } from './test-db.js';
import type { ApiClient, GraphQLResponse, TestServer } from './test-server.js';
import { type UploadFile, file, multipartForm, png } from './uploads.js';

// Operations of the fulfilment and money tests, with variables (never interpolated).
// A refund's provider internals reach no customer: CASE asks for them only with `internals: true` (staff, merchants).
export const CASE = `query C($id: ID!, $internals: Boolean! = false) { returnCase(id: $id) { id number status version refundAmountMinor restockingFeeMinor carrier trackingNumber
  labelUrl labelCarrier labelTrackingNumber decisionReason inspectionPassed inspectionNotes refundAdjustmentReason shippedAt receivedAt inspectedAt refundedAt
  items { id quantity condition restockable orderItem { sku } } refunds { id amountMinor state idempotencyKey @include(if: $internals) attempts @include(if: $internals) providerRefundId @include(if: $internals) }
  exchangeOrder { id number status totalMinor items { sku quantity unitPriceMinor } }
  timeline { type fromStatus toStatus actorLabel payload } messages { body } } }`;
export const CREATE = 'mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id number status version refundAmountMinor } }';
export const DECIDE = 'mutation D($id: ID!, $d: CaseDecision!, $r: String) { decideReturnCase(id: $id, decision: $d, reason: $r) { status version labelUrl } }';
/** confirmReturnShipment takes photos: send it with `ship`/`shipOk` (a multipart request), not as JSON. */
export const SHIP = `mutation S($id: ID!, $c: String!, $t: String!, $d: String!, $photos: [Upload!]!, $v: Int) {
  confirmReturnShipment(id: $id, carrier: $c, trackingNumber: $t, description: $d, photos: $photos, expectedVersion: $v) {
    status version carrier trackingNumber shippedAt shipmentDescription documents(kind: SHIPMENT_EVIDENCE) { id fileName contentType } } }`;
export const SHIPMENT_DESCRIPTION = 'Both items in the original box, sealed with tape.';
export const RECEIVE = 'mutation R($id: ID!, $v: Int) { markReturnReceived(id: $id, expectedVersion: $v) { status version receivedAt } }';
export const INSPECT = `mutation I($id: ID!, $input: RecordInspectionInput!, $v: Int) { recordInspection(id: $id, input: $input, expectedVersion: $v) {
  status version refundAmountMinor refundAdjustmentReason inspectionPassed refunds { idempotencyKey amountMinor state } } }`;
/** ORDER and CANCEL_ORDER are asked by customers, who do not see a refund's provider internals (idempotency key …). */
export const ORDER = `query O($id: ID!) { order(id: $id) { id number status cancellationPending cancellationRequestedAt deliveredAt shippedAt cancelledAt
  subtotalMinor shippingFeeMinor taxMinor totalMinor items { id sku quantity unitPriceMinor } refunds { id amountMinor state } } }`;
export const SHIP_ORDER = 'mutation S($id: ID!) { markOrderShipped(id: $id) { status shippedAt } }';
export const DELIVER_ORDER = 'mutation D($id: ID!) { markOrderDelivered(id: $id) { status deliveredAt } }';
export const CANCEL_ORDER = 'mutation C($id: ID!) { cancelOrder(id: $id) { id status cancellationPending cancelledAt refunds { id amountMinor state } } }';

export const simulatedProvider = (server: TestServer): SimulatedPaymentProvider => {
  const payments = server.deps.payments;
  if (!(payments instanceof SimulatedPaymentProvider)) throw new Error('this test needs the simulated payment provider');
  return payments;
};

export async function query<T = any>(orm: MikroORM, sql: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.getConnection().execute<T[]>(sql, params);
}

export async function stockOf(orm: MikroORM, sku: string): Promise<number> {
  const [row] = await query<{ stock: number }>(orm, 'select stock from products where sku = ?', [sku]);
  return row.stock;
}

/** What the provider was asked for during the test (its own books, not ReturnHub's view; the demo's refunds left out). */
export async function providerRefunds(orm: MikroORM): Promise<Array<{ id: string; idempotency_key: string; amount_minor: number; status: string }>> {
  return query(orm, 'select id, idempotency_key, amount_minor, status from simulated_provider_refunds where created_at > ? order by created_at, id', [seedNow()]);
}

/** The webhooks the simulated provider owes or sent for the refund made with `idempotencyKey`. */
export async function providerEvents(orm: MikroORM, idempotencyKey: string): Promise<Array<{ id: string; body: string; deliveries: number }>> {
  return query(orm, `select e.id, e.body, e.deliveries from simulated_provider_events e join simulated_provider_refunds r on r.id = e.refund_id
    where r.idempotency_key = ? order by e.created_at, e.id`, [idempotencyKey]);
}

/** Provider events ReturnHub recorded (de-duplication rows) about one provider refund. */
export async function recordedWebhooks(orm: MikroORM, providerRefundId: string): Promise<number> {
  const [row] = await query<{ n: string }>(orm, 'select count(*) as n from payment_webhook_events where refund_ids @> ?::jsonb', [JSON.stringify([providerRefundId])]);
  return Number(row.n);
}

/** A confirmed demo order of the customer, taken through shipping and delivery by the admin. */
export async function deliveredOrder(server: TestServer, admin: ApiClient, username: string): Promise<{ id: string; items: Array<{ id: string; sku: string; quantity: number; unitPriceMinor: number }>; totalMinor: number; subtotalMinor: number }> {
  const [row] = await query<{ id: string }>(server.orm, `select o.id from orders o join users u on u.id = o.customer_id where u.username = ? and o.status = 'confirmed' order by o.placed_at limit 1`, [username]);
  await admin.ok(SHIP_ORDER, { id: row.id });
  const delivered = (await admin.ok(DELIVER_ORDER, { id: row.id })).markOrderDelivered;
  if (delivered.status !== 'DELIVERED') throw new Error('order not delivered');
  return (await admin.ok(ORDER, { id: row.id })).order;
}

/**
 * confirmReturnShipment as the web app sends it (GraphQL multipart): variables `id`, `c` (carrier), `t` (tracking),
 * `d` (description, defaulted) and `v`, with `photos` (default: one PNG of the parcel).
 */
export async function ship(client: ApiClient, variables: Record<string, unknown>, photos?: UploadFile[]): Promise<GraphQLResponse<any>> {
  const files = photos ?? [file('parcel.png', 'image/png', await png())];
  const response = await client.multipart(multipartForm(SHIP, { d: SHIPMENT_DESCRIPTION, ...variables }, files, 'photos'));
  return (await response.json()) as GraphQLResponse<any>;
}

/** `ship`, failing the test on any error; the case as the mutation answers it. */
export async function shipOk(client: ApiClient, variables: Record<string, unknown>, photos?: UploadFile[]): Promise<any> {
  const result = await ship(client, variables, photos);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data!.confirmReturnShipment;
}

/** Opens a return on the order's items and takes it to RECEIVED through the API, as the parties would. */
export async function receivedCase(
  clients: { customer: ApiClient; merchant: ApiClient },
  order: { id: string; items: Array<{ id: string; quantity: number }> },
  type: 'REFUND' | 'EXCHANGE' = 'REFUND',
  reason = 'CHANGED_MIND',
): Promise<{ id: string; number: string }> {
  const { customer, merchant } = clients;
  const created = (await customer.ok(CREATE, { input: { orderId: order.id, type, reason, items: order.items.map((i) => ({ orderItemId: i.id, quantity: i.quantity })) } })).createReturnCase;
  await merchant.ok(DECIDE, { id: created.id, d: 'APPROVE' });
  await shipOk(customer, { id: created.id, c: 'UPS', t: '1Z 999 AA1 0123' });
  await merchant.ok(RECEIVE, { id: created.id });
  return created;
}

/** Every item of a case, passed as like-new and restockable. */
export async function passAllItems(client: ApiClient, caseId: string) {
  const rc = (await client.ok(CASE, { id: caseId })).returnCase;
  return rc.items.map((i: any) => ({ returnItemId: i.id, condition: 'LIKE_NEW', restockable: true }));
}
