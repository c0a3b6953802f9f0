// `npm run ml:dataset-from-db -- [--out ml/data/from-database.csv]`: the training set from the database's closed
// cases (the database of DATABASE_URL, or the embedded one in DATA_DIR). Train on it with `npm run ml -- train --data <file>`.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig, projectRoot } from '../../config.js';
import { openDatabase } from '../../db/database.js';
import { createLogger } from '../../logger.js';
import { trainingSetFromDatabase } from './training-set.js';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(projectRoot, outIndex >= 0 ? args[outIndex + 1] : 'ml/data/from-database.csv');
const db = await openDatabase(loadConfig(), createLogger('warn'));
try {
  const set = await trainingSetFromDatabase(db.orm.em.fork(), (done, total) => process.stderr.write(`\r  reading closed cases: ${done}/${total}`));
  process.stderr.write('\n');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, set.csv);
  console.log(`Wrote ${set.rows} closed cases (${set.positives} escalated) to ${out}${set.skipped ? `; left out ${set.skipped} scored before their inputs were stored` : ''}`);
} finally {
  await db.close();
}
