import type { FeatureContract } from '../features/contract.js';
import type { LabeledCase } from '../types.js';

// What `generate` writes next to a dataset: column summaries, escalation rates by category, one chart.

const f2 = (x: number): string => x.toFixed(2);
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

interface Bar {
  group: string;
  label: string;
  rate: number;
  count: number;
}

function barChart(bars: Bar[], baseRate: number): string {
  const rowH = 22;
  const left = 210;
  const width = 640;
  const plotW = width - left - 80;
  const height = 60 + bars.length * rowH + 30;
  const x = (r: number): string => (left + r * plotW).toFixed(1);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">Escalation rate by category</text>`,
  ];
  bars.forEach((b, i) => {
    const y = 44 + i * rowH;
    out.push(`<text x="${left - 8}" y="${y + 14}" text-anchor="end">${b.group}: ${b.label} (${b.count})</text>`);
    out.push(`<rect x="${left}" y="${y + 3}" width="${(b.rate * plotW).toFixed(1)}" height="${rowH - 6}" fill="#2563eb"/>`);
    out.push(`<text x="${(left + b.rate * plotW + 6).toFixed(1)}" y="${y + 14}">${pct(b.rate)}</text>`);
  });
  const bottom = 44 + bars.length * rowH;
  out.push(`<line x1="${x(baseRate)}" y1="40" x2="${x(baseRate)}" y2="${bottom}" stroke="#ea580c" stroke-dasharray="5 3"/>`);
  out.push(`<text x="${x(baseRate)}" y="${bottom + 18}" text-anchor="middle" fill="#ea580c">overall ${pct(baseRate)}</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

export function datasetProfile(
  rows: readonly LabeledCase[],
  sha256: string,
  title: string,
  chartFile: string,
  contract: FeatureContract,
): { markdown: string; chart: string } {
  const n = rows.length;
  const escalated = rows.filter((r) => r.escalated).length;
  const lines = [
    `# Dataset profile: ${title}`,
    '',
    `${n} cases, ${escalated} escalated (${pct(escalated / n)}); sha256 \`${sha256}\`; contract ${contract.version}.`,
    '',
    '| input | type | min | mean | max |',
    '|---|---|---:|---:|---:|',
  ];
  const bars: Bar[] = [];
  for (const input of contract.inputs) {
    const values = rows.map((r) => r[input.name]);
    if (input.type === 'enum') {
      for (const value of input.values ?? []) {
        const inGroup = rows.filter((r) => r[input.name] === value);
        const rate = inGroup.length ? inGroup.filter((r) => r.escalated).length / inGroup.length : 0;
        bars.push({ group: input.name, label: value, rate, count: inGroup.length });
      }
      lines.push(`| ${input.name} | enum | | | |`);
      continue;
    }
    const numbers = values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : (v as number)));
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const v of numbers) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    lines.push(`| ${input.name} | ${input.type} | ${f2(min)} | ${f2(sum / n)} | ${f2(max)} |`);
  }
  lines.push('', '## Escalation rate by category', '', '| input | value | cases | escalated |', '|---|---|---:|---:|');
  for (const b of bars) lines.push(`| ${b.group} | ${b.label} | ${b.count} | ${pct(b.rate)} |`);
  lines.push('', `![Escalation rate by category](${chartFile})`, '');
  return { markdown: lines.join('\n'), chart: barChart(bars, escalated / n) };
}
