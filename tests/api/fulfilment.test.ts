// Fulfilment: the return label (carrier port → PDF, parties only, on every path to APPROVED), exchanges, input
// checks of the dedicated operations, and merchant policy.
import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinTrackingNumber, labelQrPayload, luhnCheckDigit } from '../../server/src/modules/fulfilment/builtin-carrier.js';
import { CASE, CREATE, DECIDE, INSPECT, ORDER, RECEIVE, deliveredOrder, passAllItems, providerRefunds, query, receivedCase, ship, shipOk, stockOf } from '../helpers/money.js';
import { demoCase, freshDeliveredOrders, newCustomerWithOrder } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

/** The filled squares of the label's QR code, read back from the PDF's (deflated) page content. */
function qrModulesInPdf(pdf: Buffer): Set<string> {
  const text = pdf.toString('latin1');
  const squares = new Set<string>();
  for (const match of text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1], 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const [, x, y, w] of content.matchAll(/(-?[\d.]+) (-?[\d.]+) ([\d.]+) [\d.]+ re/g)) {
      const cell = Number(w);
      if (cell > 5) continue; // the frame, not a module
      squares.add(`${Math.round((Number(y) - 198) / cell) - 4},${Math.round((Number(x) - 14) / cell) - 4}`);
    }
  }
  return squares;
}

describe('return labels', () => {
  let server: TestServer;
  let customer: ApiClient;
  let merchant: ApiClient;
  let admin: ApiClient;

  beforeEach(async () => {
    server = await startTestServer();
    [customer, merchant, admin] = await Promise.all([server.as('customer.one'), server.as('merchant.one'), server.as('admin.demo')]);
  });
  afterEach(() => server.close());

  const download = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

  it('issues a PDF label on approval that only the parties of the case can download', async () => {
    const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
    const created = (await customer.ok(CREATE, { input: { orderId: order.id, reason: 'NOT_AS_DESCRIBED', items: [{ orderItemId: order.items[0].id, quantity: 1 }] } })).createReturnCase;
    expect((await download(`/files/labels/${created.id}`, { cookie: customer.sessionCookie! })).status).toBe(404); // not issued before approval

    await merchant.ok(DECIDE, { id: created.id, d: 'APPROVE' });
    const rc = (await customer.ok(CASE, { id: created.id })).returnCase;
    expect(rc).toMatchObject({ labelUrl: `/files/labels/${created.id}`, labelCarrier: 'ReturnHub Post', labelTrackingNumber: builtinTrackingNumber(created.id) });
    expect(rc.timeline.map((e: any) => e.type).slice(-2)).toEqual(['status_changed', 'return_label_issued']);

    const token = (await merchant.ok('mutation { createApiToken(name: "labels") { secret } }')).createApiToken.secret;
    const [ops, otherCustomer, otherMerchant] = await Promise.all([server.as('ops.demo'), server.as('customer.two'), server.as('merchant.two')]);
    const parties: Array<[string, Record<string, string>]> = [
      ['customer', { cookie: customer.sessionCookie! }],
      ['merchant', { cookie: merchant.sessionCookie! }],
      ['partner token', { authorization: `Bearer ${token}` }],
      ['ops', { cookie: ops.sessionCookie! }],
    ];
    let pdf: Buffer | undefined;
    for (const [who, headers] of parties) {
      const response = await download(rc.labelUrl, headers);
      expect(response.status, who).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      pdf = Buffer.from(await response.arrayBuffer());
      expect(pdf.subarray(0, 5).toString(), who).toBe('%PDF-');
    }
    const others: Array<[string, Record<string, string>, number]> = [
      ['another customer', { cookie: otherCustomer.sessionCookie! }, 404],
      ['another merchant', { cookie: otherMerchant.sessionCookie! }, 404],
      ['a forged token', { authorization: 'Bearer rhp_forged' }, 401],
      ['nobody', {}, 401],
    ];
    for (const [who, headers, status] of others) {
      const response = await download(rc.labelUrl, headers);
      expect(response.status, who).toBe(status);
      expect(response.headers.get('content-type'), who).not.toContain('pdf');
    }
    expect((await download('/files/labels/00000000-0000-4000-8000-000000000000', { cookie: customer.sessionCookie! })).status).toBe(404);
    expect((await download('/files/labels/..%2F..%2Fetc%2Fpasswd', { cookie: customer.sessionCookie! })).status).toBe(404);

    // What is printed: the case, the order, the tracking number, and a QR code that encodes them.
    const text = pdf!.toString('latin1');
    expect(text).toContain(`(Return label ${rc.number})`);
    expect(text).toContain(`(ReturnHub Post ${rc.labelTrackingNumber})`);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const qr = QRCode.create(labelQrPayload(rc.number, rc.labelTrackingNumber), { errorCorrectionLevel: 'M' });
    const expected = new Set<string>();
    for (let r = 0; r < qr.modules.size; r++) for (let c = 0; c < qr.modules.size; c++) if (qr.modules.get(r, c)) expected.add(`${r},${c}`);
    expect(qrModulesInPdf(pdf!)).toEqual(expected);
  });

  it('makes tracking numbers deterministic, with a valid check digit', () => {
    const id = '6f1c2f7e-3b1a-4c55-9d7e-1a2b3c4d5e6f';
    const tracking = builtinTrackingNumber(id);
    expect(tracking).toMatch(/^RH\d{11}$/);
    expect(builtinTrackingNumber(id)).toBe(tracking);
    expect(Number(tracking.at(-1))).toBe(luhnCheckDigit(tracking.slice(2, 12)));
    expect(luhnCheckDigit('7992739871')).toBe(3); // the textbook Luhn example
  });

  it('issues the label on every path to APPROVED: a dispute overturned by ops', async () => {
    const rc = await demoCase(server.orm, 'disputed');
    const ops = await server.as('ops.demo');
    const resolved = (await ops.ok('mutation R($id: ID!) { resolveDispute(id: $id, outcome: OVERTURN, note: "Photos support the claim.") { status labelUrl labelTrackingNumber } }', { id: rc.id })).resolveDispute;
    expect(resolved).toMatchObject({ status: 'APPROVED', labelUrl: `/files/labels/${rc.id}`, labelTrackingNumber: builtinTrackingNumber(rc.id) });
    expect((await download(resolved.labelUrl, { cookie: ops.sessionCookie! })).status).toBe(200);
  });

  it('checks the input of the dedicated operations and changes nothing when it is wrong', async () => {
    const order = await deliveredOrder(server, admin, 'customer.one');
    const created = (await customer.ok(CREATE, { input: { orderId: order.id, reason: 'CHANGED_MIND', items: [{ orderItemId: order.items[0].id, quantity: 1 }] } })).createReturnCase;
    // Not approved yet: the move does not exist from SUBMITTED.
    expect(errorCode(await ship(customer, { id: created.id, c: 'UPS', t: '1Z999' }))).toBe('INVALID_TRANSITION');
    await merchant.ok(DECIDE, { id: created.id, d: 'APPROVE' });
    for (const [c, t] of [['', '1Z999'], ['UPS', 'x'], ['UPS', '<script>'], ['U'.repeat(61), '1Z999']]) {
      expect(errorCode(await ship(customer, { id: created.id, c, t })), `${c}/${t}`).toBe('BAD_USER_INPUT');
    }
    // The generic mutation cannot skip the dedicated operation.
    const generic = await customer.gql('mutation T($id: ID!) { transitionReturnCase(id: $id, to: IN_TRANSIT) { status } }', { id: created.id });
    expect(errorCode(generic)).toBe('INVALID_TRANSITION');
    expect(generic.errors![0].extensions).toMatchObject({ operation: 'confirmReturnShipment' });
    // Only the parties may ship: the merchant cannot confirm the customer's shipment.
    expect(errorCode(await ship(merchant, { id: created.id, c: 'UPS', t: '1Z999' }))).toBe('FORBIDDEN');
    expect((await customer.ok(CASE, { id: created.id })).returnCase).toMatchObject({ status: 'APPROVED', carrier: null, trackingNumber: null });

    await shipOk(customer, { id: created.id, c: 'DHL Express', t: 'JD0146 0000 1234' });
    expect(errorCode(await customer.gql(RECEIVE, { id: created.id }))).toBe('FORBIDDEN');
    await merchant.ok(RECEIVE, { id: created.id });
    const items = await passAllItems(merchant, created.id);
    const bad: Array<[string, unknown]> = [
      ['missing item', { passed: true, items: [] }],
      ['unknown item', { passed: true, items: [{ ...items[0], returnItemId: '00000000-0000-4000-8000-000000000000' }] }],
      ['listed twice', { passed: true, items: [items[0], items[0]] }],
      ['damaged but restockable', { passed: true, items: [{ ...items[0], condition: 'DAMAGED', restockable: true }] }],
      ['negative refund', { passed: true, items, refundAmountMinor: -1, adjustmentReason: 'x' }],
      ['reason without amount', { passed: true, items, adjustmentReason: 'x' }],
      ['adjusting a failed inspection', { passed: false, notes: 'Broken', items, refundAmountMinor: 1, adjustmentReason: 'x' }],
    ];
    for (const [what, input] of bad) expect(errorCode(await merchant.gql(INSPECT, { id: created.id, input })), what).toBe('BAD_USER_INPUT');
    const unchanged = (await merchant.ok(CASE, { id: created.id })).returnCase;
    expect(unchanged).toMatchObject({ status: 'RECEIVED', inspectionPassed: null, refunds: [] });
    expect(unchanged.items[0]).toMatchObject({ condition: null, restockable: null });
  });
});

describe('exchanges', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.close());

  it('sends a replacement order at the original prices, takes it from stock, does not restock the returned items, and pays nothing', async () => {
    const [customer, merchant, admin] = await Promise.all([server.as('customer.one'), server.as('merchant.one'), server.as('admin.demo')]);
    const order = await deliveredOrder(server, admin, 'customer.one');
    const [line] = order.items;
    // The price changed since the order: the replacement keeps the price paid.
    await server.orm.em.getConnection().execute('update products set price_minor = price_minor + 1000 where sku = ?', [line.sku]);
    const stock = await stockOf(server.orm, line.sku);
    const rc = await receivedCase({ customer, merchant }, order, 'EXCHANGE', 'DEFECTIVE_DAMAGED');
    const inspected = (await merchant.ok(INSPECT, { id: rc.id, input: { passed: true, items: (await passAllItems(merchant, rc.id)).map((i: any) => ({ ...i, condition: 'DEFECTIVE', restockable: false })) } })).recordInspection;
    expect(inspected.status).toBe('EXCHANGED');

    const done = (await customer.ok(CASE, { id: rc.id })).returnCase;
    expect(done.exchangeOrder).toMatchObject({ number: `EXC-${rc.number}`, status: 'CONFIRMED', totalMinor: line.unitPriceMinor * line.quantity, items: [{ sku: line.sku, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor }] });
    expect((await customer.ok(ORDER, { id: done.exchangeOrder.id })).order.refunds).toEqual([]);
    expect(await stockOf(server.orm, line.sku)).toBe(stock - line.quantity);
    expect(await providerRefunds(server.orm)).toEqual([]);
    expect(done.refunds).toEqual([]);
    const [{ restocked }] = await query<{ restocked: string }>(server.orm, 'select count(*) filter (where restocked_at is not null) as restocked from return_items where return_case_id = ?', [rc.id]);
    expect(Number(restocked)).toBe(0);
  });

  it('refuses an exchange when the replacement is out of stock, and records nothing of the inspection', async () => {
    const [customer, merchant, admin] = await Promise.all([server.as('customer.one'), server.as('merchant.one'), server.as('admin.demo')]);
    const order = await deliveredOrder(server, admin, 'customer.one');
    const rc = await receivedCase({ customer, merchant }, order, 'EXCHANGE', 'WRONG_ITEM');
    await server.orm.em.getConnection().execute('update products set stock = 0 where sku = ?', [order.items[0].sku]);
    const refused = await merchant.gql(INSPECT, { id: rc.id, input: { passed: true, items: await passAllItems(merchant, rc.id) } });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0].message).toMatch(/Not enough stock/);
    const unchanged = (await merchant.ok(CASE, { id: rc.id })).returnCase;
    expect(unchanged).toMatchObject({ status: 'RECEIVED', inspectionPassed: null, exchangeOrder: null });
    expect(await stockOf(server.orm, order.items[0].sku)).toBe(0);
    const [{ n }] = await query<{ n: string }>(server.orm, 'select count(*) as n from orders where replaces_case_id = ?', [rc.id]);
    expect(Number(n)).toBe(0);
  });

  it('restocks the restockable items of a passed refund case once, and not the others', async () => {
    const [customer, merchant] = await Promise.all([server.as('customer.one'), server.as('merchant.one')]);
    const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
    const returnable = order.items.filter((i) => !i.finalSale);
    expect(returnable.length).toBe(2);
    const before = await Promise.all(returnable.map((i) => stockOf(server.orm, i.sku)));
    const rc = await receivedCase({ customer, merchant }, { id: order.id, items: returnable });
    const items = (await customer.ok(CASE, { id: rc.id })).returnCase.items;
    const input = { passed: true, items: items.map((i: any, n: number) => ({ returnItemId: i.id, condition: n === 0 ? 'NEW' : 'USED', restockable: n === 0 })) };
    await merchant.ok(INSPECT, { id: rc.id, input });
    const after = await Promise.all(returnable.map((i) => stockOf(server.orm, i.sku)));
    const byId = new Map(items.map((i: any) => [i.orderItem.sku, i.quantity]));
    expect(after).toEqual([before[0] + Number(byId.get(returnable[0].sku)), before[1]]);

    // Restocking again (a retried step) changes nothing.
    const { restockReturnedItems } = await import('../../server/src/modules/orders/stock.js');
    const em = server.orm.em.fork();
    expect(await em.transactional((tx) => restockReturnedItems(tx, rc.id, new Date()))).toBe(0);
    expect(await Promise.all(returnable.map((i) => stockOf(server.orm, i.sku)))).toEqual(after);
  });
});

describe('merchant policy', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.close());

  const POLICY = 'query P($m: ID!) { merchantPolicy(merchantId: $m) { name returnWindowDays responseSlaHours slaTimeoutAction autoApproveLimitMinor restockingFeePercent refundShipping warehouseAddress } }';
  const UPDATE = 'mutation U($m: ID!, $i: MerchantPolicyInput!) { updateMerchantPolicy(merchantId: $m, input: $i) { returnWindowDays responseSlaHours restockingFeePercent autoApproveLimitMinor refundShipping warehouseAddress slaTimeoutAction policyChanges { actorLabel changes } } }';

  it('is read by its merchant and staff, changed by admins with validation, and every change is audited', async () => {
    const [merchantOne, merchantTwo, ops, admin] = await Promise.all([server.as('merchant.one'), server.as('merchant.two'), server.as('ops.demo'), server.as('admin.demo')]);
    const ids = Object.fromEntries((await query<{ id: string; name: string }>(server.orm, 'select id, name from merchant_profiles')).map((r) => [r.name, r.id]));
    const northwind = ids['Northwind Goods'];
    expect((await merchantOne.ok(POLICY, { m: northwind })).merchantPolicy).toMatchObject({ name: 'Northwind Goods', returnWindowDays: 30, responseSlaHours: 48, slaTimeoutAction: 'ESCALATE' });
    expect((await ops.ok(POLICY, { m: ids['Bazaar Marketplace'] })).merchantPolicy).toMatchObject({ returnWindowDays: 7, restockingFeePercent: 10, refundShipping: true });
    expect(errorCode(await merchantTwo.gql(POLICY, { m: northwind }))).toBe('NOT_FOUND');
    expect(errorCode(await merchantOne.gql(UPDATE, { m: northwind, i: { returnWindowDays: 60 } }))).toBe('FORBIDDEN');

    const invalid: Array<Record<string, unknown>> = [
      { returnWindowDays: 0 }, { returnWindowDays: 366 }, { responseSlaHours: 0 }, { responseSlaHours: 721 },
      { restockingFeePercent: -1 }, { restockingFeePercent: 101 }, { autoApproveLimitMinor: -5 }, { warehouseAddress: '   ' },
    ];
    for (const i of invalid) expect(errorCode(await admin.gql(UPDATE, { m: northwind, i })), JSON.stringify(i)).toBe('BAD_USER_INPUT');
    expect((await admin.ok(POLICY, { m: northwind })).merchantPolicy).toMatchObject({ returnWindowDays: 30, restockingFeePercent: 0 });

    const updated = (await admin.ok(UPDATE, { m: northwind, i: { returnWindowDays: 14, restockingFeePercent: 15, slaTimeoutAction: 'AUTO_REJECT', warehouseAddress: '  1 New Dock, Reno, NV  ' } })).updateMerchantPolicy;
    expect(updated).toMatchObject({ returnWindowDays: 14, restockingFeePercent: 15, slaTimeoutAction: 'AUTO_REJECT', warehouseAddress: '1 New Dock, Reno, NV', responseSlaHours: 48 });
    expect(updated.policyChanges).toEqual([
      {
        actorLabel: 'admin.demo',
        changes: {
          returnWindowDays: { from: 30, to: 14 },
          restockingFeePercent: { from: 0, to: 15 },
          slaTimeoutAction: { from: 'escalate', to: 'auto_reject' },
          warehouseAddress: { from: 'Northwind Returns, Dock 4, 200 Industrial Way, Reno, NV 89502, USA', to: '1 New Dock, Reno, NV' },
        },
      },
    ]);
    // A no-op change records nothing.
    expect((await admin.ok(UPDATE, { m: northwind, i: { returnWindowDays: 14 } })).updateMerchantPolicy.policyChanges).toHaveLength(1);
    // The new fee applies to the next case.
    const customer = await server.as('customer.one');
    const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
    const opened = (await customer.ok(CREATE, { input: { orderId: order.id, reason: 'CHANGED_MIND', items: [{ orderItemId: order.items[0].id, quantity: 1 }] } })).createReturnCase;
    expect(opened.refundAmountMinor).toBe(order.items[0].unitPriceMinor - Math.floor((order.items[0].unitPriceMinor * 15 + 50) / 100));
  });
});

describe('automatic approval', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.close());

  it('issues the return label for a case approved automatically at opening (SYSTEM path to APPROVED)', async () => {
    // A first-time customer's cheap wrong item: low risk, under Bazaar's 25.00 limit (see risk.test.ts).
    const order = await newCustomerWithOrder(server.orm, { username: 'first.labels', merchantName: 'Bazaar Marketplace', skus: [['BZ-PLANT-04', 1], ['BZ-SCARF-02', 1]] });
    const customer = await server.as('first.labels');
    const plant = order.items.find((i) => i.sku === 'BZ-PLANT-04')!;
    const input = { orderId: order.id, items: [{ orderItemId: plant.id, quantity: 1 }], reason: 'WRONG_ITEM', description: 'Received a different planter; photos of the box label attached.' };
    const { id } = (await customer.ok(CREATE, { input })).createReturnCase;
    const rc = (await customer.ok(CASE, { id })).returnCase;
    expect(rc).toMatchObject({ status: 'APPROVED', labelUrl: `/files/labels/${id}`, labelTrackingNumber: builtinTrackingNumber(id) });
    expect(rc.timeline.filter((e: any) => e.type === 'return_label_issued')).toHaveLength(1);
    const label = await fetch(`${server.url}${rc.labelUrl}`, { headers: { cookie: customer.sessionCookie! } });
    expect(label.status).toBe(200);
    expect(Buffer.from(await label.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
