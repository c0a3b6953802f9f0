// Administration of users and merchants (issue 8): admins list and search users and merchants, page by page, and
// deactivate a user — which signs them out everywhere and stops their merchant's partner tokens.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const USERS = 'query U($filter: UserFilter, $page: Int) { users(filter: $filter, page: $page) { page pageSize totalCount totalPages items { id username displayName role active } } }';
const MERCHANTS = 'query M($search: String, $page: Int) { merchants(search: $search, page: $page) { page totalCount totalPages items { id name returnWindowDays responseSlaHours slaTimeoutAction restockingFeePercent autoApproveLimitMinor refundShipping } } }';
const SET_ACTIVE = 'mutation A($id: ID!, $active: Boolean!) { setUserActive(id: $id, active: $active) { id active } }';

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: string;
  active: boolean;
}
interface UsersAnswer {
  users: { page: number; pageSize: number; totalCount: number; totalPages: number; items: UserRow[] };
}

describe('admin: users and merchants', () => {
  let server: TestServer;
  let admin: ApiClient;

  beforeEach(async () => {
    server = await startTestServer();
    admin = await server.as('admin.demo');
  });
  afterEach(() => server.close());

  const tableSize = async (table: 'users' | 'merchant_profiles') =>
    Number((await server.orm.em.getConnection().execute<Array<{ n: string }>>(`select count(*) as n from ${table}`))[0].n);
  const idOf = async (username: string) => (await admin.ok<UsersAnswer>(USERS, { filter: { search: username } })).users.items.find((u) => u.username === username)!.id;

  it('lists every user by display name, and narrows by search, role and active', async () => {
    const all = await admin.ok<UsersAnswer>(USERS, {});
    expect(all.users.totalCount).toBe(await tableSize('users'));
    expect(all.users.items.map((u) => u.username)).toEqual(expect.arrayContaining(['admin.demo', 'ops.demo', 'customer.one', 'customer.two', 'merchant.one', 'merchant.two']));
    const names = all.users.items.map((u) => u.displayName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const customers = await admin.ok<UsersAnswer>(USERS, { filter: { role: 'CUSTOMER' } });
    expect(customers.users.items.length).toBeGreaterThanOrEqual(2);
    expect(new Set(customers.users.items.map((u) => u.role))).toEqual(new Set(['CUSTOMER']));

    const byEmailPart = await admin.ok<UsersAnswer>(USERS, { filter: { search: 'MERCHANT.TWO' } });
    expect(byEmailPart.users.items.map((u) => u.username)).toEqual(['merchant.two']);

    // A wildcard typed by the user is a literal character.
    expect((await admin.ok<UsersAnswer>(USERS, { filter: { search: '%' } })).users.totalCount).toBe(0);
    expect((await admin.ok<UsersAnswer>(USERS, { filter: { active: false } })).users.totalCount).toBe(0);
  });

  it('pages 20 at a time; a missing, invalid or out-of-range page is page 1', async () => {
    const connection = server.orm.em.getConnection();
    await connection.execute(
      `insert into users (id, username, email, display_name, role, active, password_hash, created_at, updated_at)
       select gen_random_uuid(), 'bulk.' || n, 'bulk' || n || '@example.com', 'Bulk user ' || lpad(n::text, 2, '0'), 'customer', true, 'x', now(), now()
         from generate_series(1, 25) n`,
    );
    const first = await admin.ok<UsersAnswer>(USERS, { filter: { search: 'bulk' } });
    expect(first.users).toMatchObject({ page: 1, pageSize: 20, totalCount: 25, totalPages: 2 });
    expect(first.users.items).toHaveLength(20);
    const second = await admin.ok<UsersAnswer>(USERS, { filter: { search: 'bulk' }, page: 2 });
    expect(second.users.items.map((u) => u.displayName)).toEqual(['Bulk user 21', 'Bulk user 22', 'Bulk user 23', 'Bulk user 24', 'Bulk user 25']);
    for (const page of [0, -3, 3, 999]) {
      expect((await admin.ok<UsersAnswer>(USERS, { filter: { search: 'bulk' }, page })).users.page).toBe(1);
    }
  });

  it('refuses an over-long search with a coded error', async () => {
    const result = await admin.gql(USERS, { filter: { search: 'x'.repeat(201) } });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect((result.errors?.[0]?.extensions as { fields: Array<{ field: string }> }).fields[0].field).toBe('search');
  });

  it('lists merchants with their policies, searchable by name', async () => {
    const all = await admin.ok<{ merchants: { totalCount: number; items: Array<Record<string, unknown>> } }>(MERCHANTS, {});
    expect(all.merchants.totalCount).toBe(await tableSize('merchant_profiles'));
    const bazaar = await admin.ok<{ merchants: { items: Array<Record<string, unknown>> } }>(MERCHANTS, { search: 'bazaar' });
    expect(bazaar.merchants.items).toEqual([
      expect.objectContaining({ name: 'Bazaar Marketplace', returnWindowDays: 7, slaTimeoutAction: 'AUTO_APPROVE', autoApproveLimitMinor: 2500, restockingFeePercent: 10, refundShipping: true }),
    ]);
  });

  it('deactivating a merchant user ends their sessions and their partner tokens; reactivating lets them sign in again', async () => {
    const merchant = await server.as('merchant.one');
    const secret = (await merchant.ok<{ createApiToken: { secret: string } }>('mutation { createApiToken(name: "warehouse") { secret } }')).createApiToken.secret;
    const partner = server.withToken(secret);
    expect((await partner.gql('{ returnCases(first: 1) { totalCount } }')).errors).toBeUndefined();
    const id = await idOf('merchant.one');

    expect((await admin.ok<{ setUserActive: { active: boolean } }>(SET_ACTIVE, { id, active: false })).setUserActive.active).toBe(false);
    expect(errorCode(await merchant.gql('{ returnCases(first: 1) { totalCount } }'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await partner.gql('{ returnCases(first: 1) { totalCount } }'))).toBe('UNAUTHENTICATED');
    const [{ open }] = await server.orm.em.getConnection().execute<Array<{ open: string }>>(
      `select count(*) as open from sessions s join users u on u.id = s.user_id where u.username = 'merchant.one' and s.revoked_at is null`,
    );
    expect(Number(open)).toBe(0);
    // A deactivated user cannot sign in.
    expect(errorCode(await server.anonymous().gql('mutation { login(username: "merchant.one", password: "ChangeMe123!") { id } }'))).toBe('UNAUTHENTICATED');

    expect((await admin.ok<{ setUserActive: { active: boolean } }>(SET_ACTIVE, { id, active: true })).setUserActive.active).toBe(true);
    const again = await server.as('merchant.one');
    expect((await again.gql('{ returnCases(first: 1) { totalCount } }')).errors).toBeUndefined();
    // The old session and token stay revoked.
    expect(errorCode(await merchant.gql('{ returnCases(first: 1) { totalCount } }'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await partner.gql('{ returnCases(first: 1) { totalCount } }'))).toBe('UNAUTHENTICATED');
  });

  it('audits each deactivation and reactivation with who and when; a request that changes nothing records nothing', async () => {
    const id = await idOf('customer.two');
    const HISTORY = 'query U($filter: UserFilter) { users(filter: $filter) { items { id accessChanges { active actorLabel createdAt } } } }';
    const history = async () =>
      (await admin.ok<{ users: { items: Array<{ id: string; accessChanges: Array<{ active: boolean; actorLabel: string; createdAt: string }> }> } }>(HISTORY, { filter: { search: 'customer.two' } }))
        .users.items.find((u) => u.id === id)!.accessChanges;
    expect(await history()).toEqual([]);

    const before = Date.now();
    await admin.ok(SET_ACTIVE, { id, active: false });
    await admin.ok(SET_ACTIVE, { id, active: false }); // already deactivated: nothing to record
    await admin.ok(SET_ACTIVE, { id, active: true });
    const changes = await history();
    expect(changes.map((c) => [c.active, c.actorLabel])).toEqual([[true, 'admin.demo'], [false, 'admin.demo']]);
    for (const c of changes) expect(new Date(c.createdAt).getTime()).toBeGreaterThanOrEqual(before - 1000);

    // Refused requests record nothing either.
    const me = (await admin.ok<{ me: { id: string } }>('{ me { id } }')).me.id;
    expect(errorCode(await admin.gql(SET_ACTIVE, { id: me, active: false }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await (await server.as('ops.demo')).gql(SET_ACTIVE, { id, active: false }))).toBe('FORBIDDEN');
    const [{ n }] = await server.orm.em.getConnection().execute<Array<{ n: string }>>('select count(*) as n from user_access_changes');
    expect(Number(n)).toBe(2);
  });

  it('does not let an admin deactivate themselves, and answers NOT_FOUND for unknown ids', async () => {
    const me = (await admin.ok<{ me: { id: string } }>('{ me { id } }')).me.id;
    const self = await admin.gql(SET_ACTIVE, { id: me, active: false });
    expect(errorCode(self)).toBe('BAD_USER_INPUT');
    expect(self.errors?.[0]?.message).toBe('You cannot deactivate your own account.');
    expect((await admin.gql('{ me { id } }')).errors).toBeUndefined();
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      expect(errorCode(await admin.gql(SET_ACTIVE, { id, active: false }))).toBe('NOT_FOUND');
    }
  });
});
