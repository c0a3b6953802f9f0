import { describe, expect, it } from 'vitest';
import { datasetFromRows, defaultFeatureContract, generateCases, generateDataset, parseDataset } from '../src/index.js';

describe('training data generator', () => {
  it('gives byte-identical CSV for the same seed', () => {
    const a = generateDataset({ rows: 3_000, seed: 11 });
    const b = generateDataset({ rows: 3_000, seed: 11 });
    expect(a.csv).toBe(b.csv);
    expect(a.sha256).toBe(b.sha256);
  });

  it('gives different data for a different seed', () => {
    const a = generateDataset({ rows: 3_000, seed: 11 });
    const b = generateDataset({ rows: 3_000, seed: 12 });
    expect(a.csv).not.toBe(b.csv);
    expect(a.sha256).not.toBe(b.sha256);
  });

  it('writes rows that read back unchanged and satisfy the contract', () => {
    const rows = generateCases({ rows: 2_000, seed: 5 });
    const parsed = parseDataset(datasetFromRows(rows));
    expect(parsed.rows).toEqual(rows);
    for (const row of rows) {
      expect(row.customerPriorRejected).toBeLessThanOrEqual(row.customerPriorReturns);
      expect(row.customerPriorDisputed).toBeLessThanOrEqual(row.customerPriorRejected);
      expect(row.refundAmountMinor).toBeLessThanOrEqual(row.orderTotalMinor);
      if (row.hasVideo) expect(row.evidenceCount).toBeGreaterThan(0);
    }
  });

  it('draws labels from a noisy process: neither rare nor near-deterministic', () => {
    const rows = generateCases({ rows: 5_000, seed: 3 });
    const rate = rows.filter((r) => r.escalated).length / rows.length;
    expect(rate).toBeGreaterThan(0.15);
    expect(rate).toBeLessThan(0.45);
    // Even the riskiest-looking group (breached SLA, earlier disputes) does not always escalate.
    const risky = rows.filter((r) => r.slaHoursLeft < 0 && r.customerPriorDisputed > 0);
    const riskyRate = risky.filter((r) => r.escalated).length / risky.length;
    expect(riskyRate).toBeGreaterThan(rate);
    expect(riskyRate).toBeLessThan(0.97);
  });

  it('uses the contract columns as CSV header', () => {
    const header = datasetFromRows([]).trim().split(',');
    const contract = defaultFeatureContract();
    expect(header).toEqual([...contract.inputs.map((i) => i.name), 'escalated']);
  });
});
