// `npm run bench:seed -- --cases 1000000 [--seed N] [--anchor ISO] [--force]`: generates the benchmark's volume
// database (see bench/database.ts) and reports how long it took.
import 'reflect-metadata';
import { DEFAULT_ANCHOR, DEFAULT_SEED, ensureVolume, startBenchPostgres } from './database.js';
import { parseArgs } from './args.js';

const args = parseArgs(process.argv.slice(2), { cases: 1_000_000, seed: DEFAULT_SEED, anchor: DEFAULT_ANCHOR.toISOString(), force: false });
const server = await startBenchPostgres();
try {
  const { meta, generated } = await ensureVolume(server, {
    cases: args.cases,
    seed: args.seed,
    anchor: new Date(args.anchor),
    force: args.force,
    log: (line) => console.log(line),
  });
  if (!generated) console.log(`✓ Already generated (${meta.seconds.toFixed(1)} s on ${meta.generatedAt}); --force regenerates.`);
  console.log(JSON.stringify(meta.summary, null, 2));
} finally {
  await server.stop();
}
