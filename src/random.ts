/**
 * Random numbers the product draws (pauses, the order of contacts, a pointer's path): a
 * source is any `() => number` uniform in [0, 1), `Math.random` in production or a seeded
 * one where a run or a test must be reproducible.
 */

export type RandomSource = () => number;

/** Deterministic uniform numbers in [0, 1) from a 32-bit seed (mulberry32). */
export function seededRandom(seed = 42): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number in [min, max] (a source returning exactly 1 stays inside). */
export function uniform(random: RandomSource, min: number, max: number): number {
  if (max <= min) return min;
  return min + Math.min(Math.max(random(), 0), 1) * (max - min);
}

/**
 * Log-normal around `median` (half the draws below it, a long tail above): how the gaps
 * between a person's keystrokes spread. `sigma` is the spread of the logarithm.
 */
export function logNormal(random: RandomSource, median: number, sigma: number): number {
  // Box–Muller; 1 - random() keeps the logarithm's argument above 0.
  const u = 1 - random();
  const v = random();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(sigma * normal);
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(random: RandomSource, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
