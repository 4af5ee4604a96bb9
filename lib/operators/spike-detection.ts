import * as z from 'zod';

/**
 * Spike detection for one key (a brand × category pair or a domain): is this hour's count far above what the same
 * hour of day looked like over the previous week? Pure: no I/O, no clock, no env. How and why: docs/alerts.md.
 */

export interface SpikeOptions {
  /** Fewer reports than this in the hour is never an alert, however quiet the key was: a handful is not a wave. */
  readonly minCount: number;
  /** The Poisson upper-tail probability must be below this; it bounds false alarms per key-hour tested. */
  readonly pThreshold: number;
  /** The count must also be at least this multiple of the baseline, so a busy key's ordinary swell is no alert. */
  readonly minRatio: number;
  /** The baseline rate never goes below this, so a key that was silent all week still needs real volume. */
  readonly baselineFloor: number;
  /** How many previous days of the same hour make the baseline; days the caller has no count for count as 0. */
  readonly baselineDays: number;
}

export const DEFAULT_SPIKE_OPTIONS: SpikeOptions = Object.freeze({
  minCount: 10,
  pThreshold: 1e-4,
  minRatio: 3,
  baselineFloor: 0.5,
  baselineDays: 7,
});

// Strict, so that a misspelt key in a configuration file is an error instead of a silently ignored setting.
const SpikeOptionsSchema = z.strictObject({
  minCount: z.number().int().min(1),
  pThreshold: z.number().gt(0).lt(1),
  minRatio: z.number().min(1).max(1000),
  baselineFloor: z.number().gt(0).max(1e6),
  baselineDays: z.int().min(1).max(28),
});

export class InvalidSpikeOptionsError extends Error {
  override readonly name = 'InvalidSpikeOptionsError';
}

export interface SpikeInput {
  /** What is counted, e.g. `amazon|otp_unsolicited` or `amaz0n-jp.top`. */
  readonly key: string;
  /** Reports of this key in the hour being judged. */
  readonly current: number;
  /** Reports of this key in the same hour on each previous day, newest or oldest first (order does not matter). */
  readonly baseline: readonly number[];
}

export interface SpikeFinding {
  readonly key: string;
  readonly current: number;
  /** The rate the test assumed (the baseline mean, floored), rounded to 2 decimals. */
  readonly baseline: number;
  /** P(X ≥ current) for X ~ Poisson(rate); 0 when it is below the smallest double. */
  readonly pValue: number;
}

/** Defaults overlaid with `overrides` (from code or a config file), validated; throws InvalidSpikeOptionsError. */
export function resolveSpikeOptions(overrides: unknown = {}): SpikeOptions {
  const parsed = SpikeOptionsSchema.partial().safeParse(overrides);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
    throw new InvalidSpikeOptionsError(`invalid spike options: ${problems.join('; ')}`);
  }
  // An option given as undefined means "the default", as it would for a missing key.
  const given = Object.entries(parsed.data).filter(([, value]) => value !== undefined);
  return Object.freeze({ ...DEFAULT_SPIKE_OPTIONS, ...Object.fromEntries(given) });
}

/**
 * The finding for one key if its current hour is a spike, else null.
 * @example findSpike({ key: 'amazon|otp_unsolicited', current: 40, baseline: [2, 1, 3, 2, 0, 2, 4] })
 *   // → { key: 'amazon|otp_unsolicited', current: 40, baseline: 2, pValue: 1.9e-37 }
 */
export function findSpike(input: SpikeInput, options?: Partial<SpikeOptions>): SpikeFinding | null {
  return judge(input, resolveSpikeOptions(options));
}

/** The findings among `inputs`, most improbable first. */
export function findSpikes(inputs: readonly SpikeInput[], options?: Partial<SpikeOptions>): SpikeFinding[] {
  const resolved = resolveSpikeOptions(options);
  return inputs
    .map((input) => judge(input, resolved))
    .filter((finding): finding is SpikeFinding => finding !== null)
    .sort((a, b) => a.pValue - b.pValue || b.current - a.current || a.key.localeCompare(b.key));
}

function judge(input: SpikeInput, options: SpikeOptions): SpikeFinding | null {
  const { key, current, baseline } = input;
  if (!Number.isInteger(current) || current < 0) {
    throw new RangeError(`spike input ${key}: current must be a whole number ≥ 0`);
  }
  if (baseline.length > options.baselineDays) {
    throw new RangeError(`spike input ${key}: ${baseline.length} baseline days, at most ${options.baselineDays}`);
  }
  if (!baseline.every((count) => Number.isFinite(count) && count >= 0)) {
    throw new RangeError(`spike input ${key}: baseline counts must be finite and ≥ 0`);
  }
  // Dividing by the configured number of days, not by the array's length, is what makes a missing day count as 0.
  const mean = baseline.reduce((sum, count) => sum + count, 0) / options.baselineDays;
  const rate = Math.max(mean, options.baselineFloor);
  // The cheap gates first: most keys in most hours fail them, and they need no tail sum.
  if (current < options.minCount || current < options.minRatio * rate) return null;
  const pValue = poissonUpperTail(current, rate);
  if (pValue >= options.pThreshold) return null;
  return { key, current, baseline: Math.round(rate * 100) / 100, pValue };
}

// Stop adding terms once they no longer change the sum in the last place of a double.
const NEGLIGIBLE = 1e-17;

/**
 * P(X ≥ k) for X ~ Poisson(rate), accurate far into the tail (1e-40 and below), where `1 − cdf` would round to 0.
 * @example poissonUpperTail(40, 2) // ≈ 1.9e-37
 */
export function poissonUpperTail(k: number, rate: number): number {
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError('Poisson rate must be finite and > 0');
  if (!Number.isInteger(k)) throw new RangeError('Poisson count must be a whole number');
  if (k <= 0) return 1;
  if (k > rate) {
    // Upper tail = pmf(k) · (1 + rate/(k+1) + rate²/((k+1)(k+2)) + …): the ratios are below 1, so it converges.
    let term = 1;
    let sum = 1;
    for (let j = k + 1; term > sum * NEGLIGIBLE; j++) {
      term *= rate / j;
      sum += term;
    }
    return Math.exp(logPoissonPmf(k, rate) + Math.log(sum));
  }
  // Here the tail is at least about a half, so 1 − lower tail loses nothing; the lower tail sums downwards from k−1.
  let term = 1;
  let sum = 1;
  for (let j = k - 1; j > 0 && term > sum * NEGLIGIBLE; j--) {
    term *= j / rate;
    sum += term;
  }
  return Math.min(1, Math.max(0, 1 - Math.exp(logPoissonPmf(k - 1, rate) + Math.log(sum))));
}

function logPoissonPmf(k: number, rate: number): number {
  return -rate + k * Math.log(rate) - logFactorial(k);
}

// Exact below 20; above, Stirling's series, whose next term (1/1680n⁷) is under 1e-12 there.
function logFactorial(n: number): number {
  if (n < 20) {
    let sum = 0;
    for (let i = 2; i <= n; i++) sum += Math.log(i);
    return sum;
  }
  const inverse = 1 / n;
  const inverseSquared = inverse * inverse;
  return (
    n * Math.log(n) -
    n +
    0.5 * Math.log(2 * Math.PI * n) +
    inverse * (1 / 12 - inverseSquared * (1 / 360 - inverseSquared / 1260))
  );
}
