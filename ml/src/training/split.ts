import { Prng } from '../dataset/prng.js';

export interface Split {
  train: Uint32Array;
  test: Uint32Array;
}

/** Seeded shuffle, then the first round(n × testFraction) rows are held out. Both parts keep file order. */
export function splitIndices(n: number, seed: number, testFraction: number): Split {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError('testFraction must be between 0 and 1');
  const order = new Prng(seed).permutation(n);
  const testCount = Math.round(n * testFraction);
  if (testCount < 1 || testCount >= n) throw new RangeError(`cannot hold out ${testCount} of ${n} rows`);
  return {
    test: order.slice(0, testCount).sort(),
    train: order.slice(testCount).sort(),
  };
}
