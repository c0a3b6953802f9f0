import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { CaseFeatureSource } from '../src/index.js';

const created: string[] = [];

/** A fresh temporary directory, removed after the current test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'returnhub-ml-'));
  created.push(dir);
  return dir;
}

afterEach(() => {
  while (created.length > 0) rmSync(created.pop()!, { recursive: true, force: true });
});

export const sampleCase: CaseFeatureSource = {
  orderTotalMinor: 45_900,
  refundAmountMinor: 45_900,
  itemsReturned: 1,
  reason: 'not_as_described',
  returnType: 'refund',
  daysFromDeliveryToRequest: 21,
  customerPriorReturns: 4,
  customerPriorRejected: 2,
  customerPriorDisputed: 2,
  merchantRejectionRate: 0.41,
  evidenceCount: 0,
  hasVideo: false,
  descriptionLength: 640,
  priority: 'urgent',
  slaHoursLeft: -6,
  productCategory: 'electronics',
};

export const calmCase: CaseFeatureSource = {
  orderTotalMinor: 2_500,
  refundAmountMinor: 1_200,
  itemsReturned: 1,
  reason: 'wrong_item',
  returnType: 'exchange',
  daysFromDeliveryToRequest: 1,
  customerPriorReturns: 0,
  customerPriorRejected: 0,
  customerPriorDisputed: 0,
  merchantRejectionRate: 0.05,
  evidenceCount: 4,
  hasVideo: true,
  descriptionLength: 80,
  priority: 'low',
  slaHoursLeft: 200,
  productCategory: 'apparel',
};

export interface TempModelSetup {
  dir: string;
  dataPath: string;
  registryPath: string;
  modelsDir: string;
  reportsDir: string;
  version: string;
}

/** Generates a small dataset, trains and activates a model, all inside a temporary directory. */
export async function tempModel(rows = 4_000, seed = 9): Promise<TempModelSetup> {
  const { writeGeneratedDataset, trainAndRegister, activateModel } = await import('../src/index.js');
  const dir = tempDir();
  const paths = { registryPath: join(dir, 'registry.json'), modelsDir: join(dir, 'models'), reportsDir: join(dir, 'reports') };
  const dataPath = join(dir, 'data', 'cases.csv');
  writeGeneratedDataset({ rows, seed, out: dataPath });
  const { entry } = trainAndRegister({ dataPath, paths, createdAt: '2026-01-01T00:00:00Z' });
  activateModel(entry.version, paths);
  return { dir, dataPath, ...paths, version: entry.version };
}
