// `npm run bench [-- --quick] [--cases N] [--duration S] [--only a,b] [--out DIR]`
// Starts the product (a child process) on a fresh copy of the volume database and measures it over HTTP with
// autocannon: each scenario at 1 and at 32 connections, with requests/s, p50/p99 latency, SQL statements per request,
// server CPU per request and peak memory. Also the raw SQL floor of the queue page, the shield's share of the
// queue's CPU, and the risk scorer's throughput in process. Writes bench/results/<date>.json and .md.
import 'reflect-metadata';
import { type ChildProcess, fork } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { projectRoot } from '../server/src/config.js';
import { parseArgs } from './args.js';
import { type CpuSample, cpuBetween, sampleCpu } from './cpu.js';
import { DEFAULT_ANCHOR, DEFAULT_SEED, cloneForRun, ensureVolume, startBenchPostgres } from './database.js';
import type { ChildReply, ChildRequest, RecordedStatement } from './protocol.js';
import { type BenchReport, type LoadResult, type ScenarioResult, freshReportName, renderMarkdown } from './report.js';
import { measureRiskScoring } from './risk-throughput.js';
import { CASE_DETAIL, CREATE_RETURN_CASE, QUEUE_CONNECTION, QUEUE_CURSOR_WALK, QUEUE_PAGE } from './scenarios.js';
import { MB, type UploadFile, type UploadLoad, type UploadProbe, type UploadTarget, benchImage, benchVideo, memoryFigures, runUploads } from './uploads.js';
import { TERMINAL_STATUSES } from '../server/src/modules/returns/return-case.enums.js';

const args = parseArgs(process.argv.slice(2), {
  quick: false,
  cases: 0,
  seed: DEFAULT_SEED,
  duration: 0,
  warmup: 0,
  connections: '1,32',
  only: '',
  out: '',
  depth: 0,
  profile: '',
  worker: false,
});
const quick = args.quick;
const cases = args.cases || (quick ? 10_000 : 1_000_000);
const duration = args.duration || (quick ? 1 : 10);
const warmup = args.warmup || (quick ? 1 : 3);
const connectionCounts = args.connections.split(',').map(Number);
const only = new Set(args.only ? args.only.split(',') : []);
const wanted = (name: string) => only.size === 0 || only.has(name);
// In CI the report goes to a temporary directory, so a CI run never leaves files in the work tree.
const outDir = args.out ? resolve(args.out) : process.env.CI ? mkdtempSync(join(os.tmpdir(), 'returnhub-bench-')) : join(projectRoot, 'bench/results');
const say = (line: string) => process.stdout.write(`${line}\n`);
const benchStartedAt = Date.now();
/** Time since the bench started, as [m:ss], at the head of each section: where a run spends its minutes. */
const elapsed = () => {
  const seconds = Math.round((Date.now() - benchStartedAt) / 1000);
  return `[${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}]`;
};
const here = fileURLToPath(new URL('.', import.meta.url));
const childLogPath = join(os.tmpdir(), `returnhub-bench-server-${process.pid}.log`);
const childLog = createWriteStream(childLogPath);
// Where the server children store uploaded files (local disk, the product's default driver); removed at the end.
const filesDir = mkdtempSync(join(os.tmpdir(), 'returnhub-bench-files-'));
// The embedded PostgreSQL's postmaster, whose CPU each run counts (null with BENCH_DATABASE_URL).
let postmasterPid: number | null = null;

// ---------------------------------------------------------------------------------------------------------------
// The server child

interface Child {
  url: string;
  shield: boolean;
  request<T extends ChildRequest['cmd']>(cmd: T): Promise<Extract<ChildReply, { cmd: T }>>;
  stop(): Promise<void>;
}

async function startChild(dbUrl: string, anchor: Date, shield: boolean, gcProbe = false): Promise<Child> {
  const child: ChildProcess = fork(join(here, 'server-child.js'), shield ? [] : ['--no-shield'], {
    // Port 0: a free port each (two servers run at once for the shield's share).
    // --worker: the job worker in the same process, as `npm start` runs it (uploads then wait for their thumbnail jobs).
    env: { ...process.env, BENCH_DB_URL: dbUrl, BENCH_ANCHOR: String(anchor.getTime()), PORT: '0', DATA_DIR: filesDir, STORAGE_DRIVER: 'local', BENCH_WORKER: args.worker ? '1' : '', BENCH_GC_PROBE: gcProbe ? '1' : '' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // --profile DIR: a V8 CPU profile of the server per child, for finding where a request's time goes.
    execArgv: [...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(args.profile)}`] : []), ...(gcProbe ? ['--expose-gc'] : [])],
  });
  // The server's own log lines go to a file; the report counts its warnings and errors.
  child.stdout!.pipe(childLog, { end: false });
  child.stderr!.pipe(childLog, { end: false });
  const waiting = new Map<string, Array<(reply: ChildReply) => void>>();
  child.on('message', (reply: ChildReply) => {
    const queue = waiting.get(reply.cmd);
    const next = queue?.shift();
    next?.(reply);
  });
  child.setMaxListeners(0);
  const expect = <T extends ChildReply['cmd']>(cmd: T) =>
    new Promise<Extract<ChildReply, { cmd: T }>>((resolvePromise, reject) => {
      const onExit = (code: number | null) => reject(new Error(`server child exited (${code}) while waiting for ${cmd}`));
      child.once('exit', onExit);
      const list = waiting.get(cmd) ?? [];
      list.push((reply) => {
        child.off('exit', onExit);
        resolvePromise(reply as Extract<ChildReply, { cmd: T }>);
      });
      waiting.set(cmd, list);
    });
  const ready = await expect('ready');
  return {
    url: `http://127.0.0.1:${ready.port}`,
    shield: ready.shield,
    request<T extends ChildRequest['cmd']>(cmd: T) {
      const reply = expect(cmd);
      child.send({ cmd });
      return reply;
    },
    async stop() {
      if (child.exitCode !== null || !child.connected) return;
      await settle(this as Child).catch(() => undefined);
      const stopped = new Promise((r) => child.once('exit', r));
      child.send({ cmd: 'stop' });
      await stopped;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures in the run's database: sessions (inserted directly: argon2 sign-ins are not what is measured), the cases
// to open, and the fresh orders to open returns on.

interface Fixtures {
  opsCookie: string;
  caseIds: string[];
  freshOrders: Array<{ orderId: string; cookie: string; items: Array<{ orderItemId: string; quantity: number }> }>;
  /** Customers' active cases without evidence yet: room for 5 evidence images and 1 video each. */
  uploadCases: UploadTarget[];
}

const SESSION_SECRET = (userId: string) => `bench-session-${userId}`;

async function prepareFixtures(dbUrl: string, anchor: Date): Promise<Fixtures> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const expires = new Date(anchor.getTime() + 60 * 86_400_000);
    const session = async (userIds: string[]) => {
      await client.query(
        `insert into sessions (id, token_hash, user_id, created_at, expires_at)
         select gen_random_uuid(), encode(sha256(convert_to('bench-session-' || u, 'UTF8')), 'hex'), u::uuid, $2, $3 from unnest($1::text[]) u
         on conflict (token_hash) do nothing`,
        [userIds, anchor, expires],
      );
    };
    const { rows: [ops] } = await client.query<{ id: string }>(`select id from users where username = 'vops0000000'`);
    await session([ops.id]);
    const { rows: caseRows } = await client.query<{ id: string }>(
      `select id from return_cases tablesample bernoulli (least(100, 200000.0 / greatest(1, (select count(*) from return_cases)))) repeatable (7) limit 500`,
    );
    const { rows: fresh } = await client.query<{ order_id: string; customer_id: string; items: Array<{ orderItemId: string; quantity: number }> }>(
      `select o.id as order_id, o.customer_id, json_agg(json_build_object('orderItemId', oi.id, 'quantity', oi.quantity) order by oi.position) as items
         from orders o join order_items oi on oi.order_id = o.id and not oi.final_sale
        where o.delivered_at > $1::timestamptz - interval '6 days' and not exists (select 1 from return_cases rc where rc.order_id = o.id)
        group by o.id order by o.number`,
      [anchor],
    );
    await session([...new Set(fresh.map((f) => f.customer_id))]);
    const { rows: uploadRows } = await client.query<{ id: string; customer_id: string }>(
      `select rc.id, rc.customer_id from return_cases rc
        where rc.status <> all($1::case_status[]) and not exists (select 1 from evidence_documents d where d.return_case_id = rc.id)
        order by rc.number limit 5000`,
      [[...TERMINAL_STATUSES]],
    );
    await session([...new Set(uploadRows.map((r) => r.customer_id))]);
    return {
      uploadCases: uploadRows.map((r) => ({ caseId: r.id, cookie: `rh_session=${SESSION_SECRET(r.customer_id)}` })),
      opsCookie: `rh_session=${SESSION_SECRET(ops.id)}`,
      caseIds: caseRows.map((r) => r.id),
      freshOrders: fresh.map((f) => ({ orderId: f.order_id, cookie: `rh_session=${SESSION_SECRET(f.customer_id)}`, items: f.items })),
    };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Load

interface Scenario {
  name: string;
  title: string;
  /** Builds the body (and cookie) of the next request; `undefined` when the scenario has run out of inputs. */
  next: () => { body: string; cookie: string } | undefined;
  /** Checks one sample response; throws when it is not what the scenario expects. */
  check: (data: any) => void;
}

async function gql(url: string, cookie: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query, variables }) });
  const json = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (json.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(json.errors).slice(0, 500)}`);
  return json.data;
}

/** Waits until the server has finished what an earlier run left in flight (autocannon stops sending, not the server). */
async function settle(child: Child): Promise<void> {
  let last = (await child.request('stats')).statements;
  for (let i = 0; i < 300; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = (await child.request('stats')).statements;
    if (now === last) return;
    last = now;
  }
}

async function runLoad(child: Child, scenario: Scenario, connections: number, seconds: number): Promise<LoadResult> {
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
async function runLoadOnPair(pair: [Child, Child], scenario: Scenario, connections: number, seconds: number): Promise<LoadResult> {
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

const UPLOAD_CONCURRENCY = 8;

/** An upload run with the server's CPU and memory around it (see bench/uploads.ts). */
async function runUploadLoad(child: Child, file: UploadFile, nextTarget: () => UploadTarget | undefined, connections: number, seconds: number): Promise<UploadLoad> {
  await settle(child);
  const before = await child.request('stats');
  await child.request('reset-peak');
  const run = await runUploads(child.url, file, nextTarget, connections, seconds);
  // With the worker in the server (--worker), the run lasts until the uploads' thumbnail jobs are done too, so their
  // CPU and memory are in the figures (MB/s and latency stay those of the requests).
  let jobsDrainSeconds: number | null = null;
  if (args.worker) {
    const started = Date.now();
    while ((await child.request('jobs')).pending > 0 && Date.now() - started < 300_000) await new Promise((r) => setTimeout(r, 50));
    jobsDrainSeconds = (Date.now() - started) / 1000;
  }
  const after = await child.request('stats');
  if (run.firstError) say(`  first error: ${run.firstError}`);
  const uploads = run.latencies.length;
  const cpuMs = (after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1000;
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const stored = uploads - run.errors;
  return {
    connections,
    seconds: run.wallMs / 1000,
    uploads,
    megabytesPerSecond: (stored * file.size) / MB / (run.wallMs / 1000),
    uploadsPerSecond: stored / (run.wallMs / 1000),
    latencyMs: { p50: at(0.5), p99: at(0.99), mean: sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, uploads) },
    errors: run.errors,
    serverCpuMsPerUpload: uploads ? cpuMs / uploads : 0,
    rssGrowthMbPerUpload: Math.max(0, after.peakRss - before.rss) / 2 ** 20 / connections,
    jobsDrainSeconds,
    peakRssMb: after.peakRss / 2 ** 20,
    memory: memoryFigures(after.memory.base, after.memory.peak, after.memory.samples, connections),
    exhausted: run.exhausted,
  };
}

/** PostgreSQL's and the load generator's CPU per request over a run, and how busy the whole machine was. */
function otherCpu(before: CpuSample, after: CpuSample, requests: number): Pick<LoadResult, 'postgresCpuMsPerRequest' | 'loadGeneratorCpuMsPerRequest' | 'machineBusyPercent'> {
  const spent = cpuBetween(before, after);
  return {
    postgresCpuMsPerRequest: spent.postgresMs !== null && requests ? spent.postgresMs / requests : null,
    loadGeneratorCpuMsPerRequest: requests ? spent.loadGeneratorMs / requests : 0,
    machineBusyPercent: spent.machineBusyPercent,
  };
}

/** The live-memory probe of an upload scenario on a --expose-gc server (see UploadProbe); its cases are freed first. */
async function probeUploads(probe: Child, dbUrl: string, file: UploadFile, targets: UploadTarget[], perCase: number, seconds: number): Promise<UploadProbe[]> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  // The probe reuses the scenario's cases: their evidence rows go (files stay in the run's temporary directory).
  await client.query('delete from evidence_documents where return_case_id = any($1::uuid[])', [targets.map((t) => t.caseId)]);
  await client.end();
  let taken = 0;
  const nextTarget = () => targets[Math.floor(taken++ / perCase)];
  await runUploads(probe.url, file, nextTarget, 1, 1);
  const out: UploadProbe[] = [];
  for (const connections of [1, UPLOAD_CONCURRENCY]) {
    await settle(probe);
    await probe.request('reset-peak');
    const run = await runUploads(probe.url, file, nextTarget, connections, seconds);
    const { memory } = await probe.request('stats');
    out.push({ connections, uploads: run.latencies.length, errors: run.errors, live: memoryFigures(memory.base, memory.peak, memory.samples, connections) });
  }
  return out;
}

/** Slices of one scenario taken together: requests/s over all of them, the median slice's p50. */
function summarise(loads: LoadResult[]): { requestsPerSecond: number; p50: number; meanMs: number; cpuMsPerRequest: number } {
  const requests = loads.reduce((sum, l) => sum + l.requests, 0);
  const seconds = loads.reduce((sum, l) => sum + l.requests / l.requestsPerSecond, 0);
  const p50s = loads.map((l) => l.latencyMs.p50).sort((a, b) => a - b);
  const meanMs = loads.reduce((sum, l) => sum + l.latencyMs.mean * l.requests, 0) / requests;
  return { requestsPerSecond: requests / seconds, p50: p50s[Math.floor(p50s.length / 2)], meanMs, cpuMsPerRequest: loads.reduce((sum, l) => sum + l.serverCpuMsPerRequest * l.requests, 0) / requests };
}

/** The statements one request sends, recorded by the child (nothing else may run meanwhile). */
async function recordStatements(child: Child, send: () => Promise<unknown>): Promise<RecordedStatement[]> {
  await settle(child);
  await child.request('record');
  await send();
  return (await child.request('recorded')).statements;
}

/** Replays `statements` with pg alone, from `connections` clients, for `seconds`: the floor under the GraphQL request. */
async function rawSqlFloor(dbUrl: string, statements: RecordedStatement[], connections: number, seconds: number): Promise<LoadResult> {
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

// ---------------------------------------------------------------------------------------------------------------

async function machine(dbUrl: string) {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const { rows: [version] } = await client.query<{ version: string }>('select version()');
  const { rows: [size] } = await client.query<{ size: string }>('select pg_size_pretty(pg_database_size(current_database())) as size');
  await client.end();
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: version.version,
    databaseSize: size.size,
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

async function main() {
  const startedAt = new Date();
  say(`ReturnHub benchmark${quick ? ' (quick)' : ''}: ${cases.toLocaleString('en-US')} cases, ${duration} s per run, connections ${connectionCounts.join(' and ')}`);
  const server = await startBenchPostgres();
  postmasterPid = server.postmasterPid;
  let drop: (() => Promise<void>) | undefined;
  const children: Child[] = [];
  try {
    const volume = await ensureVolume(server, { cases, seed: args.seed, anchor: DEFAULT_ANCHOR, log: say });
    const anchor = new Date(volume.meta.anchor);
    const cloneStarted = Date.now();
    const run = await cloneForRun(server, volume.name);
    drop = run.drop;
    say(`✓ Fresh copy ${run.name} (${((Date.now() - cloneStarted) / 1000).toFixed(1)} s)`);
    const fixtures = await prepareFixtures(run.url, anchor);
    const info = await machine(run.url);
    say(`  ${info.cpuModel}, ${info.cores} cores, ${info.memoryGb} GB; Node ${info.node}; ${info.postgres.split(',')[0]}; database ${info.databaseSize}`);

    const child = await startChild(run.url, anchor, true);
    children.push(child);
    const ops = fixtures.opsCookie;

    // Depth for the deep page and the cursor: page 1,001 (15,000 rows in) at full volume, less on a small one.
    const firstPage = await gql(child.url, ops, QUEUE_PAGE, { page: 1 });
    const totalCount: number = firstPage.queue.totalCount;
    const depth = args.depth || Math.min(15_000, Math.floor(totalCount / 2 / 15) * 15);
    const deepPage = depth / 15 + 1;
    let cursor: string | null = null;
    for (let walked = 0; walked < depth; walked += 100) {
      const step = Math.min(100, depth - walked);
      const page: any = await gql(child.url, ops, QUEUE_CURSOR_WALK, { first: step, after: cursor });
      cursor = page.queueConnection.pageInfo.endCursor;
    }
    say(`  queue: ${totalCount.toLocaleString('en-US')} cases; deep page ${deepPage}, cursor after ${depth.toLocaleString('en-US')} rows`);

    let caseIndex = 0;
    let orderIndex = 0;
    const types = ['REFUND', 'EXCHANGE'];
    const reasons = ['DEFECTIVE_DAMAGED', 'WRONG_ITEM', 'NOT_AS_DESCRIBED', 'CHANGED_MIND', 'OTHER'];
    const fixed = (query: string, variables: Record<string, unknown>) => {
      const body = JSON.stringify({ query, variables });
      return () => ({ body, cookie: ops });
    };
    const queueCheck = (expectedPage: number) => (data: any) => {
      if (data.queue.page !== expectedPage || data.queue.items.length !== 15) throw new Error(`queue page ${expectedPage}: got page ${data.queue.page} with ${data.queue.items.length} rows`);
    };
    const scenarios: Scenario[] = [
      { name: 'queue-page-1', title: 'Queue, page 1', next: fixed(QUEUE_PAGE, { page: 1 }), check: queueCheck(1) },
      { name: 'queue-deep-page', title: `Queue, page ${deepPage.toLocaleString('en-US')}`, next: fixed(QUEUE_PAGE, { page: deepPage }), check: queueCheck(deepPage) },
      {
        name: 'queue-cursor-deep',
        title: `Queue cursor after ${depth.toLocaleString('en-US')} rows`,
        next: fixed(QUEUE_CONNECTION, { first: 15, after: cursor }),
        check: (data) => {
          if (data.queueConnection.edges.length !== 15) throw new Error('cursor page is not full');
        },
      },
      {
        name: 'case-detail',
        title: 'Case detail (ops workspace)',
        next: () => ({ body: JSON.stringify({ query: CASE_DETAIL, variables: { id: fixtures.caseIds[caseIndex++ % fixtures.caseIds.length] } }), cookie: ops }),
        check: (data) => {
          if (!data.returnCase?.id) throw new Error('no case');
        },
      },
      {
        name: 'create-return-case',
        title: 'createReturnCase (customer)',
        next: () => {
          const order = fixtures.freshOrders[orderIndex++];
          if (!order) return undefined;
          const input = {
            orderId: order.orderId,
            type: types[orderIndex % 2 === 0 ? 0 : orderIndex % 5 === 1 ? 1 : 0],
            reason: reasons[orderIndex % reasons.length],
            description: 'Opened by the benchmark.',
            items: order.items.slice(0, 1 + (orderIndex % 2)),
          };
          return { body: JSON.stringify({ query: CREATE_RETURN_CASE, variables: { input } }), cookie: order.cookie };
        },
        check: (data) => {
          if (!data.createReturnCase?.number) throw new Error('no case created');
        },
      },
    ];

    const results: ScenarioResult[] = [];
    for (const scenario of scenarios.filter((s) => wanted(s.name))) {
      const sample = scenario.next();
      if (!sample) throw new Error(`${scenario.name}: no input`);
      const statements = await recordStatements(child, async () => {
        const response = await fetch(`${child.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: sample.cookie }, body: sample.body });
        const json = (await response.json()) as { data?: unknown; errors?: unknown[] };
        if (json.errors?.length) throw new Error(`${scenario.name}: ${JSON.stringify(json.errors).slice(0, 500)}`);
        scenario.check(json.data);
      });
      say(`\n• ${elapsed()} ${scenario.title}: ${statements.length} statements (${statements.filter((s) => s.transactionControl).length} transaction control)`);
      await runLoad(child, scenario, Math.max(...connectionCounts), warmup);
      const loads: LoadResult[] = [];
      for (const connections of connectionCounts) {
        const load = await runLoad(child, scenario, connections, duration);
        loads.push(load);
        say(`  ${String(connections).padStart(2)} conn: ${load.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${load.latencyMs.p50.toFixed(1)} ms  p99 ${load.latencyMs.p99.toFixed(1)} ms  ${load.statementsPerRequest.toFixed(2)} stmt/req  CPU ${load.serverCpuMsPerRequest.toFixed(2)} ms/req (${load.serverCpuPercent.toFixed(0)} %)${load.postgresCpuMsPerRequest !== null ? ` + PostgreSQL ${load.postgresCpuMsPerRequest.toFixed(2)} ms` : ''}  peak RSS ${load.peakRssMb.toFixed(0)} MB${load.errors ? `  ERRORS ${load.errors}` : ''}`);
      }
      results.push({ name: scenario.name, title: scenario.title, statements: statements.map((s) => s.text.replace(/\s+/g, ' ').slice(0, 400)), loads });

      // The raw SQL floor: the same statements (reads, so they can be replayed) through pg alone, no server at all.
      const floorTitle = { 'queue-page-1': 'Queue page 1', 'case-detail': 'Case detail' }[scenario.name];
      if (floorTitle) {
        const queries = statements.filter((s) => !s.transactionControl);
        const floor: LoadResult[] = [];
        for (const connections of connectionCounts) floor.push(await rawSqlFloor(run.url, queries, connections, duration));
        results.push({ name: `${scenario.name}-raw-sql`, title: `${floorTitle}: the same statements through pg alone`, statements: [], loads: floor });
        say(`  raw SQL floor: ${floor.map((f) => `${f.connections} conn ${f.requestsPerSecond.toFixed(0)} req/s p50 ${f.latencyMs.p50.toFixed(2)} ms`).join('; ')}`);
        say(`  GraphQL / raw SQL (p50 at ${connectionCounts[0]} conn): ${(loads[0].latencyMs.p50 / floor[0].latencyMs.p50).toFixed(1)}×`);
      }
    }

    // Uploads: customers' evidence (a 5 MB image, a 50 MB video) from 1 and from UPLOAD_CONCURRENCY uploaders. Each
    // case takes up to 5 images and 1 video (SPEC §4), so the two scenarios walk the same cases independently.
    const uploads: BenchReport['uploads'] = [];
    const uploadSpecs: Array<{ name: string; title: string; file: () => Promise<UploadFile>; perCase: number }> = [
      { name: 'upload-5mb', title: 'Upload a 5 MB evidence image (PNG)', file: () => benchImage(5 * MB), perCase: 5 },
      { name: 'upload-50mb', title: 'Upload a 50 MB evidence video (MP4)', file: async () => benchVideo(50 * MB), perCase: 1 },
    ];
    let probeChild: Child | undefined;
    for (const spec of uploadSpecs.filter((u) => wanted(u.name))) {
      const file = await spec.file();
      let taken = 0;
      const nextTarget = () => fixtures.uploadCases[Math.floor(taken++ / spec.perCase)];
      say(`\n• ${elapsed()} ${spec.title}`);
      await runUploadLoad(child, file, nextTarget, 1, Math.max(1, warmup));
      const loads: UploadLoad[] = [];
      for (const connections of [1, UPLOAD_CONCURRENCY]) {
        const load = await runUploadLoad(child, file, nextTarget, connections, duration);
        loads.push(load);
        say(`  ${String(connections).padStart(2)} conn: ${load.megabytesPerSecond.toFixed(0).padStart(5)} MB/s  ${load.uploadsPerSecond.toFixed(1)} uploads/s  p50 ${load.latencyMs.p50.toFixed(0)} ms  CPU ${load.serverCpuMsPerUpload.toFixed(1)} ms/upload  RSS +${load.rssGrowthMbPerUpload.toFixed(2)} MB per concurrent upload (peak ${load.peakRssMb.toFixed(0)} MB; heap +${load.memory!.growthMbPerUpload.heapUsed.toFixed(2)}, external +${load.memory!.growthMbPerUpload.external.toFixed(2)})${load.jobsDrainSeconds !== null ? `  jobs done ${load.jobsDrainSeconds.toFixed(1)} s after the run` : ''}${load.errors ? `  ERRORS ${load.errors}` : ''}${load.exhausted ? '  (ran out of cases)' : ''}`);
      }
      // Live memory apart from garbage: a short probe on a server that collects before every memory sample (one such
      // server for both upload scenarios; it serves nothing else).
      if (!probeChild) {
        probeChild = await startChild(run.url, anchor, true, true);
        children.push(probeChild);
      }
      const probe = await probeUploads(probeChild, run.url, file, fixtures.uploadCases, spec.perCase, Math.max(quick ? 1 : 2, Math.round(duration / 2)));
      for (const p of probe) say(`  live (collected before each of ${p.live.samples} samples, ${p.uploads} uploads) at ${String(p.connections).padStart(2)} conn: per concurrent upload heap +${p.live.growthMbPerUpload.heapUsed.toFixed(2)} MB, external +${p.live.growthMbPerUpload.external.toFixed(2)} MB (ArrayBuffers +${p.live.growthMbPerUpload.arrayBuffers.toFixed(2)}), RSS +${p.live.growthMbPerUpload.rss.toFixed(2)} MB${p.errors ? `  ERRORS ${p.errors}` : ''}`);
      uploads.push({ name: spec.name, title: spec.title, sizeBytes: file.size, loads, probe });
    }
    if (probeChild) {
      await probeChild.stop();
      children.splice(children.indexOf(probeChild), 1);
    }

    // Depth: page 1, the deep page and the cursor at depth in alternating slices on the same server, so the comparison
    // is not at the mercy of the machine's other load changing between their separate runs above.
    const depthComparison: BenchReport['depthComparison'] = [];
    const depthNames = ['queue-page-1', 'queue-deep-page', 'queue-cursor-deep'];
    if (depthNames.every((name) => wanted(name))) {
      const trio = depthNames.map((name) => scenarios.find((x) => x.name === name)!);
      const slice = Math.max(1, Math.round(duration / 3));
      const rounds = quick ? 2 : 3;
      for (const connections of connectionCounts) {
        const slices = new Map<string, LoadResult[]>(depthNames.map((name) => [name, []]));
        for (let round = 0; round < rounds; round++) {
          for (let i = 0; i < trio.length; i++) {
            const scenario = trio[(i + round) % trio.length];
            slices.get(scenario.name)!.push(await runLoad(child, scenario, connections, slice));
          }
        }
        depthComparison.push({ connections, results: depthNames.map((name) => ({ name, ...summarise(slices.get(name)!) })) });
        say(`\n• ${elapsed()} Depth, alternating ${slice} s slices ×${rounds} at ${connections} conn: ${depthComparison.at(-1)!.results.map((r) => `${r.name} ${r.requestsPerSecond.toFixed(0)} req/s mean ${r.meanMs.toFixed(2)} ms`).join('; ')}`);
      }
    }

    // The read scenarios again on two server processes sharing the connections, as docker-compose.yml runs the API (two
    // replicas): does a second process help when one is what limits a cheap request? After the uploads and depth
    // slices, so those run on one server as before.
    const pairNames = ['queue-page-1', 'case-detail'].filter((name) => wanted(name) && wanted('two-processes'));
    if (pairNames.length) {
      const second = await startChild(run.url, anchor, true);
      children.push(second);
      const connections = Math.max(...connectionCounts);
      for (const name of pairNames) {
        const scenario = scenarios.find((x) => x.name === name)!;
        await runLoadOnPair([child, second], scenario, connections, warmup);
        const load = await runLoadOnPair([child, second], scenario, connections, duration);
        results.push({ name: `${name}-two-processes`, title: `${scenario.title}, two server processes`, statements: [], loads: [load] });
        say(`\n• ${elapsed()} ${scenario.title} on two server processes, ${connections} connections split between them: ${load.requestsPerSecond.toFixed(0)} req/s  p50 ${load.latencyMs.p50.toFixed(1)} ms  p99 ${load.latencyMs.p99.toFixed(1)} ms  CPU ${load.serverCpuMsPerRequest.toFixed(2)} ms/req (${load.serverCpuPercent.toFixed(0)} % of one core)${load.postgresCpuMsPerRequest !== null ? ` + PostgreSQL ${load.postgresCpuMsPerRequest.toFixed(2)} ms` : ''}${load.errors ? `  ERRORS ${load.errors}` : ''}`);
      }
      await second.stop();
      children.splice(children.indexOf(second), 1);
    }

    // The shield's share: the same queue request on a server built without the permission layer. The two servers
    // take turns (six alternating slices at the highest connection count), so a change in the machine's other load
    // falls on both alike; the share is the difference in CPU per request.
    let shield: BenchReport['shield'] = null;
    if (wanted('shield')) {
      // Two fresh servers, warmed alike, so neither has a JIT or heap head start.
      await child.stop();
      children.splice(children.indexOf(child), 1);
      const [shielded, bare] = await Promise.all([startChild(run.url, anchor, true), startChild(run.url, anchor, false)]);
      children.push(shielded, bare);
      const scenario = scenarios[0];
      const connections = Math.max(...connectionCounts);
      for (const server of quick ? [shielded, bare] : [shielded, bare, shielded, bare]) await runLoad(server, scenario, connections, quick ? warmup : Math.max(2, warmup));
      const slice = Math.max(quick ? 1 : 2, Math.round(duration / 3));
      // Round 0 is a further warm-up, not counted; a quick run counts two turns each, a full run three.
      const rounds = quick ? 3 : 4;
      const totals = new Map<Child, { cpuMs: number; requests: number; loads: LoadResult[] }>([[shielded, { cpuMs: 0, requests: 0, loads: [] }], [bare, { cpuMs: 0, requests: 0, loads: [] }]]);
      for (let round = 0; round < rounds; round++) {
        for (const server of round % 2 ? [shielded, bare] : [bare, shielded]) {
          const load = await runLoad(server, scenario, connections, slice);
          if (round === 0) continue;
          const total = totals.get(server)!;
          total.cpuMs += load.serverCpuMsPerRequest * load.requests;
          total.requests += load.requests;
          total.loads.push(load);
        }
      }
      const cpuWith = totals.get(shielded)!.cpuMs / totals.get(shielded)!.requests;
      const cpuWithout = totals.get(bare)!.cpuMs / totals.get(bare)!.requests;
      const merged = (loads: LoadResult[]): LoadResult => ({
        ...loads[0],
        seconds: loads.reduce((sum, l) => sum + l.seconds, 0),
        requests: loads.reduce((sum, l) => sum + l.requests, 0),
        requestsPerSecond: loads.reduce((sum, l) => sum + l.requestsPerSecond, 0) / loads.length,
        serverCpuMsPerRequest: loads.reduce((sum, l) => sum + l.serverCpuMsPerRequest * l.requests, 0) / loads.reduce((sum, l) => sum + l.requests, 0),
        latencyMs: { ...loads[0].latencyMs, p50: loads.map((l) => l.latencyMs.p50).sort((a, b) => a - b)[1], p99: Math.max(...loads.map((l) => l.latencyMs.p99)) },
      });
      results.push({ name: 'queue-page-1-shield-turns', title: 'Queue page 1 with the permission layer (alternating with the next row)', statements: [], loads: [merged(totals.get(shielded)!.loads)] });
      results.push({ name: 'queue-page-1-no-shield', title: 'Queue page 1 without the permission layer (bench only)', statements: [], loads: [merged(totals.get(bare)!.loads)] });
      shield = { cpuMsWith: cpuWith, cpuMsWithout: cpuWithout, costPercent: ((cpuWith - cpuWithout) / cpuWith) * 100 };
      say(`\n• ${elapsed()} Shield (two fresh servers, alternating ${slice} s slices ×${rounds - 1} at ${connections} connections): ${cpuWith.toFixed(3)} ms CPU/request with, ${cpuWithout.toFixed(3)} without → ${shield.costPercent.toFixed(1)} % of the queue request's CPU`);
    }

    const risk = wanted('risk') ? measureRiskScoring(quick ? 1 : 3) : null;
    if (risk) say(`\n• ${elapsed()} Risk scoring in process: ${Math.round(risk.casesPerSecond).toLocaleString('en-US')} cases/s (${risk.modelVersion})`);

    const report: BenchReport = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      mode: quick ? 'quick' : 'full',
      machine: { ...info, loadAverageAtEnd: os.loadavg().map((v) => Math.round(v * 100) / 100), postgresSetup: server.describe },
      volume: { database: volume.name, ...volume.meta },
      settings: { durationSeconds: duration, warmupSeconds: warmup, connections: connectionCounts, depth, deepPage, serverPoolMax: Number(process.env.BENCH_POOL_MAX ?? 10) },
      scenarios: results,
      depthComparison,
      shield,
      risk,
      uploads,
    };
    mkdirSync(outDir, { recursive: true });
    const stamp = freshReportName(outDir, startedAt.toISOString().slice(0, 10) + (quick ? '-quick' : ''));
    writeFileSync(join(outDir, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(outDir, `${stamp}.md`), renderMarkdown(report));
    say(`\n✓ Report: ${join(outDir, `${stamp}.md`)} (and .json) in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s`);
  } finally {
    for (const child of children) await child.stop().catch(() => undefined);
    await drop?.().catch(() => undefined);
    await server.stop();
    rmSync(filesDir, { recursive: true, force: true });
  }
}

await main();
