// Stock per SKU (SPEC §2, issue 19 §12): scoped by merchant, ordered by SKU as a cursor connection, searchable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../helpers/money.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const STOCK = `query S($merchantId: ID, $search: String, $first: Int, $after: String) {
  stock(merchantId: $merchantId, search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id sku name stock lowStock merchant { id name } } }
  }
}`;

describe('stock', () => {
  let server: TestServer;
  let merchant: ApiClient;
  let admin: ApiClient;
  let northwind: { id: string; skus: string[] };
  let bazaar: { id: string; skus: string[] };

  const skusOf = async (name: string) => {
    const rows = await query<{ id: string; sku: string }>(server.orm,
      'select m.id, p.sku from products p join merchant_profiles m on m.id = p.merchant_id where m.name = ? order by p.sku', [name]);
    return { id: rows[0].id, skus: rows.map((r) => r.sku) };
  };

  beforeAll(async () => {
    server = await startTestServer();
    [merchant, admin] = await Promise.all([server.as('merchant.one'), server.as('admin.demo')]);
    [northwind, bazaar] = await Promise.all([skusOf('Northwind Goods'), skusOf('Bazaar Marketplace')]);
  });
  afterAll(() => server.close());

  async function walk(client: ApiClient, variables: Record<string, unknown>, first = 3): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await client.ok(STOCK, { ...variables, first, after })).stock;
      seen.push(...page.edges.map((e: any) => e.node.sku));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return seen;
  }

  it('shows a merchant (and its partner token) its own products only, every page in SKU order', async () => {
    expect(northwind.skus.length).toBeGreaterThan(3);
    const token = (await merchant.ok('mutation { createApiToken(name: "stock") { secret } }')).createApiToken.secret;
    for (const client of [merchant, server.withToken(token)]) {
      expect(await walk(client, {})).toEqual(northwind.skus);
      const other = await client.gql(STOCK, { merchantId: bazaar.id });
      expect(errorCode(other)).toBe('NOT_FOUND');
    }
    expect((await merchant.ok(STOCK, { merchantId: northwind.id })).stock.totalCount).toBe(northwind.skus.length);
  });

  it('lets admins and ops read any merchant, or every product without merchantId', async () => {
    const ops = await server.as('ops.demo');
    for (const client of [admin, ops]) {
      expect(await walk(client, { merchantId: bazaar.id }, 5)).toEqual(bazaar.skus);
      const all = (await client.ok(STOCK, { first: 100 })).stock;
      const tidewater = await skusOf('Tidewater Outfitters'); // the outcomes demo merchant (seeds/demo-outcomes.ts)
      expect(all.totalCount).toBe(northwind.skus.length + bazaar.skus.length + tidewater.skus.length);
    }
    expect(errorCode(await (await server.as('customer.one')).gql(STOCK, {}))).toBe('FORBIDDEN');
  });

  it('searches SKU or name case-insensitively, shows low stock, and refuses bad input', async () => {
    const [sample] = await query<{ sku: string; name: string }>(server.orm,
      'select sku, name from products where merchant_id = ? order by sku limit 1', [northwind.id]);
    const bySku = (await merchant.ok(STOCK, { search: sample.sku.toLowerCase() })).stock;
    expect(bySku.edges.map((e: any) => e.node.sku)).toContain(sample.sku);
    const word = sample.name.split(' ')[0].toUpperCase();
    const byName = (await merchant.ok(STOCK, { search: word, first: 100 })).stock;
    expect(byName.edges.every((e: any) => `${e.node.sku} ${e.node.name}`.toUpperCase().includes(word))).toBe(true);
    expect((await merchant.ok(STOCK, { search: '%' })).stock.totalCount).toBe(0);

    await query(server.orm, 'update products set stock = 2 where sku = ?', [sample.sku]);
    const low = (await merchant.ok(STOCK, { search: sample.sku })).stock.edges.find((e: any) => e.node.sku === sample.sku);
    expect(low.node).toMatchObject({ stock: 2, lowStock: true });

    expect(errorCode(await merchant.gql(STOCK, { after: 'garbage' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await merchant.gql(STOCK, { first: 0 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await admin.gql(STOCK, { merchantId: 'not-an-id' }))).toBe('NOT_FOUND');
  });
});
