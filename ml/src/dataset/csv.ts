import { createHash } from 'node:crypto';
import type { ContractInput, FeatureContract } from '../features/contract.js';
import { defaultFeatureContract } from '../features/contract.js';
import type { LabeledCase } from '../types.js';

// The training-data format: one header line with the contract's input names plus the target,
// then one line per closed case. Numbers are written with String(); booleans as 1/0.
// The same writer serves the generator and the server's real closed cases.

export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}

export interface Dataset {
  rows: LabeledCase[];
  /** sha256 of the exact bytes the rows were read from. */
  sha256: string;
}

export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

function columnsOf(contract: FeatureContract): string[] {
  return [...contract.inputs.map((i) => i.name), contract.target.name];
}

function formatValue(value: unknown, column: string, line: number): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new DatasetError(`row ${line}: ${column} is not a finite number`);
    return String(value);
  }
  if (typeof value === 'string' && /^[A-Za-z0-9_.-]*$/.test(value)) return value;
  throw new DatasetError(`row ${line}: ${column} has a value that cannot be written: ${JSON.stringify(value)}`);
}

/** Writes labelled cases in the training CSV format (the server's closed cases go through here). */
export function datasetFromRows(
  rows: ReadonlyArray<LabeledCase>,
  contract: FeatureContract = defaultFeatureContract(),
): string {
  const columns = columnsOf(contract);
  const lines = [columns.join(',')];
  rows.forEach((row, index) => {
    const record = row as unknown as Record<string, unknown>;
    lines.push(columns.map((c) => formatValue(record[c], c, index + 1)).join(','));
  });
  return `${lines.join('\n')}\n`;
}

/** Names the missing and unknown columns of a header, or returns null when it matches the contract. */
export function headerProblem(header: string[], contract: FeatureContract): string | null {
  const expected = columnsOf(contract);
  const missing = expected.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !expected.includes(c));
  const duplicated = header.filter((c, i) => header.indexOf(c) !== i);
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`missing column(s): ${missing.join(', ')}`);
  if (unknown.length > 0) parts.push(`unknown column(s): ${unknown.join(', ')}`);
  if (duplicated.length > 0) parts.push(`duplicated column(s): ${[...new Set(duplicated)].join(', ')}`);
  if (parts.length === 0) return null;
  return `CSV header does not match feature contract ${contract.version}: ${parts.join('; ')}`;
}

function parseBoolean(text: string): boolean | undefined {
  if (text === '1' || text === 'true') return true;
  if (text === '0' || text === 'false') return false;
  return undefined;
}

function parseCell(text: string, input: ContractInput): { value: unknown } | { error: string } {
  switch (input.type) {
    case 'boolean': {
      const value = parseBoolean(text);
      return value === undefined ? { error: `expected 1/0 or true/false, got "${text}"` } : { value };
    }
    case 'enum':
      return input.values?.includes(text) ? { value: text } : { error: `expected one of ${input.values?.join('|')}, got "${text}"` };
    case 'integer':
    case 'number': {
      const value = text.trim() === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(value)) return { error: `expected a number, got "${text}"` };
      if (input.type === 'integer' && !Number.isInteger(value)) return { error: `expected an integer, got "${text}"` };
      if (input.min !== undefined && value < input.min) return { error: `below the minimum ${input.min}: ${text}` };
      if (input.max !== undefined && value > input.max) return { error: `above the maximum ${input.max}: ${text}` };
      return { value };
    }
  }
}

const MAX_REPORTED_ERRORS = 5;

/** Parses a training CSV whose header matches the contract (any column order); throws DatasetError otherwise. */
export function parseDataset(content: string, contract: FeatureContract = defaultFeatureContract()): Dataset {
  const sha256 = sha256Hex(content);
  const lines = content.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0 || lines[0].trim() === '') throw new DatasetError('CSV is empty: expected a header line');
  const header = lines[0].split(',').map((c) => c.trim());
  const problem = headerProblem(header, contract);
  if (problem) throw new DatasetError(problem);

  const byName = new Map(contract.inputs.map((i) => [i.name as string, i]));
  const target = contract.target.name;
  const rows: LabeledCase[] = [];
  const errors: string[] = [];
  for (let n = 1; n < lines.length && errors.length < MAX_REPORTED_ERRORS; n += 1) {
    const cells = lines[n].split(',');
    if (cells.length !== header.length) {
      errors.push(`line ${n + 1}: expected ${header.length} values, got ${cells.length}`);
      continue;
    }
    const row: Record<string, unknown> = {};
    for (let c = 0; c < header.length; c += 1) {
      const column = header[c];
      const cell = cells[c].trim();
      if (column === target) {
        const value = parseBoolean(cell);
        if (value === undefined) errors.push(`line ${n + 1}: ${column}: expected 1/0 or true/false, got "${cell}"`);
        row[column] = value;
        continue;
      }
      const parsed = parseCell(cell, byName.get(column)!);
      if ('error' in parsed) errors.push(`line ${n + 1}: ${column}: ${parsed.error}`);
      else row[column] = parsed.value;
    }
    rows.push(row as unknown as LabeledCase);
  }
  if (errors.length > 0) throw new DatasetError(`invalid CSV rows:\n  ${errors.join('\n  ')}`);
  if (rows.length === 0) throw new DatasetError('CSV has a header but no rows');
  return { rows, sha256 };
}
