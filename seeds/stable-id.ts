import { createHash } from 'node:crypto';

/** A UUID derived from a name, so seeded rows have the same ids on every machine and every run. */
export function stableId(name: string): string {
  const hex = createHash('sha256').update(`returnhub-demo:${name}`).digest('hex');
  // Shape it as a version-5-style UUID (variant bits set) so it passes UUID validation everywhere.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A small deterministic PRNG (mulberry32) for the volume generator and the demo's variety. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
