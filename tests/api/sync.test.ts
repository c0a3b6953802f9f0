// Issue 19 §9: incremental sync for integrators — returnCases in (updatedAt, id) order with updatedSince, and cursor
// connections for every list a partner system may page through (users and merchants beside their numbered pages).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../helpers/money.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const CASES = `query C($first: Int, $after: String, $orderBy: ReturnCaseOrder, $filter: ReturnCaseFilter) {
  returnCases(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id updatedAt } } } }`;
const USERS = 'query U($first: Int, $after: String, $filter: UserFilter) { userConnection(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id createdAt } } } }';
const MERCHANTS = 'query M($first: Int, $after: String, $search: String) { merchantConnection(first: $first, after: $after, search: $search) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } } }';

async function walk(client: ApiClient, document: string, field: string, variables: Record<string, unknown>, first: number): Promise<any[]> {
  const nodes: any[] = [];
  let after: string | null = null;
  for (let round = 0; round < 1000; round++) {
    const page: any = (await client.ok(document, { ...variables, first, after }))[field];
    nodes.push(...page.edges.map((e: any) => e.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
  throw new Error('the pages never ended');
}

describe('incremental sync', () => {
  let server: TestServer;
  let partner: ApiClient;
  let admin: ApiClient;
  let merchantId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const merchant = await server.as('merchant.one');
    admin = await server.as('admin.demo');
    partner = server.withToken((await merchant.ok('mutation { createApiToken(name: "sync") { secret } }')).createApiToken.secret);
    [{ id: merchantId }] = await query<{ id: string }>(server.orm, "select id from merchant_profiles where name = 'Northwind Goods'");
  });
  afterAll(() => server.close());

  it('pages a merchant’s cases in (updatedAt, id) order, each once, and then only what changed since', async () => {
    const expected = await query<{ id: string }>(server.orm, 'select id from return_cases where merchant_id = ? order by updated_at, id', [merchantId]);
    expect(expected.length).toBeGreaterThan(7);
    const all = await walk(partner, CASES, 'returnCases', { orderBy: 'UPDATED_AT' }, 7);
    expect(all.map((n) => n.id)).toEqual(expected.map((r) => r.id));

    // A change made after the last sync: only that case is new, and it comes last.
    const since = all.at(-1).updatedAt;
    const [changed] = await query<{ id: string }>(server.orm,
      "select id from return_cases where merchant_id = ? and status = 'submitted' order by created_at limit 1", [merchantId]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await admin.ok('mutation P($id: ID!) { setCasePriority(id: $id, priority: URGENT) { id } }', { id: changed.id });
    const fresh = await walk(partner, CASES, 'returnCases', { orderBy: 'UPDATED_AT', filter: { updatedSince: since } }, 7);
    // The bound is inclusive: the last case of the previous sync comes again, then the changed one.
    expect(fresh.map((n) => n.id)).toEqual([all.at(-1).id, changed.id].filter((id, i, ids) => ids.indexOf(id) === i));
    expect(new Date(fresh.at(-1).updatedAt).getTime()).toBeGreaterThan(new Date(since).getTime());
  });

  it('keeps the default order (newest first) and refuses a cursor of the other order', async () => {
    const newest = (await partner.ok(CASES, { first: 3 })).returnCases;
    const byUpdate = (await partner.ok(CASES, { first: 3, orderBy: 'UPDATED_AT' })).returnCases;
    expect(errorCode(await partner.gql(CASES, { first: 3, orderBy: 'UPDATED_AT', after: newest.pageInfo.endCursor }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await partner.gql(CASES, { first: 3, after: byUpdate.pageInfo.endCursor }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await partner.gql(CASES, { first: 3, orderBy: 'UPDATED_AT', after: 'garbage' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await partner.gql(CASES, { filter: { updatedSince: 'yesterday' } }))).toBe('BAD_USER_INPUT');
    const second = (await partner.ok(CASES, { first: 3, after: newest.pageInfo.endCursor })).returnCases;
    expect(second.edges.length).toBeGreaterThan(0);
  });

  it('offers users and merchants as cursor connections in creation order, to admins only', async () => {
    const users = await query<{ id: string }>(server.orm, 'select id from users order by created_at, id');
    expect((await walk(admin, USERS, 'userConnection', {}, 3)).map((n) => n.id)).toEqual(users.map((r) => r.id));
    const customers = await query<{ id: string }>(server.orm, "select id from users where role = 'customer' order by created_at, id");
    expect((await walk(admin, USERS, 'userConnection', { filter: { role: 'CUSTOMER' } }, 2)).map((n) => n.id)).toEqual(customers.map((r) => r.id));
    const merchants = await query<{ id: string }>(server.orm, 'select id from merchant_profiles order by created_at, id');
    expect((await walk(admin, MERCHANTS, 'merchantConnection', {}, 1)).map((n) => n.id)).toEqual(merchants.map((r) => r.id));
    expect((await admin.ok(MERCHANTS, { search: 'northwind' })).merchantConnection.edges.map((e: any) => e.node.name)).toEqual(['Northwind Goods']);
    expect(errorCode(await admin.gql(USERS, { after: 'garbage' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await partner.gql(USERS, {}))).toBe('FORBIDDEN');
    expect(errorCode(await partner.gql(MERCHANTS, {}))).toBe('FORBIDDEN');
  });
});
