// The volume generator's deterministic random numbers (see volume.ts).

/** mulberry32, returning 32-bit integers; `float()` in [0, 1). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  float(): number {
    return this.u32() / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.float() * n);
  }
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.float())) * Math.cos(2 * Math.PI * this.float());
  }
  /** Index in [0, n) skewed towards 0: a few heavy customers or merchants, a long tail. */
  skewed(n: number, exponent: number): number {
    return Math.min(n - 1, Math.floor(n * Math.pow(this.float(), exponent)));
  }
  pick<T>(weights: ReadonlyArray<readonly [T, number]>): T {
    let u = this.float() * weights.reduce((s, [, w]) => s + w, 0);
    for (const [value, w] of weights) {
      u -= w;
      if (u < 0) return value;
    }
    return weights[weights.length - 1][0];
  }
  uuid(): string {
    const h = (n: number) => n.toString(16).padStart(8, '0');
    const a = h(this.u32());
    const b = h(this.u32());
    const c = h(this.u32());
    const d = h(this.u32());
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${((parseInt(c[0], 16) & 0x3) | 0x8).toString(16)}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}
