import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthService } from '../../server/src/modules/auth/auth.service.js';
import { LOGIN_THROTTLE } from '../../server/src/modules/auth/login-throttle.js';
import { DEMO_PASSWORD } from '../../server/src/modules/auth/passwords.js';
import { resolveViewer } from '../../server/src/modules/auth/auth.service.js';
import { type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const CHANGE = 'mutation C($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }';
const LOGIN = 'mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { id } }';
const ME = '{ me { username } }';

describe('changePassword', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const passwordHash = async (username: string) =>
    (await server.orm.em.getConnection().execute<{ password_hash: string }[]>('select password_hash from users where username = ?', [username]))[0].password_hash;

  it('checks the current password and the policy, changing nothing when refused', async () => {
    const client = await server.as('customer.one');
    const before = await passwordHash('customer.one');
    const wrong = await client.gql(CHANGE, { current: 'not-my-password', next: 'a-long-new-password' });
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0].extensions?.field).toBe('currentPassword');
    const short = await client.gql(CHANGE, { current: DEMO_PASSWORD, next: 'too-short' });
    expect(errorCode(short)).toBe('BAD_USER_INPUT');
    expect(short.errors?.[0].extensions?.field).toBe('newPassword');
    expect(short.errors?.[0].message).toMatch(/at least 12 characters/);
    expect(await passwordHash('customer.one')).toBe(before);
    expect((await client.ok(ME)).me.username).toBe('customer.one');
  });

  it('sets the new password and signs out the other sessions, keeping this one', async () => {
    const [here, elsewhere] = [await server.as('merchant.two'), await server.as('merchant.two')];
    expect((await here.ok(CHANGE, { current: DEMO_PASSWORD, next: 'correct horse battery' })).changePassword).toBe(true);
    expect((await here.ok(ME)).me.username).toBe('merchant.two');
    expect((await elsewhere.ok(ME)).me).toBeNull();
    expect(errorCode(await server.anonymous().gql(LOGIN, { u: 'merchant.two', p: DEMO_PASSWORD }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.anonymous().gql(LOGIN, { u: 'merchant.two', p: 'correct horse battery' }))).toBeUndefined();
  });

  it('is for people: anonymous callers and partner tokens are refused', async () => {
    expect(errorCode(await server.anonymous().gql(CHANGE, { current: DEMO_PASSWORD, next: 'a-long-new-password' }))).toBe('UNAUTHENTICATED');
    const merchant = await server.as('merchant.one');
    const secret = (await merchant.ok('mutation { createApiToken(name: "pw test") { secret } }')).createApiToken.secret;
    expect(errorCode(await server.withToken(secret).gql(CHANGE, { current: DEMO_PASSWORD, next: 'a-long-new-password' }))).toBe('FORBIDDEN');
  });

  it('throttles guesses at the current password like sign-in', async () => {
    const client = await server.as('ops.demo');
    for (let i = 0; i < LOGIN_THROTTLE.perAccountAndAddress; i++) {
      expect(errorCode(await client.gql(CHANGE, { current: `guess-${i}`, next: 'a-long-new-password' }))).toBe('BAD_USER_INPUT');
    }
    const response = await client.request({ query: CHANGE, variables: { current: DEMO_PASSWORD, next: 'a-long-new-password' } });
    expect(response.status).toBe(429);
    expect(errorCode((await response.json()) as never)).toBe('RATE_LIMITED');
  });

  it('refuses the demo password as the new one where the demo password is refused (production)', async () => {
    const client = await server.as('customer.two');
    const em = server.orm.em.fork();
    const viewer = (await resolveViewer(em, server.clock.now(), { sessionSecret: decodeURIComponent(client.sessionCookie!.split('=')[1]) }))!;
    const production = new AuthService(em, { ...server.config, allowDemoPassword: false }, server.clock);
    await expect(production.changePassword(viewer, DEMO_PASSWORD, DEMO_PASSWORD, '192.0.2.1')).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/demo password/) });
  });
});
