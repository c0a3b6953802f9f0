// Label values that clients choose are bounded: endless operation names or paths end up as "other".
import { expect, it } from 'vitest';
import { MAX_CLIENT_LABEL_VALUES, Metrics } from './metrics.js';

const seriesOf = (text: string, metric: string, label: string) =>
  new Set([...text.matchAll(new RegExp(`^${metric}\\{[^}]*${label}="([^"]*)"`, 'gm'))].map((m) => m[1]));

it('keeps at most MAX_CLIENT_LABEL_VALUES operation names and routes, then counts the rest as "other"', async () => {
  const metrics = new Metrics();
  for (let i = 0; i < MAX_CLIENT_LABEL_VALUES + 50; i++) {
    metrics.recordGraphqlOperation(`Probe${i}`, 'OK', 0.01);
    metrics.recordHttpRequest({ method: 'GET', route: `/scan-${i}`, status: '404' }, 0.001);
  }
  metrics.recordGraphqlOperation('Probe0', 'OK', 0.01); // a name seen before keeps its own series
  const { body } = await metrics.render();

  const operations = seriesOf(body, 'graphql_operations_total', 'operation');
  expect(operations.size).toBe(MAX_CLIENT_LABEL_VALUES + 1);
  expect(operations.has('other')).toBe(true);
  expect(operations.has(`Probe${MAX_CLIENT_LABEL_VALUES}`)).toBe(false);
  expect(body).toContain('graphql_operations_total{operation="Probe0",outcome="OK"} 2');
  expect(body).toContain('graphql_operations_total{operation="other",outcome="OK"} 50');

  const routes = seriesOf(body, 'http_requests_total', 'route');
  expect(routes.size).toBe(MAX_CLIENT_LABEL_VALUES + 1);
  expect(body).toContain('http_requests_total{method="GET",route="other",status="404"} 50');
});
