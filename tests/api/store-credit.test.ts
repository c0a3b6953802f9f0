// Store credit over the API (issue 22 §3): the customer reads their own accounts on `me`, staff any customer's, a
// merchant only its own customers' accounts with it (NOT_FOUND otherwise, as for an unknown id); credit is spent on a
// pending order or an exchange's replacement order, at most what is left of its total, and given back when the order is cancelled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/src/modules/returns/actor.js';
import { issueStoreCredit } from '../../server/src/modules/store-credit/store-credit.service.js';
import { INSPECT, deliveredOrder, passAllItems, query, receivedCase } from '../helpers/money.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const MY_CREDIT = '{ me { storeCredit { merchantId merchantName currency balanceMinor issuedMinor bonusMinor spentMinor history { kind amountMinor balanceAfterMinor caseNumber orderNumber } } } }';
const ACCOUNTS = 'query A($c: ID!) { storeCreditAccounts(customerId: $c) { merchantName balanceMinor history { kind amountMinor actorLabel } } }';
const SPEND = 'mutation S($o: ID!, $a: Int!, $k: String!) { spendStoreCredit(orderId: $o, amountMinor: $a, idempotencyKey: $k) { duplicate account { balanceMinor spentMinor history { kind amountMinor orderNumber caseNumber } } } }';
const system: Actor = { kind: 'system', userId: null, merchantId: null, label: 'system' };

describe('store credit API', () => {
  let server: TestServer;
  let customer: ApiClient;
  let otherCustomer: ApiClient;
  let merchant: ApiClient;
  let otherMerchant: ApiClient;
  let ops: ApiClient;
  let admin: ApiClient;
  const ids: Record<string, string> = {};

  const issue = (customerId: string, merchantId: string, amountMinor: number, bonusMinor: number, idempotencyKey: string) =>
    server.orm.em.fork().transactional((em) => issueStoreCredit(em, { customerId, merchantId, currency: 'USD', amountMinor, bonusMinor, caseId: null, idempotencyKey, actor: system }));
  const orderOf = async (username: string, status: string, merchantName: string) =>
    (await query(server.orm, `select o.id, o.number, o.total_minor from orders o join users u on u.id = o.customer_id join merchant_profiles m on m.id = o.merchant_id
      where u.username = ? and o.status = ? and m.name = ? order by o.placed_at limit 1`, [username, status, merchantName]))[0];

  /** A new customer of the merchant with pending orders of these totals (each test its own, so none depends on another). */
  const shopper = async (username: string, merchantName: string, totals: number[]) => {
    const [{ id }] = await query(server.orm, `insert into users (id, username, email, display_name, role, active, password_hash, created_at, updated_at)
      values (gen_random_uuid(), ?, ?, ?, 'customer', true, 'x', now(), now()) returning id`, [username, `${username}@returnhub.test`, username]);
    const orders: Array<{ id: string; number: string; total_minor: number }> = [];
    for (const [n, total] of totals.entries()) {
      orders.push((await query(server.orm, `insert into orders (id, number, customer_id, merchant_id, status, currency, subtotal_minor, shipping_fee_minor, tax_minor, total_minor, placed_at, version, created_at, updated_at)
        values (gen_random_uuid(), ?, ?, ?, 'pending', 'USD', ?, 0, 0, ?, now(), 1, now(), now()) returning id, number, total_minor`, [`ORD-${username}-${n}`, id, ids[merchantName], total, total]))[0]);
    }
    return { id: id as string, orders };
  };

  beforeAll(async () => {
    server = await startTestServer();
    [customer, otherCustomer, merchant, otherMerchant, ops, admin] = await Promise.all(
      ['customer.one', 'customer.two', 'merchant.one', 'merchant.two', 'ops.demo', 'admin.demo'].map((u) => server.as(u)),
    );
    for (const row of await query(server.orm, "select username as key, id from users where username in ('customer.one', 'customer.two', 'ops.demo') union all select name, id from merchant_profiles")) ids[row.key] = row.id;
    await issue(ids['customer.one'], ids['Northwind Goods'], 5_000, 500, 'seed-nw');
    await issue(ids['customer.one'], ids['Bazaar Marketplace'], 2_000, 0, 'seed-bz');
  });
  afterAll(() => server.close());

  it('shows the customer their own accounts with totals and history, newest first; nobody else\'s', async () => {
    const mine = (await customer.ok(MY_CREDIT)).me.storeCredit;
    expect(mine).toEqual([
      { merchantId: ids['Bazaar Marketplace'], merchantName: 'Bazaar Marketplace', currency: 'USD', balanceMinor: 2_000, issuedMinor: 2_000, bonusMinor: 0, spentMinor: 0,
        history: [{ kind: 'ISSUED', amountMinor: 2_000, balanceAfterMinor: 2_000, caseNumber: null, orderNumber: null }] },
      { merchantId: ids['Northwind Goods'], merchantName: 'Northwind Goods', currency: 'USD', balanceMinor: 5_500, issuedMinor: 5_000, bonusMinor: 500, spentMinor: 0,
        history: [
          { kind: 'BONUS', amountMinor: 500, balanceAfterMinor: 5_500, caseNumber: null, orderNumber: null },
          { kind: 'ISSUED', amountMinor: 5_000, balanceAfterMinor: 5_000, caseNumber: null, orderNumber: null },
        ] },
    ]);
    // customer.two holds no credit with Bazaar: customer.one's account there is not theirs to see.
    expect((await otherCustomer.ok(MY_CREDIT)).me.storeCredit.filter((a: any) => a.merchantName === 'Bazaar Marketplace')).toEqual([]);
    // Who made a movement (a username for staff) is not the customer's to read.
    const labels = await customer.gql('{ me { storeCredit { history { actorLabel } } } }');
    expect(errorCode(labels)).toBe('FORBIDDEN');
  });

  it('shows staff every account of a customer, and a merchant only its own; anyone else gets NOT_FOUND', async () => {
    for (const staff of [ops, admin]) {
      const accounts = (await staff.ok(ACCOUNTS, { c: ids['customer.one'] })).storeCreditAccounts;
      expect(accounts.map((a: any) => [a.merchantName, a.balanceMinor])).toEqual([['Bazaar Marketplace', 2_000], ['Northwind Goods', 5_500]]);
      expect(accounts[1].history[0].actorLabel).toBe('system');
    }
    const own = (await merchant.ok('query A($c: ID!) { storeCreditAccounts(customerId: $c) { merchantName balanceMinor } }', { c: ids['customer.one'] })).storeCreditAccounts;
    expect(own).toEqual([{ merchantName: 'Northwind Goods', balanceMinor: 5_500 }]);
    // A customer with an order at Northwind but no credit: an empty list, not an error.
    const browser = await shopper('credit.browser', 'Northwind Goods', [1_000]);
    expect((await merchant.ok('query A($c: ID!) { storeCreditAccounts(customerId: $c) { balanceMinor } }', { c: browser.id })).storeCreditAccounts).toEqual([]);
    // Not a customer, not a customer of this merchant, or no such id: the same NOT_FOUND.
    const newcomer = (await query(server.orm, `insert into users (id, username, email, display_name, role, active, password_hash, created_at, updated_at)
      values (gen_random_uuid(), 'credit.newcomer', 'credit.newcomer@returnhub.test', 'New', 'customer', true, 'x', now(), now()) returning id`))[0].id;
    for (const [client, customerId] of [[merchant, newcomer], [merchant, ids['ops.demo']], [ops, ids['ops.demo']], [ops, '00000000-0000-4000-8000-000000000000'], [admin, 'not-an-id']] as const) {
      expect(errorCode(await client.gql(ACCOUNTS, { c: customerId }))).toBe('NOT_FOUND');
    }
  });

  it('spends credit on a pending order: capped at the order total, refused beyond the balance, idempotent, scoped, given back on cancel', async () => {
    const buyer = await shopper('credit.spender', 'Northwind Goods', [3_000]);
    const [pending] = buyer.orders;
    await issue(buyer.id, ids['Northwind Goods'], 5_000, 500, 'spender-credit');
    const spent = (await merchant.ok(SPEND, { o: pending.id, a: 1_500, k: 'checkout-1' })).spendStoreCredit;
    expect(spent).toEqual({ duplicate: false, account: { balanceMinor: 4_000, spentMinor: 1_500, history: expect.arrayContaining([{ kind: 'SPENT', amountMinor: -1_500, orderNumber: pending.number, caseNumber: null }]) } });
    expect(spent.account.history[0].kind).toBe('SPENT');
    // The same key again: nothing more is spent.
    expect((await merchant.ok(SPEND, { o: pending.id, a: 1_500, k: 'checkout-1' })).spendStoreCredit).toMatchObject({ duplicate: true, account: { balanceMinor: 4_000 } });

    const over = await merchant.gql(SPEND, { o: pending.id, a: 1_501, k: 'checkout-2' });
    expect([errorCode(over), over.errors?.[0]?.extensions?.rule]).toEqual(['CONFLICT', 'CREDIT_EXCEEDS_ORDER']);
    // A customer without credit with Northwind: their pending order cannot be paid with any.
    const [unpaid] = (await shopper('credit.broke', 'Northwind Goods', [2_000])).orders;
    const tooMuch = await ops.gql(SPEND, { o: unpaid.id, a: 100, k: 'checkout-3' });
    expect([errorCode(tooMuch), tooMuch.errors?.[0]?.extensions?.rule]).toEqual(['CONFLICT', 'INSUFFICIENT_STORE_CREDIT']);
    expect(tooMuch.errors?.[0]?.message).toMatch(/^Not enough store credit/);
    // Orders already paid by card (confirmed) or past processing are not paid with credit.
    for (const status of ['confirmed', 'delivered']) {
      const paid = await orderOf('customer.one', status, 'Northwind Goods');
      const late = await admin.gql(SPEND, { o: paid.id, a: 100, k: `checkout-${status}` });
      expect([errorCode(late), late.errors?.[0]?.extensions?.rule]).toEqual(['CONFLICT', 'ORDER_NOT_PAYABLE']);
    }
    // Another merchant's order does not exist for merchant.two; bad amounts are refused before anything is read.
    expect(errorCode(await otherMerchant.gql(SPEND, { o: pending.id, a: 100, k: 'checkout-5' }))).toBe('NOT_FOUND');
    expect(errorCode(await merchant.gql(SPEND, { o: pending.id, a: 0, k: 'checkout-6' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await merchant.gql(SPEND, { o: pending.id, a: 10, k: '' }))).toBe('BAD_USER_INPUT');

    const movements = () => query(server.orm, 'select kind, amount_minor from store_credit_movements where customer_id = ? order by seq', [buyer.id]);
    expect(await movements()).toEqual([{ kind: 'ISSUED', amount_minor: 5_000 }, { kind: 'BONUS', amount_minor: 500 }, { kind: 'SPENT', amount_minor: -1_500 }]);

    // The order is cancelled: the credit spent on it comes back, once.
    expect((await ops.ok('mutation C($id: ID!) { cancelOrder(id: $id) { status } }', { id: pending.id })).cancelOrder.status).toBe('CANCELLED');
    expect(errorCode(await ops.gql('mutation C($id: ID!) { cancelOrder(id: $id) { status } }', { id: pending.id }))).toBe('INVALID_TRANSITION');
    const [account] = (await ops.ok(ACCOUNTS.replace('actorLabel', 'actorLabel balanceAfterMinor orderNumber'), { c: buyer.id })).storeCreditAccounts;
    expect(account.balanceMinor).toBe(5_500);
    expect(account.history[0]).toEqual({ kind: 'ISSUED', amountMinor: 1_500, actorLabel: 'ops.demo', balanceAfterMinor: 5_500, orderNumber: pending.number });
    expect(await movements()).toHaveLength(4);
    expect(errorCode(await merchant.gql(SPEND, { o: pending.id, a: 100, k: 'after-cancel' }))).toBe('CONFLICT');
  });

  it('lets only one of two orders racing for the same credit have it', async () => {
    // 2,000 of credit; two pending orders each ask for 1,500 at the same time.
    const racer = await shopper('credit.racer', 'Bazaar Marketplace', [3_000, 3_000]);
    await issue(racer.id, ids['Bazaar Marketplace'], 2_000, 0, 'racer-credit');
    const results = await Promise.all(racer.orders.map((o, n) => otherMerchant.gql(SPEND, { o: o.id, a: 1_500, k: `race-${n}` })));
    expect(results.map((r) => (r.errors ? r.errors[0].extensions?.rule : 'spent')).sort()).toEqual(['INSUFFICIENT_STORE_CREDIT', 'spent']);
    const [account] = (await ops.ok('query A($c: ID!) { storeCreditAccounts(customerId: $c) { balanceMinor spentMinor } }', { c: racer.id })).storeCreditAccounts;
    expect(account).toEqual({ balanceMinor: 500, spentMinor: 1_500 });
  });

  it("pays an exchange's replacement order with credit and records it on the exchange case for both parties", async () => {
    const order = await deliveredOrder(server, admin, 'customer.two');
    const rc = await receivedCase({ customer: otherCustomer, merchant }, order, 'EXCHANGE', 'DEFECTIVE_DAMAGED');
    const items = (await passAllItems(merchant, rc.id)).map((i: any) => ({ ...i, condition: 'DEFECTIVE', restockable: false }));
    await merchant.ok(INSPECT, { id: rc.id, input: { passed: true, items } });
    const { exchangeOrder } = (await otherCustomer.ok('query Q($id: ID!) { returnCase(id: $id) { exchangeOrder { id number status } } }', { id: rc.id })).returnCase;
    expect(exchangeOrder.status).toBe('CONFIRMED');
    await issue(ids['customer.two'], ids['Northwind Goods'], 300, 0, 'goodwill');

    const spent = (await merchant.ok(SPEND, { o: exchangeOrder.id, a: 250, k: `upgrade-${rc.id}` })).spendStoreCredit;
    expect(spent.account.history[0]).toEqual({ kind: 'SPENT', amountMinor: -250, orderNumber: exchangeOrder.number, caseNumber: rc.number });
    for (const client of [otherCustomer, merchant]) {
      const { timeline } = (await client.ok('query Q($id: ID!) { returnCase(id: $id) { timeline { type payload } } }', { id: rc.id })).returnCase;
      expect(timeline.filter((e: any) => e.type === 'store_credit_spent').map((e: any) => e.payload)).toEqual([{ amountMinor: 250, currency: 'USD', balanceMinor: 50, orderId: exchangeOrder.id }]);
    }
    expect((await otherCustomer.ok(MY_CREDIT)).me.storeCredit.map((a: any) => a.balanceMinor)).toEqual([50]);

    // The replacement is cancelled: the 250 spent on it come back, and the case records that too.
    await otherCustomer.ok('mutation C($id: ID!) { cancelOrder(id: $id) { status } }', { id: exchangeOrder.id });
    expect((await otherCustomer.ok(MY_CREDIT)).me.storeCredit.map((a: any) => a.balanceMinor)).toEqual([300]);
    const { timeline } = (await otherCustomer.ok('query Q($id: ID!) { returnCase(id: $id) { timeline { type payload } } }', { id: rc.id })).returnCase;
    expect(timeline.filter((e: any) => e.type === 'store_credit_issued').map((e: any) => e.payload)).toEqual([{ amountMinor: 250, bonusMinor: 0, currency: 'USD', balanceMinor: 300 }]);
  });
});
