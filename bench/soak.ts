// A bounded soak test (issue #10): starts the whole product as `npm start` runs it (embedded PostgreSQL, API and
// job worker in one process, on 127.0.0.1 only), drives mixed traffic for a fixed time, samples the server's memory,
// and judges the run: no errors, and memory that stays flat.
//   npm run soak                       5 minutes, 4 virtual users
//   npm run soak -- --duration 600     10 minutes
//   npm run soak -- --quick            20 seconds (a smoke run; the slope is not judged, too few samples)
// Writes soak-<date>[-quick].{json,md} to --out (default bench/results); exits 1 on any error or when memory grows
// past the bounds.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { parseArgs } from './args.js';
import { freshReportName } from './report.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = parseArgs(process.argv.slice(2), { duration: 300, quick: false, users: 4, sampleEvery: 5, maxHeapSlopeMbPerMin: 2, maxRssSlopeMbPerMin: 5, maxPeakRssMb: 1024, out: 'bench/results' });
const durationS = args.quick ? 20 : args.duration;
if (durationS < 5 || durationS > 3_600) throw new Error('--duration must be 5 to 3600 seconds');
const PASSWORD = 'ChangeMe123!';
const say = (line: string) => process.stdout.write(`${line}\n`);

// ---- The product, as a child process ----

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

async function startProduct(): Promise<{ url: string; child: ChildProcess; dataDir: string; log: () => string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'returnhub-soak-'));
  // Run as root, embedded PostgreSQL works as its own OS user: it must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  const port = Number(process.env.PORT || (await freePort()));
  const pgPort = Number(process.env.EMBEDDED_PG_PORT || (await freePort()));
  let output = '';
  // --expose-gc and the probe: memory is sampled after a full collection (see bench/soak-gc-probe.cjs).
  const child = spawn(process.execPath, ['--expose-gc', '--require', join(root, 'bench/soak-gc-probe.cjs'), join(root, 'dist/server/src/main.js')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  child.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the product exited during start-up:\n${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the product did not become ready in 180 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, child, dataDir, log: () => output };
}

async function stopProduct(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

// ---- A client ----

class Session {
  cookie: string | undefined;
  constructor(
    readonly url: string,
    readonly username: string,
  ) {}
}

interface Outcome {
  ok: boolean;
  code?: string;
  data?: any;
}

const KINDS = ['sign-in', 'queue page', 'case detail', 'createReturnCase', 'transition', 'priority', 'note', 'upload', 'cancel'] as const;
type Kind = (typeof KINDS)[number];
const latencies = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
const errors: Array<{ kind: Kind; code: string; at: number }> = [];
let requests = 0;
const startedAt = Date.now();

async function call(kind: Kind, session: Session | null, query: string, variables: Record<string, unknown> = {}, form?: FormData): Promise<Outcome> {
  const started = performance.now();
  let outcome: Outcome;
  try {
    const headers: Record<string, string> = session?.cookie ? { cookie: session.cookie } : {};
    const response = form
      ? await fetch(`${session!.url}/graphql`, { method: 'POST', headers: { ...headers, 'apollo-require-preflight': 'true' }, body: form })
      : await fetch(`${session?.url ?? base}/graphql`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie && session) session.cookie = setCookie.split(';')[0];
    const body = (await response.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
    outcome = body.errors?.length ? { ok: false, code: body.errors[0].extensions?.code ?? `HTTP_${response.status}` } : { ok: true, data: body.data };
  } catch (error) {
    outcome = { ok: false, code: `NETWORK: ${error instanceof Error ? error.message : String(error)}` };
  }
  requests++;
  latencies.get(kind)!.push(performance.now() - started);
  if (!outcome.ok) errors.push({ kind, code: outcome.code!, at: Date.now() - startedAt });
  return outcome;
}

let base = '';

async function signIn(username: string): Promise<Session> {
  const session = new Session(base, username);
  const result = await call('sign-in', session, 'mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { id } }', { u: username, p: PASSWORD });
  if (!result.ok) throw new Error(`sign-in of ${username} failed: ${result.code}`);
  return session;
}

// ---- The traffic ----

const QUEUE = 'query Q($page: Int, $filter: QueueFilter) { queue(page: $page, filter: $filter) { page totalCount items { id number status priority slaDueAt } summary { total breached dueWithin24h } } }';
const DETAIL = 'query C($id: ID!) { returnCase(id: $id) { id number status version priority items { id quantity } timeline { type toStatus createdAt } messages { body } documents { id fileName } } }';
const CREATE = 'mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id status version } }';
const TRANSITION = 'mutation T($id: ID!, $to: CaseStatus!) { transitionReturnCase(id: $id, to: $to) { status version } }';
const PRIORITY = 'mutation P($id: ID!, $p: CasePriority!) { setCasePriority(id: $id, priority: $p) { priority version } }';
const NOTE = 'mutation N($id: ID!, $body: String!) { addCaseNote(caseId: $id, body: $body, visibility: MESSAGE) { id } }';
const UPLOAD = 'mutation U($caseId: ID!, $kind: DocumentKind!, $files: [Upload!]!) { uploadCaseDocuments(caseId: $caseId, kind: $kind, files: $files) { id sizeBytes } }';
const CANCEL = 'mutation X($id: ID!, $r: String) { cancelReturnCase(id: $id, reason: $r) { status } }';

interface Claim {
  customer: string;
  orderId: string;
  orderItemId: string;
}

/** Order items a customer can return now; a virtual user takes one, opens a case, and gives it back by cancelling. */
async function returnableItems(customer: string): Promise<Claim[]> {
  const session = await signIn(customer);
  const orders = await call('queue page', session, 'query O { orders(first: 50) { edges { node { id status } } } }');
  const claims: Claim[] = [];
  for (const { node } of orders.data?.orders.edges ?? []) {
    if (node.status !== 'DELIVERED') continue;
    const eligibility = await call('case detail', session, 'query E($id: ID!) { returnEligibility(orderId: $id) { eligible items { orderItemId eligible returnableQuantity } } }', { id: node.id });
    for (const item of eligibility.data?.returnEligibility.items ?? []) {
      if (item.eligible && item.returnableQuantity >= 1) claims.push({ customer, orderId: node.id, orderItemId: item.orderItemId });
    }
  }
  return claims;
}

async function virtualUser(index: number, until: number, pool: Claim[], image: Buffer): Promise<void> {
  const customerName = index % 2 === 0 ? 'customer.one' : 'customer.two';
  let customer = await signIn(customerName);
  let ops = await signIn('ops.demo');
  let cycle = 0;
  const ownCases: string[] = [];
  while (Date.now() < until) {
    const cycleStarted = Date.now();
    cycle++;
    if (cycle % 25 === 0) {
      // Fresh sessions now and then: sign-ins are part of the mix (and each session's mutation budget is 120/min).
      customer = await signIn(customerName);
      ops = await signIn('ops.demo');
    }
    for (let i = 0; i < 4; i++) {
      const page = await call('queue page', ops, QUEUE, { page: 1 + ((cycle + i) % 3), filter: i % 2 ? { priority: 'HIGH' } : {} });
      const items: Array<{ id: string }> = page.data?.queue.items ?? [];
      if (items.length) await call('case detail', ops, DETAIL, { id: items[(cycle + i) % items.length].id });
    }
    if (ownCases.length) await call('case detail', customer, DETAIL, { id: ownCases[cycle % ownCases.length] });

    const claimIndex = pool.findIndex((c) => c.customer === customerName);
    if (claimIndex >= 0) {
      const [claim] = pool.splice(claimIndex, 1);
      const created = await call('createReturnCase', customer, CREATE, { input: { orderId: claim.orderId, type: 'REFUND', reason: 'CHANGED_MIND', description: `Soak ${index}.${cycle}`, items: [{ orderItemId: claim.orderItemId, quantity: 1 }] } });
      const rc = created.data?.createReturnCase as { id: string; status: string } | undefined;
      if (rc) {
        ownCases.push(rc.id);
        if (ownCases.length > 20) ownCases.shift();
        if (rc.status === 'SUBMITTED') await call('transition', ops, TRANSITION, { id: rc.id, to: 'IN_REVIEW' });
        else await call('priority', ops, PRIORITY, { id: rc.id, p: 'HIGH' });
        await call('note', ops, NOTE, { id: rc.id, body: `We are looking at it (${cycle}).` });
        const form = new FormData();
        form.append('operations', JSON.stringify({ query: UPLOAD, variables: { caseId: rc.id, kind: 'EVIDENCE', files: [null] } }));
        form.append('map', JSON.stringify({ 0: ['variables.files.0'] }));
        form.append('0', new Blob([image], { type: 'image/png' }), 'parcel.png');
        await call('upload', customer, UPLOAD, {}, form);
        await call('case detail', customer, DETAIL, { id: rc.id });
        await call('cancel', customer, CANCEL, { id: rc.id, r: 'Soak: keeping it after all.' });
      }
      pool.push(claim);
    }
    // Each session stays under the per-session mutation limit (at most 5 mutations per cycle, a cycle ≥ 3 s).
    const rest = 3_000 - (Date.now() - cycleStarted);
    if (rest > 0) await new Promise((r) => setTimeout(r, rest));
  }
}

// ---- Memory ----

interface Sample {
  seconds: number;
  rssMb: number;
  heapMb: number;
  heapTotalMb: number;
  externalMb: number;
  requests: number;
}

let probeId = 0;
/** The product's memory right after a full garbage collection (asked over IPC; bench/soak-gc-probe.cjs answers). */
function sampleMemory(child: ChildProcess): Promise<{ rssMb: number; heapMb: number; heapTotalMb: number; externalMb: number }> {
  const id = ++probeId;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error('the memory probe did not answer in 10 s'));
    }, 10_000);
    const onMessage = (message: { cmd?: string; id?: number; rss: number; heapUsed: number; heapTotal: number; external: number }) => {
      if (message?.cmd !== 'memory' || message.id !== id) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      const mb = (n: number) => n / 1024 / 1024;
      resolve({ rssMb: mb(message.rss), heapMb: mb(message.heapUsed), heapTotalMb: mb(message.heapTotal), externalMb: mb(message.external) });
    };
    child.on('message', onMessage);
    child.send({ cmd: 'memory', id });
  });
}

/** Least-squares slope in MB per minute. */
function slopePerMinute(points: Array<{ seconds: number; value: number }>): number {
  if (points.length < 3) return 0;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.seconds, 0) / n;
  const my = points.reduce((s, p) => s + p.value, 0) / n;
  const num = points.reduce((s, p) => s + (p.seconds - mx) * (p.value - my), 0);
  const den = points.reduce((s, p) => s + (p.seconds - mx) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 60;
}

const percentile = (values: number[], p: number): number => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

// ---- The run ----

say(`ReturnHub soak: ${durationS} s, ${args.users} virtual users, memory sampled every ${args.sampleEvery} s (loopback only)`);
say('• Starting the product (embedded PostgreSQL, API, worker)…');
const product = await startProduct();
base = product.url;
let exitCode = 0;
try {
  say(`✓ Ready at ${product.url}`);
  const image = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 90, g: 140, b: 200 } } }).png().toBuffer();
  const pool = [...(await returnableItems('customer.one')), ...(await returnableItems('customer.two'))];
  say(`✓ ${pool.length} returnable order items to cycle through`);
  // The set-up's own requests are not part of the measured run.
  for (const list of latencies.values()) list.length = 0;
  errors.length = 0;
  requests = 0;

  const runStarted = Date.now();
  const until = runStarted + durationS * 1_000;
  const samples: Sample[] = [];
  const takeSample = async () => {
    const memory = await sampleMemory(product.child);
    const sample = { seconds: round((Date.now() - runStarted) / 1000), ...memory, requests };
    samples.push(sample);
    return sample;
  };
  await takeSample();
  const sampler = setInterval(() => {
    void takeSample().then((s) => {
      say(`  ${String(Math.round(s.seconds)).padStart(4)} s  ${String(s.requests).padStart(6)} requests  ${round(s.requests / Math.max(1, s.seconds))} req/s  ${errors.length} errors  RSS ${round(s.rssMb)} MB  heap ${round(s.heapMb)}/${round(s.heapTotalMb)} MB  external ${round(s.externalMb)} MB`);
    }, (error: unknown) => errors.push({ kind: 'queue page', code: `METRICS: ${String(error)}`, at: Date.now() - startedAt }));
  }, args.sampleEvery * 1_000);
  await Promise.all(Array.from({ length: args.users }, (_, i) => virtualUser(i, until, pool, image)));
  clearInterval(sampler);
  await takeSample();
  const seconds = (Date.now() - runStarted) / 1000;

  // ---- Verdict ----
  const warm = samples.filter((s) => s.seconds >= Math.min(60, seconds * 0.2));
  // Every sample follows a full collection: heap used is the live set, and its slope is what a leak moves.
  const heapSlope = slopePerMinute(warm.map((s) => ({ seconds: s.seconds, value: s.heapMb })));
  const rssSlope = slopePerMinute(warm.map((s) => ({ seconds: s.seconds, value: s.rssMb })));
  const peakRss = Math.max(...samples.map((s) => s.rssMb));
  const judgeSlope = !args.quick && warm.length >= 10;
  const problems: string[] = [];
  if (errors.length) problems.push(`${errors.length} errors`);
  if (peakRss > args.maxPeakRssMb) problems.push(`peak RSS ${round(peakRss)} MB > ${args.maxPeakRssMb} MB`);
  if (judgeSlope && heapSlope > args.maxHeapSlopeMbPerMin) problems.push(`heap grows ${round(heapSlope, 2)} MB/min > ${args.maxHeapSlopeMbPerMin}`);
  if (judgeSlope && rssSlope > args.maxRssSlopeMbPerMin) problems.push(`RSS grows ${round(rssSlope, 2)} MB/min > ${args.maxRssSlopeMbPerMin}`);

  const all = [...latencies.values()].flat();
  const byKind = KINDS.map((kind) => {
    const values = latencies.get(kind)!;
    return { kind, requests: values.length, perSecond: round(values.length / seconds, 2), p50Ms: round(percentile(values, 50)), p99Ms: round(percentile(values, 99)), errors: errors.filter((e) => e.kind === kind).length };
  });
  const report = {
    startedAt: new Date(runStarted).toISOString(),
    seconds: round(seconds),
    users: args.users,
    requests: all.length,
    requestsPerSecond: round(all.length / seconds, 1),
    errors: errors.length,
    errorSamples: errors.slice(0, 20),
    latencyMs: { p50: round(percentile(all, 50)), p99: round(percentile(all, 99)), max: round(Math.max(0, ...all)) },
    byKind,
    memory: {
      rssMb: { start: round(samples[0].rssMb), end: round(samples.at(-1)!.rssMb), peak: round(peakRss) },
      heapMb: { start: round(samples[0].heapMb), end: round(samples.at(-1)!.heapMb), peak: round(Math.max(...samples.map((s) => s.heapMb))) },
      heapTotalMb: { start: round(samples[0].heapTotalMb), end: round(samples.at(-1)!.heapTotalMb), peak: round(Math.max(...samples.map((s) => s.heapTotalMb))) },
      externalMb: { start: round(samples[0].externalMb), end: round(samples.at(-1)!.externalMb), peak: round(Math.max(...samples.map((s) => s.externalMb))) },
      afterWarmUp: { fromSecond: warm[0]?.seconds ?? null, samples: warm.length, heapSlopeMbPerMin: round(heapSlope, 2), rssSlopeMbPerMin: round(rssSlope, 2), judged: judgeSlope },
      bounds: { maxHeapSlopeMbPerMin: args.maxHeapSlopeMbPerMin, maxRssSlopeMbPerMin: args.maxRssSlopeMbPerMin, maxPeakRssMb: args.maxPeakRssMb },
      samples,
    },
    verdict: problems.length ? `FAIL: ${problems.join('; ')}` : 'PASS',
  };

  const date = report.startedAt.slice(0, 10);
  const dir = resolve(root, args.out);
  mkdirSync(dir, { recursive: true });
  const name = freshReportName(dir, `soak-${date}${args.quick ? '-quick' : ''}`);
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
  const md = [
    `# Soak ${report.startedAt}`,
    '',
    `${report.seconds} s, ${report.users} virtual users against \`npm start\`'s process (embedded PostgreSQL, API, worker) on 127.0.0.1. Verdict: **${report.verdict}**.`,
    '',
    `Requests ${report.requests} (${report.requestsPerSecond} req/s), errors ${report.errors}, latency p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms, max ${report.latencyMs.max} ms.`,
    '',
    '| kind | requests | req/s | p50 ms | p99 ms | errors |',
    '|---|---:|---:|---:|---:|---:|',
    ...byKind.map((k) => `| ${k.kind} | ${k.requests} | ${k.perSecond} | ${k.p50Ms} | ${k.p99Ms} | ${k.errors} |`),
    '',
    '| memory | start | end | peak |',
    '|---|---:|---:|---:|',
    `| RSS MB | ${report.memory.rssMb.start} | ${report.memory.rssMb.end} | ${report.memory.rssMb.peak} |`,
    `| heap used MB | ${report.memory.heapMb.start} | ${report.memory.heapMb.end} | ${report.memory.heapMb.peak} |`,
    `| heap total MB | ${report.memory.heapTotalMb.start} | ${report.memory.heapTotalMb.end} | ${report.memory.heapTotalMb.peak} |`,
    `| external MB | ${report.memory.externalMb.start} | ${report.memory.externalMb.end} | ${report.memory.externalMb.peak} |`,
    '',
    `Each sample is taken right after a full garbage collection (\`--expose-gc\`, asked over IPC), so heap used is the live set.`,
    `Least-squares slope after warm-up (from ${report.memory.afterWarmUp.fromSecond} s, ${warm.length} samples): heap used **${report.memory.afterWarmUp.heapSlopeMbPerMin} MB/min**, RSS **${report.memory.afterWarmUp.rssSlopeMbPerMin} MB/min**.`,
    `Flat-memory criterion: heap slope ≤ ${args.maxHeapSlopeMbPerMin} MB/min, RSS slope ≤ ${args.maxRssSlopeMbPerMin} MB/min${judgeSlope ? '' : ' (not judged: run too short)'}; peak RSS ≤ ${args.maxPeakRssMb} MB.`,
    '',
  ].join('\n');
  writeFileSync(join(dir, `${name}.md`), md);
  say('');
  say(md);
  say(`Report: ${relative(root, join(dir, name)) || name}.md and .json`);
  if (problems.length) exitCode = 1;
} catch (error) {
  say(`✗ Soak failed: ${error instanceof Error ? error.message : String(error)}`);
  say(product.log().slice(-3_000));
  exitCode = 1;
} finally {
  await stopProduct(product.child);
  rmSync(product.dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
