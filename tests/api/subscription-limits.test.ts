// Subscriptions obey the HTTP request limits (tokens, depth, aliases, cost) and a connection holds at most
// MAX_SUBSCRIPTIONS_PER_CONNECTION open subscriptions; a refused one does not close the connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../server/src/http/subscriptions.js';
import { REQUEST_LIMITS } from '../../server/src/http/request-limits.js';
import { demoCase } from '../helpers/fixtures.js';
import { type TestServer, startTestServer } from '../helpers/test-server.js';
import { subscribe, waitForSubscribers, wsClient } from '../helpers/ws-client.js';

describe('subscription limits', () => {
  let server: TestServer;
  let cookie: string;
  let caseId: string;
  beforeAll(async () => {
    server = await startTestServer();
    cookie = (await server.as('customer.one')).sessionCookie!;
    caseId = (await demoCase(server.orm, 'submitted', 'customer.one')).id;
  });
  afterAll(() => server.close());

  it('refuses documents over the token, alias and cost limits before subscribing, with the HTTP codes', async () => {
    const client = wsClient(server.url, { cookie });
    try {
      const manyTokens = `subscription S($id: ID!) { caseUpdated(id: $id) { ${'id '.repeat(REQUEST_LIMITS.maxTokens)} } }`;
      const tokens = await subscribe(client, manyTokens, { id: caseId }).next();
      expect(tokens.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');

      const aliases = Array.from({ length: REQUEST_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: messages { body }`).join(' ');
      const aliased = await subscribe(client, `subscription S($id: ID!) { caseUpdated(id: $id) { ${aliases} } }`, { id: caseId }).next();
      expect(aliased.errors?.[0]?.message).toMatch(/too many aliases/);
      expect(aliased.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

      // Each event would re-run every list: 25 aliased lists of 20 notes × 45 fields.
      const costly = Array.from({ length: 25 }, (_, i) => `m${i}: messages { ${'body '.repeat(45)} }`).join(' ');
      const tooCostly = await subscribe(client, `subscription S($id: ID!) { caseUpdated(id: $id) { ${costly} } }`, { id: caseId }).next();
      expect(tooCostly.errors?.[0]?.message).toMatch(/cost too much/);
      expect(server.http.caseFeed.subscriberCount).toBe(0);

      // Within the limits, the same connection still subscribes.
      const fine = subscribe(client, 'subscription S($id: ID!) { caseUpdated(id: $id) { id status } }', { id: caseId });
      await waitForSubscribers(server.http.caseFeed, 1);
      fine.dispose();
    } finally {
      await client.dispose();
    }
  });

  it(`holds at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} open subscriptions per connection; one more is refused and the connection stays`, async () => {
    await expect.poll(() => server.http.caseFeed.subscriberCount).toBe(0);
    const client = wsClient(server.url, { cookie });
    try {
      const query = 'subscription S($id: ID!) { caseUpdated(id: $id) { id status } }';
      const open = Array.from({ length: MAX_SUBSCRIPTIONS_PER_CONNECTION }, () => subscribe(client, query, { id: caseId }));
      await waitForSubscribers(server.http.caseFeed, MAX_SUBSCRIPTIONS_PER_CONNECTION);
      const refused = await subscribe(client, query, { id: caseId }).next();
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'subscriptions' });
      expect(server.http.caseFeed.subscriberCount).toBe(MAX_SUBSCRIPTIONS_PER_CONNECTION);

      // The connection stays: complete one, and another may open in its place.
      open[0].dispose();
      await expect.poll(() => server.http.caseFeed.subscriberCount).toBe(MAX_SUBSCRIPTIONS_PER_CONNECTION - 1);
      subscribe(client, query, { id: caseId });
      await waitForSubscribers(server.http.caseFeed, MAX_SUBSCRIPTIONS_PER_CONNECTION);
    } finally {
      await client.dispose();
    }
  });
});
