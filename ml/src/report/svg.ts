import type { CalibrationBin, RocPoint } from '../training/metrics.js';

// Hand-written SVG charts on the unit square (both axes 0..1), deterministic to the byte.

export interface Series {
  name: string;
  color: string;
  dashed?: boolean;
  markers?: boolean;
  points: Array<[number, number]>;
}

const WIDTH = 520;
const HEIGHT = 480;
const LEFT = 64;
const RIGHT = 24;
const TOP = 44;
const BOTTOM = 56;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = HEIGHT - TOP - BOTTOM;

const px = (x: number): string => (LEFT + x * PLOT_W).toFixed(1);
const py = (y: number): string => (TOP + (1 - y) * PLOT_H).toFixed(1);

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Keeps a point only once the line has moved a pixel, so a 4,000-point curve stays a small file. */
function path(points: Array<[number, number]>): string {
  const parts: string[] = [];
  let lastX = Number.NaN;
  let lastY = Number.NaN;
  points.forEach(([x, y], i) => {
    const sx = Number(px(x));
    const sy = Number(py(y));
    const moved = !(Math.abs(sx - lastX) < 1 && Math.abs(sy - lastY) < 1);
    if (moved || i === points.length - 1) {
      parts.push(`${px(x)},${py(y)}`);
      lastX = sx;
      lastY = sy;
    }
  });
  return `M${parts.join(' L')}`;
}

export function unitSquareChart(options: { title: string; xLabel: string; yLabel: string; series: Series[] }): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`,
  ];
  for (let i = 0; i <= 10; i += 1) {
    const t = i / 10;
    out.push(`<line x1="${px(t)}" y1="${py(0)}" x2="${px(t)}" y2="${py(1)}" stroke="#e5e7eb"/>`);
    out.push(`<line x1="${px(0)}" y1="${py(t)}" x2="${px(1)}" y2="${py(t)}" stroke="#e5e7eb"/>`);
    if (i % 2 === 0) {
      out.push(`<text x="${px(t)}" y="${(TOP + PLOT_H + 18).toFixed(1)}" text-anchor="middle">${t.toFixed(1)}</text>`);
      out.push(`<text x="${(LEFT - 8).toFixed(1)}" y="${(Number(py(t)) + 4).toFixed(1)}" text-anchor="end">${t.toFixed(1)}</text>`);
    }
  }
  out.push(`<rect x="${LEFT}" y="${TOP}" width="${PLOT_W}" height="${PLOT_H}" fill="none" stroke="#374151"/>`);
  out.push(`<line x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}" stroke="#9ca3af" stroke-dasharray="4 4"/>`);
  out.push(`<text x="${LEFT + PLOT_W / 2}" y="${HEIGHT - 16}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`);
  out.push(
    `<text x="18" y="${TOP + PLOT_H / 2}" text-anchor="middle" transform="rotate(-90 18 ${TOP + PLOT_H / 2})">${escapeXml(options.yLabel)}</text>`,
  );
  options.series.forEach((s, index) => {
    const dash = s.dashed ? ' stroke-dasharray="7 4"' : '';
    out.push(`<path d="${path(s.points)}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`);
    if (s.markers) {
      for (const [x, y] of s.points) out.push(`<circle cx="${px(x)}" cy="${py(y)}" r="3.5" fill="${s.color}"/>`);
    }
    const ly = TOP + PLOT_H - 14 - 18 * (options.series.length - 1 - index);
    out.push(`<line x1="${LEFT + PLOT_W - 200}" y1="${ly}" x2="${LEFT + PLOT_W - 176}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${LEFT + PLOT_W - 170}" y="${ly + 4}">${escapeXml(s.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

export interface NamedCurve<T> {
  name: string;
  data: T;
}

export function rocChart(curves: Array<NamedCurve<{ roc: RocPoint[]; auc: number }>>, scope: string): string {
  const colors = ['#2563eb', '#ea580c'];
  return unitSquareChart({
    title: `ROC curve (${scope})`,
    xLabel: 'False positive rate',
    yLabel: 'True positive rate',
    series: curves.map((c, i) => ({
      name: `${c.name} (AUC ${c.data.auc.toFixed(3)})`,
      color: colors[i % colors.length],
      dashed: i > 0,
      points: c.data.roc.map((p): [number, number] => [p.fpr, p.tpr]),
    })),
  });
}

export function calibrationChart(curves: Array<NamedCurve<CalibrationBin[]>>, scope: string): string {
  const colors = ['#2563eb', '#ea580c'];
  return unitSquareChart({
    title: `Calibration, 10 bins (${scope})`,
    xLabel: 'Mean predicted probability',
    yLabel: 'Observed escalation rate',
    series: curves.map((c, i) => ({
      name: c.name,
      color: colors[i % colors.length],
      dashed: i > 0,
      markers: true,
      points: c.data
        .filter((b) => b.meanPredicted !== null && b.observedRate !== null)
        .map((b): [number, number] => [b.meanPredicted as number, b.observedRate as number]),
    })),
  });
}
