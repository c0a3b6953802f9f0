import { Prng } from '../dataset/prng.js';

export interface Split {
  train: Uint32Array;
  test: Uint32Array;
}

/**
 * Stratified: each class (escalated or not) is shuffled with the seed and round(count × testFraction) of it is
 * held out, so both parts keep the base rate and the held-out part always has both classes (AUC is defined).
 * Both parts keep file order. Throws when a class is too small to appear in both parts.
 */
export function splitIndices(labels: ArrayLike<boolean>, seed: number, testFraction: number): Split {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError('testFraction must be between 0 and 1');
  const prng = new Prng(seed);
  const test: number[] = [];
  const train: number[] = [];
  for (const value of [true, false]) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i += 1) if (labels[i] === value) members.push(i);
    const name = value ? 'escalated' : 'not escalated';
    const testCount = Math.round(members.length * testFraction);
    if (testCount < 1 || testCount >= members.length) {
      throw new RangeError(`cannot hold out ${testCount} of the ${members.length} ${name} rows: each class needs rows in both parts`);
    }
    const order = prng.permutation(members.length);
    order.forEach((k, position) => (position < testCount ? test : train).push(members[k]));
  }
  return { test: Uint32Array.from(test).sort(), train: Uint32Array.from(train).sort() };
}

/** Time order: the first (1 − testFraction) of the rows (older cases) train, the rest (newer ones) are held out. */
export function timeOrderedSplit(n: number, testFraction: number): Split {
  const trainCount = n - Math.round(n * testFraction);
  if (trainCount < 1 || trainCount >= n) throw new RangeError(`cannot hold out ${n - trainCount} of ${n} rows`);
  return {
    train: Uint32Array.from({ length: trainCount }, (_, i) => i),
    test: Uint32Array.from({ length: n - trainCount }, (_, i) => trainCount + i),
  };
}

/** The split of versions trained before stratification (no `split` setting): one seeded shuffle of all rows. */
export function unstratifiedSplit(n: number, seed: number, testFraction: number): Split {
  const order = new Prng(seed).permutation(n);
  const testCount = Math.round(n * testFraction);
  return { test: order.slice(0, testCount).sort(), train: order.slice(testCount).sort() };
}
