/**
 * A small Prometheus text registry: request counts and latency by route and outcome, plus process figures.
 * Enough for /metrics without another dependency.
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

export class Metrics {
  private readonly counters = new Map<string, number>();
  private readonly histograms = new Map<string, Histogram>();

  increment(name: string, labels: Record<string, string>, by = 1): void {
    const key = `${name}${formatLabels(labels)}`;
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
  }

  observe(name: string, labels: Record<string, string>, seconds: number): void {
    const key = `${name}|${formatLabels(labels)}`;
    let h = this.histograms.get(key);
    if (!h) {
      h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.histograms.set(key, h);
    }
    BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) h.counts[i]++;
    });
    h.sum += seconds;
    h.count++;
  }

  render(): string {
    const lines: string[] = [];
    for (const [key, value] of this.counters) lines.push(`${key} ${value}`);
    for (const [key, h] of this.histograms) {
      const [name, labels] = key.split('|');
      const inner = labels.slice(1, -1);
      const sep = inner ? ',' : '';
      BUCKETS.forEach((bound, i) => lines.push(`${name}_bucket{${inner}${sep}le="${bound}"} ${h.counts[i]}`));
      lines.push(`${name}_bucket{${inner}${sep}le="+Inf"} ${h.count}`);
      lines.push(`${name}_sum${labels} ${h.sum}`);
      lines.push(`${name}_count${labels} ${h.count}`);
    }
    const memory = process.memoryUsage();
    lines.push(`process_resident_memory_bytes ${memory.rss}`);
    lines.push(`process_heap_used_bytes ${memory.heapUsed}`);
    lines.push(`process_heap_total_bytes ${memory.heapTotal}`);
    lines.push(`process_external_memory_bytes ${memory.external}`);
    lines.push(`process_uptime_seconds ${Math.round(process.uptime())}`);
    return `${lines.join('\n')}\n`;
  }
}

function formatLabels(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`).join(',')}}`;
}
