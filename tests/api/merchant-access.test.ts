import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../helpers/money.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

// A merchant's things (API tokens, return policy) under the one access module (modules/access/access.ts): its own
// for a merchant, any merchant's for an admin (policies: for ops too); another merchant's answer NOT_FOUND like a
// missing id and change nothing. Cases, orders, stock and webhook endpoints have their own suites.
const CREATE_TOKEN = 'mutation T($name: String!, $merchantId: ID) { createApiToken(name: $name, merchantId: $merchantId) { token { id name } secret } }';
const REVOKE_TOKEN = 'mutation R($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }';
const TOKENS = '{ apiTokens { id name revokedAt } }';
const POLICY = 'query P($merchantId: ID!) { merchantPolicy(merchantId: $merchantId) { id name } }';

describe("access to a merchant's things", () => {
  let server: TestServer;
  let northwindUser: ApiClient;
  let bazaarUser: ApiClient;
  let admin: ApiClient;
  let ops: ApiClient;
  let northwind: string;
  let bazaar: string;

  beforeAll(async () => {
    server = await startTestServer();
    [northwindUser, bazaarUser, admin, ops] = await Promise.all(['merchant.one', 'merchant.two', 'admin.demo', 'ops.demo'].map((u) => server.as(u)));
    const merchants = await query<{ id: string; name: string }>(server.orm, 'select id, name from merchant_profiles');
    northwind = merchants.find((m) => m.name === 'Northwind Goods')!.id;
    bazaar = merchants.find((m) => m.name === 'Bazaar Marketplace')!.id;
  });
  afterAll(() => server.close());

  const tokenMerchant = async (id: string) => (await query<{ merchant_id: string }>(server.orm, 'select merchant_id from api_tokens where id = ?', [id]))[0].merchant_id;

  it("keeps a merchant's API tokens to that merchant: another merchant neither lists nor revokes them", async () => {
    const own = (await northwindUser.ok(CREATE_TOKEN, { name: 'erp', merchantId: bazaar })).createApiToken.token;
    // A merchant always acts for itself, whatever merchantId it names.
    expect(await tokenMerchant(own.id)).toBe(northwind);
    expect((await northwindUser.ok(TOKENS)).apiTokens.map((t: any) => t.id)).toContain(own.id);
    expect((await bazaarUser.ok(TOKENS)).apiTokens.map((t: any) => t.id)).not.toContain(own.id);

    const stolen = await bazaarUser.gql(REVOKE_TOKEN, { id: own.id });
    expect(errorCode(stolen)).toBe('NOT_FOUND');
    expect(errorCode(await bazaarUser.gql(REVOKE_TOKEN, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect((await northwindUser.ok(TOKENS)).apiTokens.find((t: any) => t.id === own.id).revokedAt).toBeNull();

    expect((await admin.ok(TOKENS)).apiTokens.map((t: any) => t.id)).toContain(own.id);
    expect((await admin.ok(REVOKE_TOKEN, { id: own.id })).revokeApiToken.revokedAt).not.toBeNull();
  });

  it('lets an admin create a token for the merchant it names, and refuses one without a merchant', async () => {
    const made = (await admin.ok(CREATE_TOKEN, { name: 'for bazaar', merchantId: bazaar })).createApiToken.token;
    expect(await tokenMerchant(made.id)).toBe(bazaar);
    const before = (await admin.ok(TOKENS)).apiTokens.length;
    expect(errorCode(await admin.gql(CREATE_TOKEN, { name: 'nobody' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await admin.gql(CREATE_TOKEN, { name: 'ghost', merchantId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect((await admin.ok(TOKENS)).apiTokens.length).toBe(before);
  });

  it("shows a merchant (and its partner token) its own policy only; staff any merchant's", async () => {
    const secret = (await bazaarUser.ok(CREATE_TOKEN, { name: 'policy reader' })).createApiToken.secret;
    for (const client of [bazaarUser, server.withToken(secret)]) {
      expect((await client.ok(POLICY, { merchantId: bazaar })).merchantPolicy.name).toBe('Bazaar Marketplace');
      expect(errorCode(await client.gql(POLICY, { merchantId: northwind }))).toBe('NOT_FOUND');
    }
    for (const client of [ops, admin]) expect((await client.ok(POLICY, { merchantId: northwind })).merchantPolicy.name).toBe('Northwind Goods');
    expect(errorCode(await admin.gql(POLICY, { merchantId: 'not-an-id' }))).toBe('NOT_FOUND');
  });
});
