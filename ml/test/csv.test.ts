import { describe, expect, it } from 'vitest';
import { datasetFromRows, DatasetError, generateCases, parseDataset } from '../src/index.js';

const rows = generateCases({ rows: 20, seed: 1 });
const csv = datasetFromRows(rows);
const [header, ...body] = csv.trim().split('\n');

function withHeader(columns: string[], lines: string[] = body): string {
  return [columns.join(','), ...lines].join('\n');
}

describe('training CSV validation', () => {
  it('names missing columns', () => {
    const columns = header.split(',').filter((c) => c !== 'hasVideo' && c !== 'slaHoursLeft');
    expect(() => parseDataset(withHeader(columns, []))).toThrow(/missing column\(s\): hasVideo, slaHoursLeft/);
  });

  it('names unknown columns', () => {
    const lines = body.map((l) => `${l},x`);
    expect(() => parseDataset(withHeader([...header.split(','), 'customerEmail'], lines))).toThrow(
      /unknown column\(s\): customerEmail/,
    );
  });

  it('reports missing and unknown columns together, as a DatasetError', () => {
    const columns = header.split(',').map((c) => (c === 'reason' ? 'returnReason' : c));
    try {
      parseDataset(withHeader(columns));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DatasetError);
      expect((error as Error).message).toContain('missing column(s): reason');
      expect((error as Error).message).toContain('unknown column(s): returnReason');
    }
  });

  it('accepts the columns in any order', () => {
    const columns = header.split(',');
    const order = columns.map((_, i) => i).reverse();
    const shuffled = [order.map((i) => columns[i]).join(','), ...body.map((l) => order.map((i) => l.split(',')[i]).join(','))].join('\n');
    expect(parseDataset(shuffled).rows).toEqual(rows);
  });

  it('points at the line and column of a bad value', () => {
    const columns = header.split(',');
    const reasonAt = columns.indexOf('reason');
    const broken = body.map((l, i) => (i === 2 ? l.split(',').map((v, c) => (c === reasonAt ? 'angry' : v)).join(',') : l));
    expect(() => parseDataset(withHeader(columns, broken))).toThrow(/line 4: reason: expected one of/);
  });

  it('rejects out-of-range and non-numeric values', () => {
    const columns = header.split(',');
    const rateAt = columns.indexOf('merchantRejectionRate');
    const totalAt = columns.indexOf('orderTotalMinor');
    const broken = body.map((l, i) =>
      i === 0 ? l.split(',').map((v, c) => (c === rateAt ? '1.5' : c === totalAt ? '12.5' : v)).join(',') : l,
    );
    const message = (() => {
      try {
        parseDataset(withHeader(columns, broken));
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('merchantRejectionRate: above the maximum 1');
    expect(message).toContain('orderTotalMinor: expected an integer');
  });

  it('rejects an empty file and a header without rows', () => {
    expect(() => parseDataset('')).toThrow(/empty/);
    expect(() => parseDataset(`${header}\n`)).toThrow(/no rows/);
  });

  it('writes server rows in the same format as the generator', () => {
    const fromServer = rows.map((r) => ({ ...r })); // plain objects, as the server would build them
    expect(datasetFromRows(fromServer)).toBe(csv);
  });

  it('refuses to write a row with a non-finite number', () => {
    expect(() => datasetFromRows([{ ...rows[0], slaHoursLeft: Number.NaN }])).toThrow(/row 1: slaHoursLeft/);
  });
});
