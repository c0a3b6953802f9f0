// Security headers on every answer, and what production hides: GraphiQL (route and static file), Apollo's
// CDN landing page, introspection, and /metrics without its token.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTION_ENV } from '../helpers/production-env.js';
import { type TestServer, startTestServer } from '../helpers/test-server.js';

// What production needs to start at all (the start contract); the in-process server never dials its DATABASE_URL.
const PRODUCTION = PRODUCTION_ENV;
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/** A stand-in for the built web app (client/dist), so these tests do not depend on a build. */
function fakeClientDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'returnhub-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ReturnHub</title><div id="root"></div>');
  writeFileSync(join(dir, 'graphiql.html'), '<!doctype html><title>GraphiQL</title><div id="graphiql"></div>');
  return dir;
}

const get = (server: TestServer, path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers, redirect: 'manual' });

describe('security headers', () => {
  let server: TestServer;
  const dist = fakeClientDist();
  beforeAll(async () => {
    server = await startTestServer({ config: { clientDistDir: dist } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends a CSP without inline scripts, no framing and nosniff on the app and the API; no HSTS outside production', async () => {
    for (const path of ['/', '/console/cases', '/healthz']) {
      const response = await get(server, path, { accept: 'text/html' });
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toMatch(/style-src 'self'(;|$)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
    const api = await server.anonymous().request({ query: '{ me { id } }' });
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('gives GraphiQL (development) its own looser style policy, on its route only; GET /graphql in a browser goes there', async () => {
    const graphiql = await get(server, '/graphiql');
    expect(graphiql.status).toBe(200);
    expect(graphiql.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
    expect(graphiql.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    const landing = await get(server, '/graphql', { accept: 'text/html' });
    expect(landing.status).toBe(302);
    expect(landing.headers.get('location')).toBe('/graphiql');
  });

  it('leaves /metrics open in development', async () => {
    expect((await get(server, '/metrics')).status).toBe(200);
  });
});

describe('in production', () => {
  let server: TestServer;
  const dist = fakeClientDist();
  beforeAll(async () => {
    server = await startTestServer({ env: PRODUCTION, config: { clientDistDir: dist } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends HSTS', async () => {
    expect((await get(server, '/healthz')).headers.get('strict-transport-security')).toMatch(/max-age=31536000; includeSubDomains/);
  });

  it('serves no GraphiQL (route or file), no landing page and no introspection', async () => {
    // A browser asking for /graphiql gets the web app (which has no such page), not GraphiQL.
    expect(await (await get(server, '/graphiql', { accept: 'text/html' })).text()).not.toContain('GraphiQL');
    expect((await get(server, '/graphiql', { accept: 'application/json' })).status).toBe(404);
    expect((await get(server, '/graphiql.html', { accept: 'text/html' })).status).toBe(404);
    const landing = await get(server, '/graphql', { accept: 'text/html' });
    expect(landing.status).not.toBe(200);
    expect(await landing.text()).not.toMatch(/<html|<script/i);
    const introspection = await server.anonymous().gql('{ __schema { types { name } } }');
    expect(introspection.errors?.[0].message).toMatch(/introspection/i);
  });

  it('has no /metrics without METRICS_TOKEN', async () => {
    expect((await get(server, '/metrics')).status).toBe(404);
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { ...PRODUCTION, METRICS_TOKEN } });
  });
  afterAll(() => server.close());

  it('answers only the bearer of the token', async () => {
    expect((await get(server, '/metrics')).status).toBe(401);
    expect((await get(server, '/metrics', { authorization: 'Bearer not-the-metrics-token-at-all' })).status).toBe(401);
    const ok = await get(server, '/metrics', { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(ok.status).toBe(200);
    // A sample, not just the # HELP line: the two refused requests above were counted.
    expect(await ok.text()).toMatch(/^http_requests_total\{method="GET",route="\/metrics",status="401"\} 2$/m);
  });
});
