import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTION_ENV } from '../helpers/production-env.js';
import { type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const LOGIN = 'mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { username role } }';
const ME = '{ me { username role displayName } }';

describe('sign-in', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('signs in each role with an httpOnly, SameSite=Lax session cookie and answers me', async () => {
    for (const [username, role] of [['admin.demo', 'ADMIN'], ['ops.demo', 'OPS'], ['customer.one', 'CUSTOMER'], ['merchant.one', 'MERCHANT']]) {
      const response = await server.anonymous().request({ query: LOGIN, variables: { u: username, p: 'ChangeMe123!' } });
      const cookie = response.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^rh_session=[\w-]{40,};/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      const client = await server.as(username);
      expect((await client.ok(ME)).me).toMatchObject({ username, role });
    }
  });

  it('answers null for me when anonymous', async () => {
    expect((await server.anonymous().ok(ME)).me).toBeNull();
  });

  it('refuses a wrong password with a generic error and sets no cookie', async () => {
    const response = await server.anonymous().request({ query: LOGIN, variables: { u: 'customer.two', p: 'wrong' } });
    expect(response.headers.get('set-cookie')).toBeNull();
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]).toMatchObject({ message: 'Invalid username or password.', extensions: { code: 'UNAUTHENTICATED' } });
    // An unknown account gets exactly the same answer.
    const unknown = await server.anonymous().gql(LOGIN, { u: 'nobody.here', p: 'wrong' });
    expect(unknown.errors?.[0].message).toBe('Invalid username or password.');
  });

  it('rotates the session on sign-in and revokes it on the server at sign-out', async () => {
    const client = await server.as('customer.one');
    const first = client.sessionCookie!;
    await client.ok(LOGIN, { u: 'customer.one', p: 'ChangeMe123!' });
    const second = client.sessionCookie!;
    expect(second).not.toBe(first);
    const { ApiClient } = await import('../helpers/test-server.js');
    const stale = new ApiClient(server.url, first);
    expect((await stale.ok(ME)).me).toBeNull();

    const kept = new ApiClient(server.url, second);
    expect((await kept.ok(ME)).me).not.toBeNull();
    await client.ok('mutation { logout }');
    // The old cookie value no longer works even if a copy of it is replayed.
    expect((await kept.ok(ME)).me).toBeNull();
  });

  it('throttles failed sign-ins per account and address, even for the right password afterwards', async () => {
    for (let i = 0; i < 10; i++) {
      expect(errorCode(await server.anonymous().gql(LOGIN, { u: 'merchant.two', p: `wrong-${i}` }))).toBe('UNAUTHENTICATED');
    }
    const blocked = await server.anonymous().gql(LOGIN, { u: 'merchant.two', p: 'ChangeMe123!' });
    expect(errorCode(blocked)).toBe('RATE_LIMITED');
    // The window passes.
    server.clock.advance(16 * 60_000);
    expect((await server.anonymous().ok(LOGIN, { u: 'merchant.two', p: 'ChangeMe123!' })).login.username).toBe('merchant.two');
  });

  it('validates input with a coded error', async () => {
    const result = await server.anonymous().gql(LOGIN, { u: '', p: 'x' });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
  });
});

describe('partner tokens', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const CREATE = 'mutation Create($name: String!, $merchantId: ID) { createApiToken(name: $name, merchantId: $merchantId) { secret token { id name prefix } } }';

  it('are shown once, act as their merchant, and stop working when revoked', async () => {
    const merchant = await server.as('merchant.one');
    const created = (await merchant.ok(CREATE, { name: 'Warehouse system' })).createApiToken;
    expect(created.secret).toMatch(/^rhp_/);
    expect(created.secret.startsWith(created.token.prefix)).toBe(true);

    const partner = server.withToken(created.secret);
    expect((await partner.ok(ME)).me).toMatchObject({ username: 'merchant.one', role: 'MERCHANT' });
    const mine = await merchant.ok('{ returnCases(first: 100) { totalCount } }');
    const theirs = await partner.ok('{ returnCases(first: 100) { totalCount } }');
    expect(theirs.returnCases.totalCount).toBe(mine.returnCases.totalCount);

    // A token cannot mint tokens.
    expect(errorCode(await partner.gql(CREATE, { name: 'x' }))).toBe('FORBIDDEN');

    await merchant.ok('mutation Revoke($id: ID!) { revokeApiToken(id: $id) { revokedAt } }', { id: created.token.id });
    expect((await partner.ok(ME)).me).toBeNull();
  });

  it('are judged alone: a bearer request ignores any session cookie it carries', async () => {
    const ops = await server.as('ops.demo');
    const { ApiClient } = await import('../helpers/test-server.js');
    const forged = new ApiClient(server.url, ops.sessionCookie, 'rhp_not-a-real-token');
    expect((await forged.ok(ME)).me).toBeNull();
  });
});

describe('in production', () => {
  it('refuses the demo password, marks the cookie Secure and hides introspection', async () => {
    const server = await startTestServer({ env: { ...PRODUCTION_ENV } });
    try {
      const refused = await server.anonymous().gql(LOGIN, { u: 'ops.demo', p: 'ChangeMe123!' });
      expect(errorCode(refused)).toBe('FORBIDDEN');
      expect(refused.errors![0].message).toMatch(/demo password is refused in production/);
      const { hashPassword } = await import('../../server/src/modules/auth/passwords.js');
      await server.orm.em.getConnection().execute(`update users set password_hash = ? where username = 'ops.demo'`, [await hashPassword('a-real-Passw0rd')]);
      const response = await server.anonymous().request({ query: LOGIN, variables: { u: 'ops.demo', p: 'a-real-Passw0rd' } });
      expect(response.headers.get('set-cookie')).toMatch(/; Secure/i);
      const introspection = await server.anonymous().gql('{ __schema { types { name } } }');
      expect(introspection.errors?.[0].message).toMatch(/introspection/i);
      expect((await server.anonymous().ok('{ appInfo { demoSignInEnabled } }')).appInfo.demoSignInEnabled).toBe(false);
    } finally {
      await server.close();
    }
  });
});
