import type { AddressInfo } from 'node:net';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormConfig } from '../../server/src/db/orm-config.js';
import { createHttpApp } from '../../server/src/http/app.js';
import { createLogger } from '../../server/src/logger.js';
import { buildAppSchema } from '../../server/src/schema.js';
import { AuthService } from '../../server/src/modules/auth/auth.service.js';
import { LOGIN_THROTTLE } from '../../server/src/modules/auth/login-throttle.js';
import { DEMO_PASSWORD } from '../../server/src/modules/auth/passwords.js';
import { ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const LOGIN = 'mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { username } }';

describe('sign-in throttling', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  /** Signs in through the service as if from `address` (the HTTP tests all come from 127.0.0.1). */
  const attempt = async (username: string, password: string, address: string): Promise<string> => {
    try {
      await new AuthService(server.orm.em.fork(), server.config, server.clock).login(username, password, address);
      return 'OK';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  };

  it('evaluates at most the pair limit of 40 parallel guesses at one account from one address; the rest are 429 with Retry-After', async () => {
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => server.anonymous().request({ query: LOGIN, variables: { u: 'customer.two', p: `wrong-${i}` } })),
    );
    const answers = await Promise.all(responses.map(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), code: errorCode((await r.json()) as never) })));
    const evaluated = answers.filter((a) => a.code === 'UNAUTHENTICATED');
    const refused = answers.filter((a) => a.code === 'RATE_LIMITED');
    expect(evaluated.length).toBe(LOGIN_THROTTLE.perAccountAndAddress);
    expect(refused.length).toBe(40 - LOGIN_THROTTLE.perAccountAndAddress);
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      expect(Number(r.retryAfter)).toBeLessThanOrEqual(LOGIN_THROTTLE.windowMs / 1000);
    }
    // The pair is locked even for the right password … and the web app (Apollo Client asks for
    // application/graphql-response+json, which it reads whatever the status) still gets the coded error.
    const locked = await server.anonymous().request({ query: LOGIN, variables: { u: 'customer.two', p: DEMO_PASSWORD } }, { accept: 'application/graphql-response+json,application/json;q=0.9' });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(errorCode((await locked.json()) as never)).toBe('RATE_LIMITED');
    // … but the account is not: the right password from another address works.
    expect(await attempt('customer.two', DEMO_PASSWORD, '203.0.113.7')).toBe('OK');
    // The window passes.
    server.clock.advance(LOGIN_THROTTLE.windowMs + 1_000);
    expect((await server.anonymous().ok(LOGIN, { u: 'customer.two', p: DEMO_PASSWORD })).login.username).toBe('customer.two');
  });

  it('counts across API replicas: guesses spread over two instances share one limit', async () => {
    const orm = await MikroORM.init(ormConfig(server.db.url, { debug: false }));
    const replica = await createHttpApp({ ...server.deps, logger: createLogger('silent') }, orm, await buildAppSchema());
    try {
      await new Promise<void>((resolve) => replica.server.listen(0, '127.0.0.1', resolve));
      const other = new ApiClient(`http://127.0.0.1:${(replica.server.address() as AddressInfo).port}`);
      const half = LOGIN_THROTTLE.perAccountAndAddress / 2;
      const codes = await Promise.all([
        ...Array.from({ length: half + 3 }, (_, i) => server.anonymous().gql(LOGIN, { u: 'merchant.one', p: `a-${i}` })),
        ...Array.from({ length: half + 3 }, (_, i) => other.gql(LOGIN, { u: 'merchant.one', p: `b-${i}` })),
      ]).then((results) => results.map(errorCode));
      expect(codes.filter((c) => c === 'UNAUTHENTICATED').length).toBe(LOGIN_THROTTLE.perAccountAndAddress);
      expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBe(6);
    } finally {
      await replica.stop();
      await orm.close();
    }
  });

  it('a successful sign-in starts the pair afresh', async () => {
    const address = '203.0.113.20';
    for (let i = 0; i < LOGIN_THROTTLE.perAccountAndAddress - 1; i++) expect(await attempt('merchant.two', 'wrong', address)).toBe('UNAUTHENTICATED');
    expect(await attempt('merchant.two', DEMO_PASSWORD, address)).toBe('OK');
    for (let i = 0; i < LOGIN_THROTTLE.perAccountAndAddress; i++) expect(await attempt('merchant.two', 'wrong', address)).toBe('UNAUTHENTICATED');
    expect(await attempt('merchant.two', 'wrong', address)).toBe('RATE_LIMITED');
  });

  it('limits one address across many accounts, known or not', async () => {
    const address = '198.51.100.9';
    const codes = await Promise.all(Array.from({ length: LOGIN_THROTTLE.perAddress + 10 }, (_, i) => attempt(`someone.${i}`, 'wrong', address)));
    expect(codes.filter((c) => c === 'UNAUTHENTICATED').length).toBe(LOGIN_THROTTLE.perAddress);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBe(10);
    // A real account with the right password from that address waits too; from elsewhere it is fine.
    expect(await attempt('ops.demo', DEMO_PASSWORD, address)).toBe('RATE_LIMITED');
    expect(await attempt('ops.demo', DEMO_PASSWORD, '198.51.100.10')).toBe('OK');
  });

  it('slows an account attacked from many addresses down to one attempt per bounded delay, without locking out a clean address', async () => {
    const username = 'admin.demo';
    // Enough failures from enough addresses (each below its pair limit) to start the account delay.
    for (let i = 0; i < LOGIN_THROTTLE.accountDelayAfter; i++) expect(await attempt(username, 'wrong', `192.0.2.${i % 5}`)).toBe('UNAUTHENTICATED');
    // An address that has failed here gets one attempt, then waits (RATE_LIMITED, seconds, bounded).
    expect(await attempt(username, 'wrong', '192.0.2.1')).toBe('UNAUTHENTICATED');
    const refused = await new AuthService(server.orm.em.fork(), server.config, server.clock).login(username, 'wrong', '192.0.2.2').catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED' });
    const wait = (refused as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(LOGIN_THROTTLE.accountDelayMaxMs / 1000);
    // The admin from an address with no failures signs in at once.
    expect(await attempt(username, DEMO_PASSWORD, '192.0.2.200')).toBe('OK');
    // After the delay, the failing addresses may try once more.
    server.clock.advance(LOGIN_THROTTLE.accountDelayMaxMs);
    expect(await attempt(username, 'wrong', '192.0.2.3')).toBe('UNAUTHENTICATED');
    expect(await attempt(username, 'wrong', '192.0.2.4')).toBe('RATE_LIMITED');
  });
});
