// `npm run bench [-- --quick] [--cases N] [--duration S] [--only a,b] [--out DIR]`
// Starts the product (a child process) on a fresh copy of the volume database and measures it over HTTP with
// autocannon: each scenario at 1 and at 32 connections, with requests/s, p50/p99 latency, SQL statements per request,
// server CPU per request and peak memory. Also the raw SQL floor of the queue page, the shield's share of the
// queue's CPU, the risk scorer's throughput in process, and the policy simulator's job at 100,000 cases. Writes bench/results/<date>.json and .md.
import 'reflect-metadata';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Child, startChild } from './child.js';
import { DEFAULT_ANCHOR, cloneForRun, ensureVolume, startBenchPostgres } from './database.js';
import { prepareFixtures } from './fixtures.js';
import { type Scenario, gql, rawSqlFloor, recordStatements, runLoad, runLoadOnPair, summarise } from './load.js';
import { type BenchReport, type LoadResult, type ScenarioResult, freshReportName, renderMarkdown } from './report.js';
import { measureRiskScoring } from './risk-throughput.js';
import { measureRuleSimulation } from './rule-simulation.js';
import { args, cases, connectionCounts, duration, elapsed, filesDir, outDir, quick, say, setPostmasterPid, wanted, warmup } from './run-settings.js';
import { CASE_DETAIL, CREATE_RETURN_CASE, QUEUE_CONNECTION, QUEUE_CURSOR_WALK, QUEUE_PAGE } from './scenarios.js';
import { UPLOAD_CONCURRENCY, probeUploads, runUploadLoad } from './upload-load.js';
import { MB, type UploadFile, type UploadLoad, benchImage, benchVideo } from './uploads.js';

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
  setPostmasterPid(server.postmasterPid);
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
    if (risk) say(`\n• ${elapsed()} Risk scoring in process: ${Math.round(risk.casesPerCpuSecond!).toLocaleString('en-US')} cases per CPU-second, ${Math.round(risk.casesPerSecond).toLocaleString('en-US')} per wall-clock second at load average ${risk.loadAverage} (${risk.modelVersion})`);

    // Last: it gives up to 100,000 of the copy's cases to one merchant (bench/rule-simulation.ts).
    if (wanted('rule-simulation')) say(`\n• ${elapsed()} Policy simulator (the job's work, in process)`);
    const simulation = wanted('rule-simulation') ? await measureRuleSimulation(run.url, anchor, say) : null;
    if (simulation) say(`  ${simulation.cases.toLocaleString('en-US')} cases: ${simulation.seconds.map((x) => `${x.toFixed(2)} s`).join(', ')} → ${Math.round(simulation.casesPerSecond).toLocaleString('en-US')} cases/s (set-up ${simulation.setupSeconds.toFixed(1)} s)`);

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
      simulation,
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
