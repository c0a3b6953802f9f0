// A bench or soak report never overwrites one already kept in the results folder (a second run the same day).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { freshReportName } from '../../bench/report.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('names a report by its day, then -2, -3… when a report of that day is already there', () => {
  dir = mkdtempSync(join(tmpdir(), 'returnhub-report-name-'));
  expect(freshReportName(dir, '2026-12-05')).toBe('2026-12-05');
  writeFileSync(join(dir, '2026-12-05.json'), '{}');
  expect(freshReportName(dir, '2026-12-05')).toBe('2026-12-05-2');
  // Either half of a pair is enough to keep the name taken.
  writeFileSync(join(dir, '2026-12-05-2.md'), '#');
  expect(freshReportName(dir, '2026-12-05')).toBe('2026-12-05-3');
  // Other days and kinds are not in the way.
  expect(freshReportName(dir, '2026-12-05-quick')).toBe('2026-12-05-quick');
  expect(freshReportName(dir, 'soak-2026-12-05')).toBe('soak-2026-12-05');
});
