/** Deterministic random numbers for statistical tests: the same seed gives the same series on every machine. */

/** mulberry32: a tiny 32-bit generator, uniform in [0, 1); good enough for tests, not for anything secret. */
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

/**
 * A Poisson(rate) sampler by inversion of the CDF: exact and simple, and fast enough for the small rates hourly
 * report counts have (it walks about `rate` steps per draw; e^−rate underflows past about 700).
 */
export function poissonSampler(random: () => number): (rate: number) => number {
  return (rate) => {
    const u = random();
    let k = 0;
    let probability = Math.exp(-rate);
    let cumulative = probability;
    while (u > cumulative && probability > 0) {
      k++;
      probability *= rate / k;
      cumulative += probability;
    }
    return k;
  };
}
