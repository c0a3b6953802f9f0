import { basename, dirname, join } from 'node:path';
import { datasetFromRows, sha256Hex } from '../dataset/csv.js';
import { generateCases } from '../dataset/generator.js';
import type { FeatureContract } from '../features/contract.js';
import { defaultFeatureContract } from '../features/contract.js';
import { displayPath } from '../paths.js';
import { datasetProfile } from '../report/dataset-profile.js';
import type { LabeledCase } from '../types.js';
import { writeFileEnsuringDir } from './files.js';
import type { Progress } from './progress.js';
import { silent } from './progress.js';

export interface GeneratedDataset {
  rows: LabeledCase[];
  csv: string;
  sha256: string;
}

/** The generator's rows in the training CSV format. Same rows and seed → the same bytes. */
export function generateDataset(options: { rows: number; seed: number; progress?: Progress }): GeneratedDataset {
  const progress = options.progress ?? silent;
  const rows = generateCases({
    rows: options.rows,
    seed: options.seed,
    onProgress: (done, total) => progress(`generated ${done}/${total} rows`),
  });
  const csv = datasetFromRows(rows);
  return { rows, csv, sha256: sha256Hex(csv) };
}

/** The sidecar that lets `train` record how to regenerate a generated CSV. */
export interface DatasetMeta {
  generator: { rows: number; seed: number };
  sha256: string;
  contractVersion: string;
}

export function sidecarPaths(csvPath: string) {
  const stem = join(dirname(csvPath), basename(csvPath).replace(/\.csv$/i, ''));
  return { meta: `${stem}.meta.json`, profile: `${stem}.profile.md`, chart: `${stem}.profile.svg` };
}

/** Generates a dataset and writes the CSV, its sidecar and a profile report with a chart. */
export function writeGeneratedDataset(options: {
  rows: number;
  seed: number;
  out: string;
  progress?: Progress;
  contract?: FeatureContract;
}): GeneratedDataset & { path: string } {
  const progress = options.progress ?? silent;
  const contract = options.contract ?? defaultFeatureContract();
  progress(`generating ${options.rows} cases with seed ${options.seed}`);
  const dataset = generateDataset(options);
  writeFileEnsuringDir(options.out, dataset.csv);
  const sidecars = sidecarPaths(options.out);
  const meta: DatasetMeta = {
    generator: { rows: options.rows, seed: options.seed },
    sha256: dataset.sha256,
    contractVersion: contract.version,
  };
  writeFileEnsuringDir(sidecars.meta, `${JSON.stringify(meta, null, 2)}\n`);
  const profile = datasetProfile(dataset.rows, dataset.sha256, displayPath(options.out), basename(sidecars.chart), contract);
  writeFileEnsuringDir(sidecars.profile, profile.markdown);
  writeFileEnsuringDir(sidecars.chart, profile.chart);
  const escalated = dataset.rows.filter((r) => r.escalated).length;
  progress(`wrote ${displayPath(options.out)} (${dataset.csv.length} bytes, ${escalated} escalated, sha256 ${dataset.sha256.slice(0, 12)}…)`);
  progress(`profile: ${displayPath(sidecars.profile)}`);
  return { ...dataset, path: options.out };
}
