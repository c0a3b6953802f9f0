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

  it('labels with threshold-shaped effects and interactions (version 2): each raises the escalation rate', () => {
    const rows = generateCases({ rows: 20_000, seed: 8 });
    const rate = (pick: (r: (typeof rows)[number]) => boolean) => {
      const group = rows.filter(pick);
      return group.filter((r) => r.escalated).length / group.length;
    };
    expect(rate((r) => r.daysFromDeliveryToRequest <= 2)).toBeGreaterThan(rate((r) => r.daysFromDeliveryToRequest > 2 && r.daysFromDeliveryToRequest <= 14) + 0.05);
    expect(rate((r) => r.customerPriorReturns >= 3)).toBeGreaterThan(rate((r) => r.customerPriorReturns === 2) + 0.05);
    expect(rate((r) => r.descriptionLength >= 600)).toBeGreaterThan(rate((r) => r.descriptionLength >= 300 && r.descriptionLength < 600) + 0.05);
    expect(rate((r) => r.reason === 'defective_damaged' && r.evidenceCount === 0)).toBeGreaterThan(rate((r) => r.reason === 'defective_damaged' && r.evidenceCount > 0) + 0.1);
    // The interaction: expensive electronics escalate far more than expensive orders of other categories.
    const expensive = (r: (typeof rows)[number]) => r.orderTotalMinor > 30_000;
    expect(rate((r) => expensive(r) && r.productCategory === 'electronics')).toBeGreaterThan(rate((r) => expensive(r) && r.productCategory !== 'electronics') + 0.1);
    expect(new Set(rows.map((r) => r.productCategory))).toEqual(new Set(['electronics', 'apparel', 'home', 'beauty', 'sports', 'other']));
  });
});
