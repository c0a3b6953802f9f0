// Upload runs against a server child: the server's CPU and memory around each run (bench/uploads.ts sends them), and
// the live-memory probe on a --expose-gc server.
import pg from 'pg';
import { type Child, settle } from './child.js';
import { args, say } from './run-settings.js';
import { MB, type UploadFile, type UploadLoad, type UploadProbe, type UploadTarget, memoryFigures, runUploads } from './uploads.js';

export const UPLOAD_CONCURRENCY = 8;

/** An upload run with the server's CPU and memory around it (see bench/uploads.ts). */
export async function runUploadLoad(child: Child, file: UploadFile, nextTarget: () => UploadTarget | undefined, connections: number, seconds: number): Promise<UploadLoad> {
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

/** The live-memory probe of an upload scenario on a --expose-gc server (see UploadProbe); its cases are freed first. */
export async function probeUploads(probe: Child, dbUrl: string, file: UploadFile, targets: UploadTarget[], perCase: number, seconds: number): Promise<UploadProbe[]> {
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
