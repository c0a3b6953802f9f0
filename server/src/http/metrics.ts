import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Latency buckets in seconds, shared by the HTTP and GraphQL histograms. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Distinct values kept for a label that clients choose (operation names, paths); later ones count as "other". */
export const MAX_CLIENT_LABEL_VALUES = 200;

/** A label whose values come from clients: a scanner sending endless names must not grow the registry for ever. */
class BoundedLabel {
  private readonly seen = new Set<string>();

  value(candidate: string): string {
    if (this.seen.has(candidate)) return candidate;
    if (this.seen.size >= MAX_CLIENT_LABEL_VALUES) return 'other';
    this.seen.add(candidate);
    return candidate;
  }
}

/**
 * The Prometheus metrics of one app instance (prom-client): requests and GraphQL operations with their latency,
 * plus prom-client's default process metrics (CPU, memory, heap, event-loop lag, GC, handles).
 * Each instance has a Registry of its own, never prom-client's global one, so several servers in one process
 * (the tests start many) neither collide on metric names nor count each other's requests.
 */
export class Metrics {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to finishing its answer, by method, route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly graphqlOperations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations, by operation name and outcome (OK or the first error code).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly graphqlDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Time to execute a GraphQL operation, by operation name.',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly routes = new BoundedLabel();
  private readonly operations = new BoundedLabel();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  recordHttpRequest(request: { method: string; route: string; status: string }, seconds: number): void {
    const labels = { ...request, route: this.routes.value(request.route) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  recordGraphqlOperation(operationName: string, outcome: string, seconds: number): void {
    const operation = this.operations.value(operationName);
    this.graphqlOperations.inc({ operation, outcome });
    this.graphqlDuration.observe({ operation }, seconds);
  }

  /** The Prometheus text exposition (with `# HELP` and `# TYPE` lines) and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
