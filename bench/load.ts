// Load: a scenario's requests with autocannon against one server child (or two sharing the connections), its raw SQL
// floor through pg alone, and the figures around each run (statements, server CPU, PostgreSQL's and the load
// generator's CPU, peak memory).
import autocannon from 'autocannon';
import pg from 'pg';
import { type Child, settle } from './child.js';
import { type CpuSample, cpuBetween, sampleCpu } from './cpu.js';
import type { RecordedStatement } from './protocol.js';
import type { LoadResult } from './report.js';
import { postmasterPid } from './run-settings.js';

export interface Scenario {
  name: string;
  title: string;
  /** Builds the body (and cookie) of the next request; `undefined` when the scenario has run out of inputs. */
  next: () => { body: string; cookie: string } | undefined;
  /** Checks one sample response; throws when it is not what the scenario expects. */
  check: (data: any) => void;
}

export async function gql(url: string, cookie: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query, variables }) });
  const json = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (json.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(json.errors).slice(0, 500)}`);
  return json.data;
}

export async function runLoad(child: Child, scenario: Scenario, connections: number, seconds: number): Promise<LoadResult> {
  await settle(child);
  let graphqlErrors = 0;
  let exhausted = false;
  const options = {
    url: child.url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [{
      method: 'POST' as const,
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request: any) => {
        const next = scenario.next();
        if (!next) {
          exhausted = true;
          return request;
        }
        return { ...request, body: next.body, headers: { ...request.headers, cookie: next.cookie } };
      },
      onResponse: (_status: number, body: string) => {
        if (body.includes('"errors"')) graphqlErrors++;
      },
    }],
  };
  const before = await child.request('stats');
  await child.request('reset-peak');
  const cpuBefore = sampleCpu(postmasterPid);
  const started = process.hrtime.bigint();
  const result = await autocannon(options as autocannon.Options);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = sampleCpu(postmasterPid);
  const after = await child.request('stats');
  const requests = result.requests.total;
  const cpuMs = (after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1000;
  if (exhausted) throw new Error(`${scenario.name}: ran out of inputs (regenerate the volume with more fresh orders)`);
  return {
    ...otherCpu(cpuBefore, cpuAfter, requests),
    connections,
    seconds,
    requests,
    requestsPerSecond: requests / (wallMs / 1000),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
    errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
    statementsPerRequest: requests ? (after.statements - before.statements) / requests : 0,
    serverCpuMsPerRequest: requests ? cpuMs / requests : 0,
    serverCpuPercent: (cpuMs / wallMs) * 100,
    peakRssMb: after.peakRss / 2 ** 20,
  };
}

/**
 * One run on two server processes at once, the connections split between them (as a load balancer in front of the
 * API's two replicas in docker-compose.yml would): requests and server CPU summed, PostgreSQL's and the load
 * generator's CPU read once around both, latency percentiles the worse process's.
 */
export async function runLoadOnPair(pair: [Child, Child], scenario: Scenario, connections: number, seconds: number): Promise<LoadResult> {
  await Promise.all(pair.map((c) => settle(c)));
  // Read before both runs start (each runLoad settles its own server again, briefly, then starts).
  const cpuBefore = sampleCpu(postmasterPid);
  const loads = await Promise.all(pair.map((c) => runLoad(c, scenario, connections / 2, seconds)));
  const cpuAfter = sampleCpu(postmasterPid);
  const requests = loads.reduce((sum, l) => sum + l.requests, 0);
  const worst = (key: keyof LoadResult['latencyMs']) => Math.max(...loads.map((l) => l.latencyMs[key]));
  return {
    ...otherCpu(cpuBefore, cpuAfter, requests),
    connections,
    seconds,
    requests,
    requestsPerSecond: loads.reduce((sum, l) => sum + l.requestsPerSecond, 0),
    latencyMs: { p50: worst('p50'), p90: worst('p90'), p99: worst('p99'), max: worst('max'), mean: loads.reduce((sum, l) => sum + l.latencyMs.mean * l.requests, 0) / Math.max(1, requests) },
    errors: loads.reduce((sum, l) => sum + l.errors, 0),
    statementsPerRequest: loads.reduce((sum, l) => sum + l.statementsPerRequest * l.requests, 0) / Math.max(1, requests),
    serverCpuMsPerRequest: loads.reduce((sum, l) => sum + l.serverCpuMsPerRequest * l.requests, 0) / Math.max(1, requests),
    // Both processes together: up to 100 % per core.
    serverCpuPercent: loads.reduce((sum, l) => sum + l.serverCpuPercent, 0),
    peakRssMb: Math.max(...loads.map((l) => l.peakRssMb)),
  };
}

/** PostgreSQL's and the load generator's CPU per request over a run, and how busy the whole machine was. */
export function otherCpu(before: CpuSample, after: CpuSample, requests: number): Pick<LoadResult, 'postgresCpuMsPerRequest' | 'loadGeneratorCpuMsPerRequest' | 'machineBusyPercent'> {
  const spent = cpuBetween(before, after);
  return {
    postgresCpuMsPerRequest: spent.postgresMs !== null && requests ? spent.postgresMs / requests : null,
    loadGeneratorCpuMsPerRequest: requests ? spent.loadGeneratorMs / requests : 0,
    machineBusyPercent: spent.machineBusyPercent,
  };
}

/** Slices of one scenario taken together: requests/s over all of them, the median slice's p50. */
export function summarise(loads: LoadResult[]): { requestsPerSecond: number; p50: number; meanMs: number; cpuMsPerRequest: number } {
  const requests = loads.reduce((sum, l) => sum + l.requests, 0);
  const seconds = loads.reduce((sum, l) => sum + l.requests / l.requestsPerSecond, 0);
  const p50s = loads.map((l) => l.latencyMs.p50).sort((a, b) => a - b);
  const meanMs = loads.reduce((sum, l) => sum + l.latencyMs.mean * l.requests, 0) / requests;
  return { requestsPerSecond: requests / seconds, p50: p50s[Math.floor(p50s.length / 2)], meanMs, cpuMsPerRequest: loads.reduce((sum, l) => sum + l.serverCpuMsPerRequest * l.requests, 0) / requests };
}

/** The statements one request sends, recorded by the child (nothing else may run meanwhile). */
export async function recordStatements(child: Child, send: () => Promise<unknown>): Promise<RecordedStatement[]> {
  await settle(child);
  await child.request('record');
  await send();
  return (await child.request('recorded')).statements;
}

/** Replays `statements` with pg alone, from `connections` clients, for `seconds`: the floor under the GraphQL request. */
export async function rawSqlFloor(dbUrl: string, statements: RecordedStatement[], connections: number, seconds: number): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: dbUrl, max: connections });
  const send = async (client: pg.PoolClient) => {
    for (const s of statements) await client.query(s.name ? { name: s.name, text: s.text, values: s.values } : { text: s.text, values: s.values });
  };
  // Every connection warmed first, as the server's pool is: PostgreSQL plans a prepared statement afresh for its
  // first five runs on a connection before it may settle on a generic plan.
  const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
  for (const client of clients) for (let i = 0; i < 6; i++) await send(client);
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  const cpuBefore = sampleCpu(postmasterPid);
  const started = process.hrtime.bigint();
  await Promise.all(clients.map(async (client) => {
    try {
      while (Date.now() < end) {
        const t0 = process.hrtime.bigint();
        await send(client);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    } finally {
      client.release();
    }
  }));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = sampleCpu(postmasterPid);
  await pool.end();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    connections,
    seconds,
    requests: latencies.length,
    requestsPerSecond: latencies.length / (wallMs / 1000),
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: latencies.at(-1) ?? 0, mean: latencies.reduce((s, v) => s + v, 0) / latencies.length },
    errors: 0,
    statementsPerRequest: statements.length,
    ...otherCpu(cpuBefore, cpuAfter, latencies.length),
    serverCpuMsPerRequest: 0,
    serverCpuPercent: 0,
    peakRssMb: 0,
  };
}
