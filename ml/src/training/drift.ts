// Population stability index (PSI): how far a population of values (recent cases) has moved from a reference
// (the training split). The reference keeps decile edges and each bin's share; PSI = Σ (actual − expected) ×
// ln(actual / expected) over the bins. Rule of thumb: < 0.1 stable, 0.1–0.2 some shift, > 0.2 a warning.

export interface Reference {
  /** Upper edges of the bins (the last bin is open above); from the training values' deciles, distinct. */
  edges: number[];
  /** Share of the training values in each bin (edges.length + 1 of them). */
  shares: number[];
}

export const PSI_WARNING = 0.2;
const FLOOR = 1e-4; // an empty bin counts as this share, so the logarithm stays finite
const round = (x: number): number => Number(x.toPrecision(12));

function binOf(edges: number[], value: number): number {
  let bin = 0;
  while (bin < edges.length && value > edges[bin]) bin += 1;
  return bin;
}

function shares(edges: number[], values: ArrayLike<number>): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i += 1) counts[binOf(edges, Number.isFinite(values[i]) ? values[i] : 0)] += 1;
  return counts.map((c) => c / Math.max(1, values.length));
}

export function referenceOf(values: ArrayLike<number>): Reference {
  const sorted = Float64Array.from(values).sort();
  const edges: number[] = [];
  for (let q = 1; q < 10; q += 1) {
    const edge = round(sorted[Math.min(sorted.length - 1, Math.floor((q * sorted.length) / 10))]);
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  if (edges[edges.length - 1] === round(sorted[sorted.length - 1])) edges.pop(); // nothing can lie above the maximum
  return { edges, shares: shares(edges, values).map(round) };
}

export function populationStabilityIndex(reference: Reference, values: ArrayLike<number>): number {
  const actual = shares(reference.edges, values);
  let psi = 0;
  for (let b = 0; b < actual.length; b += 1) {
    const a = Math.max(FLOOR, actual[b]);
    const e = Math.max(FLOOR, reference.shares[b] ?? 0);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}
