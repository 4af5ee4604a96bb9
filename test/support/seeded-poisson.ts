/** Deterministic random numbers for statistical tests: the same seed gives the same series on every machine. */

export { mulberry32 } from '../../lib/core/seeded-random';

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
