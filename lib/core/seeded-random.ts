/** Deterministic random numbers for model training, the demo month and statistical tests. Pure: a seed in, numbers out. */

/**
 * mulberry32: a tiny 32-bit generator, uniform in [0, 1). The same seed gives the same series on every machine,
 * which is what reproducible training and tests need; never for anything secret.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
