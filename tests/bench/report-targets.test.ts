// The report's targets table: a throughput target judged on one server process and, when the run measured it, on two
// sharing the connections (docker-compose.yml's two API replicas), each on its own figure. Older reports (no
// two-process runs) still render.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../../server/src/config.js';
import { type BenchReport, renderMarkdown } from '../../bench/report.js';

const committed = (): BenchReport => JSON.parse(readFileSync(join(projectRoot, 'bench/results/2026-12-05-evening.json'), 'utf8'));
const targetRow = (markdown: string, start: string) => markdown.split('\n').find((line) => line.startsWith(`| ${start}`));

it('judges the two-process run of a throughput target apart from the one-process run', () => {
  const report = committed();
  const detail = report.scenarios.find((s) => s.name === 'case-detail')!;
  const oneProcess = detail.loads.find((l) => l.connections === 32)!;
  report.scenarios.push({
    name: 'case-detail-two-processes',
    title: `${detail.title}, two server processes`,
    statements: [],
    loads: [{ ...oneProcess, requestsPerSecond: 651.4, serverCpuPercent: 150 }],
  });
  const markdown = renderMarkdown(report);
  expect(targetRow(markdown, 'Case detail ≥ 600 req/s at 32 connections, one server process')).toMatch(/\| 597 req\/s .*\| \*\*no\*\* \|$/);
  expect(targetRow(markdown, 'Case detail ≥ 600 req/s at 32 connections, two server processes')).toMatch(/\| 651 req\/s .*\| yes \|$/);
  // The CPU budget table has a row for it too.
  expect(markdown).toContain(`| ${detail.title}, two server processes | 32 | 600 |`);
});

it('renders a report without two-process runs with one row per throughput target', () => {
  const markdown = renderMarkdown(committed());
  expect(targetRow(markdown, 'Queue page ≥ 700 req/s at 32 connections, one server process')).toMatch(/\| 227 req\/s .*\| \*\*no\*\* \|$/);
  expect(markdown).not.toContain('two server processes');
});
