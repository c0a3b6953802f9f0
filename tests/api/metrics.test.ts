// GET /metrics is prom-client's Prometheus text: typed series (# TYPE), latency histograms for HTTP requests and
// GraphQL operations, the default process metrics, and one registry per app instance. Who may read it
// (METRICS_TOKEN, production) is tested in hardening.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/test-server.js';

const metricsText = async (server: TestServer) => {
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
};

/** The value of one sample line, e.g. `graphql_operations_total{operation="X",outcome="OK"}`; undefined when absent. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('/metrics', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('types every series, with histograms for HTTP and GraphQL latency and the default process metrics', async () => {
    const text = await metricsText(server);
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain('# TYPE graphql_operations_total counter');
    expect(text).toContain('# TYPE graphql_operation_duration_seconds histogram');
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds', 'process_start_time_seconds']) {
      expect(text).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
      expect(text).toMatch(new RegExp(`^${name}(\\{[^}]*\\})? \\d`, 'm'));
    }
  });

  it('counts a GraphQL operation by name and outcome, with its latency, and the HTTP request that carried it', async () => {
    const before = await metricsText(server);
    const ok = 'graphql_operations_total{operation="MetricsProbe",outcome="OK"}';
    const latencyCount = 'graphql_operation_duration_seconds_count{operation="MetricsProbe"}';
    const httpCount = 'http_request_duration_seconds_count{method="POST",route="/graphql",status="200"}';
    expect(sample(before, ok)).toBeUndefined();
    const httpBefore = sample(before, httpCount) ?? 0;

    await server.anonymous().ok('query MetricsProbe { __typename }');
    await server.anonymous().ok('query MetricsProbe { __typename }');

    const after = await metricsText(server);
    expect(sample(after, ok)).toBe(2);
    expect(sample(after, latencyCount)).toBe(2);
    expect(sample(after, 'graphql_operation_duration_seconds_bucket{le="+Inf",operation="MetricsProbe"}')).toBe(2);
    expect(sample(after, 'graphql_operation_duration_seconds_sum{operation="MetricsProbe"}')).toBeGreaterThan(0);
    // The HTTP series is recorded when the answer has finished, which can be just after the client has read it.
    await expect.poll(async () => sample(await metricsText(server), httpCount)).toBe(httpBefore + 2);
  });

  it('keeps one registry per app instance: a second server in this process counts only its own operations', async () => {
    await server.anonymous().ok('query OnlyOnTheFirstServer { __typename }');
    const other = await startTestServer();
    try {
      await other.anonymous().ok('query OnlyOnTheSecondServer { __typename }');
      const first = await metricsText(server);
      const second = await metricsText(other);
      expect(first).toContain('operation="OnlyOnTheFirstServer"');
      expect(first).not.toContain('operation="OnlyOnTheSecondServer"');
      expect(second).toContain('operation="OnlyOnTheSecondServer"');
      expect(second).not.toContain('operation="OnlyOnTheFirstServer"');
    } finally {
      await other.close();
    }
  });
});
