import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_LIMITS } from '../../server/src/http/request-limits.js';
import { type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

describe('request limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ mutationRateLimit: { limit: 5, windowMs: 60_000 } });
  });
  afterAll(() => server.close());

  it('refuses a query deeper than the limit before running it, and still serves GraphiQL its introspection', async () => {
    const ops = await server.as('ops.demo');
    expect((await ops.gql(getIntrospectionQuery())).errors).toBeUndefined();
    const ofTypes = (n: number) => `${'ofType { '.repeat(n)}name${' }'.repeat(n)}`;
    const justEnough = `{ __type(name: "ReturnCase") { fields { type { ${ofTypes(REQUEST_LIMITS.maxDepth - 4)} } } } }`;
    expect((await ops.gql(justEnough)).errors).toBeUndefined();
    const tooDeep = `{ __type(name: "ReturnCase") { fields { type { ${ofTypes(REQUEST_LIMITS.maxDepth - 3)} } } } }`;
    const response = await ops.request({ query: tooDeep });
    expect(response.status).toBe(400);
    const result = (await response.json()) as { errors?: Array<{ message: string }>; data?: unknown };
    expect(result.errors?.[0].message).toMatch(/too deep/);
    expect(result.data ?? null).toBeNull();
  });

  it('refuses too many aliases', async () => {
    const ops = await server.as('ops.demo');
    const ok = `{ ${Array.from({ length: REQUEST_LIMITS.maxAliases }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    expect((await ops.gql(ok)).errors).toBeUndefined();
    const over = `{ ${Array.from({ length: REQUEST_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    expect((await ops.gql(over)).errors?.[0].message).toMatch(/too many aliases/);
  });

  it('refuses a query whose lists multiply past the cost limit', async () => {
    const ops = await server.as('ops.demo');
    const costly = '{ returnCases(first: 100) { edges { node { timeline { id type actorLabel createdAt } messages { id body author { id displayName } } items { id orderItem { id sku name } } } } } }';
    expect((await ops.gql(costly)).errors?.[0].message).toMatch(/cost too much/);
    const modest = '{ returnCases(first: 10) { edges { node { id number items { id } } } } }';
    expect((await ops.gql(modest)).errors).toBeUndefined();
  });

  it('prices a page size sent as a variable at the value sent (as Apollo and codegen clients send it), refusing with BAD_USER_INPUT and 400', async () => {
    const ops = await server.as('ops.demo');
    const query = 'query Q($first: Int) { returnCases(first: $first) { edges { node { timeline { id type actorLabel createdAt } messages { id body author { id displayName } } items { id orderItem { id sku name } } } } } }';
    const small = await ops.gql(query, { first: 1 });
    expect(small.errors).toBeUndefined();
    expect(small.data?.returnCases.edges).toHaveLength(1);
    const large = await ops.request({ query, variables: { first: 100 } });
    expect(large.status).toBe(400);
    const body = (await large.json()) as { errors: Array<{ message: string; extensions: { code: string; limit: string } }> };
    expect(body.errors[0].message).toMatch(/cost too much/);
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'cost' });
    // A variable's default counts when the variable is not sent.
    const defaulted = 'query Q($first: Int = 100) { returnCases(first: $first) { edges { node { timeline { id type actorLabel createdAt } messages { id body author { id displayName } } items { id orderItem { id sku name } } } } } }';
    expect((await ops.gql(defaulted)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await ops.gql(defaulted, { first: 2 })).errors).toBeUndefined();
  });

  it('refuses a huge document at parse time', async () => {
    const huge = `{ ${'me { id } '.repeat(2_000)} }`;
    const result = await server.anonymous().gql(huge);
    expect(errorCode(result)).toBe('GRAPHQL_PARSE_FAILED');
    expect(result.errors?.[0].message).toMatch(/more that 5000 tokens/);
  });

  it('answers 400, not 500, for requests refused before execution', async () => {
    const unparseable = await server.anonymous().request({ query: '{ me { id ' });
    expect(unparseable.status).toBe(400);
    const invalid = await server.anonymous().request({ query: '{ noSuchField }' });
    expect(invalid.status).toBe(400);
    const nul = await server.anonymous().request({ query: 'mutation L($u: String!) { login(username: $u, password: "x") { id } }', variables: { u: 'a\u0000b' } });
    expect(nul.status).toBe(400);
    expect(errorCode((await nul.json()) as never)).toBe('BAD_USER_INPUT');
  });

  it('does not accept batched requests', async () => {
    const response = await server.anonymous().request([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]);
    expect(response.status).toBe(400);
  });
});

describe('abuse', () => {
  it('throttles sign-in failures even when they arrive as aliases of one request', async () => {
    const server = await startTestServer();
    try {
      const attempts = Array.from({ length: 10 }, (_, i) => `a${i}: login(username: "customer.one", password: "wrong-${i}") { id }`).join(' ');
      // Mutations run one after another; each alias goes through the same throttle (10 per account and address).
      for (let request = 0; request < 10; request++) {
        const codes = (await server.anonymous().gql(`mutation { ${attempts} }`)).errors!.map((e) => e.extensions?.code);
        expect(codes[0]).toBe('UNAUTHENTICATED');
      }
      const refused = await server.anonymous().request({ query: `mutation { ${attempts} }` });
      expect(refused.status).toBe(429);
      expect(errorCode((await refused.json()) as never)).toBe('RATE_LIMITED');
      const right = await server.anonymous().gql('mutation { login(username: "customer.one", password: "ChangeMe123!") { id } }');
      expect(errorCode(right)).toBe('RATE_LIMITED');
    } finally {
      await server.close();
    }
  });

  it('limits mutations per session, and counts each session on its own', async () => {
    const server = await startTestServer({ mutationRateLimit: { limit: 3, windowMs: 60_000 } });
    try {
      const [a, b] = await Promise.all([server.as('customer.one'), server.as('customer.two')]);
      const note = 'mutation { logout }';
      // Sign-in itself was mutation 1 of each session's address window; count the session's own calls.
      const codes: Array<string | undefined> = [];
      for (let i = 0; i < 4; i++) codes.push(errorCode(await a.gql('mutation M { createApiToken(name: "x") { secret } }')));
      expect(codes.slice(0, 3)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
      expect(codes[3]).toBe('RATE_LIMITED');
      const refused = await a.request({ query: 'mutation M { createApiToken(name: "x") { secret } }' });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(errorCode(await b.gql('mutation M { createApiToken(name: "x") { secret } }'))).toBe('FORBIDDEN');
      // The window passes.
      server.clock.advance(61_000);
      expect(errorCode(await a.gql(note))).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
