import {
  DEFAULT_SPIKE_OPTIONS,
  findSpike,
  findSpikes,
  InvalidSpikeOptionsError,
  poissonUpperTail,
  resolveSpikeOptions,
  type SpikeInput,
} from '../../../lib/operators/spike-detection';
import { mulberry32, poissonSampler } from '../../support/seeded-poisson';

const WEEK = DEFAULT_SPIKE_OPTIONS.baselineDays;

/** One key-hour of pure noise: a week of the same hour and the current hour, all drawn at the same rate. */
function noiseKeyHour(key: string, rate: number, draw: (rate: number) => number): SpikeInput {
  return { key, current: draw(rate), baseline: Array.from({ length: WEEK }, () => draw(rate)) };
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual / expected - 1);
}

describe('poissonUpperTail', () => {
  it('matches the closed forms near the body of the distribution', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(relativeError(poissonUpperTail(1, 0.5), 1 - Math.exp(-0.5))).toBeLessThan(1e-12);
    expect(relativeError(poissonUpperTail(3, 10), 1 - Math.exp(-10) * (1 + 10 + 50))).toBeLessThan(1e-12);
  });

  it('stays accurate deep in the tail, where 1 − cdf would be 0', () => {
    // References: the tail summed in 50-digit decimal arithmetic.
    expect(relativeError(poissonUpperTail(40, 2), 1.91715834159427e-37)).toBeLessThan(1e-12);
    expect(relativeError(poissonUpperTail(200, 100), 9.34315007298839e-19)).toBeLessThan(1e-12);
    expect(relativeError(poissonUpperTail(6, 0.5), 1.416493732234249e-5)).toBeLessThan(1e-12);
  });

  it('agrees with the frequencies of seeded Poisson draws', () => {
    const draw = poissonSampler(mulberry32(7));
    const rate = 4;
    const draws = Array.from({ length: 20_000 }, () => draw(rate));
    for (const k of [2, 4, 6, 8, 10]) {
      const expected = poissonUpperTail(k, rate);
      const observed = draws.filter((count) => count >= k).length / draws.length;
      // Four binomial standard errors: a wrong tail (off by one term, or the lower tail) misses by far more.
      const standardError = Math.sqrt((expected * (1 - expected)) / draws.length);
      expect(Math.abs(observed - expected)).toBeLessThan(4 * standardError + 1e-4);
    }
  });

  it('decreases strictly as the count grows, at quiet and busy rates alike', () => {
    for (const rate of [0.5, 2, 37.5, 100, 5000]) {
      const start = Math.max(0, Math.floor(rate - 3 * Math.sqrt(rate)));
      const tail = Array.from({ length: 400 }, (_, i) => poissonUpperTail(start + i, rate));
      const positive = tail.filter((p) => p > 0);
      expect(positive.length).toBeGreaterThan(20);
      for (let i = 1; i < positive.length; i++) expect(positive[i]).toBeLessThan(positive[i - 1] ?? 1);
    }
  });

  it('rejects a rate or count it cannot judge', () => {
    expect(() => poissonUpperTail(3, 0)).toThrow(RangeError);
    expect(() => poissonUpperTail(3, Number.NaN)).toThrow(RangeError);
    expect(() => poissonUpperTail(2.5, 1)).toThrow(RangeError);
  });
});

describe('findSpike', () => {
  it('detects a real wave: about 2 an hour all week, then 40', () => {
    const draw = poissonSampler(mulberry32(2026));
    const baseline = Array.from({ length: WEEK }, () => draw(2));
    const finding = findSpike({ key: 'amazon|otp_unsolicited', current: 40, baseline });
    expect(finding).not.toBeNull();
    expect(finding?.key).toBe('amazon|otp_unsolicited');
    expect(finding?.current).toBe(40);
    expect(finding?.baseline).toBeGreaterThan(0.5);
    expect(finding?.baseline).toBeLessThan(4);
    expect(finding?.pValue).toBeLessThan(1e-15);
  });

  it('raises (almost) no alert on 2,000 key-hours of pure Poisson noise at rates 0.5 to 20', () => {
    const draw = poissonSampler(mulberry32(11));
    const keyHours = Array.from({ length: 2_000 }, (_, i) => {
      const rate = 0.5 * 40 ** ((i % 200) / 199); // 200 keys spread log-evenly over 0.5…20, 10 hours each
      return noiseKeyHour(`key-${i % 200}`, rate, draw);
    });
    // A key-hour of noise alerts with probability at most about pThreshold (measured: 9.2e-5 over 2 million such
    // key-hours), so about 2,000 × 1e-4 = 0.2 false alarms are expected; 3 or more would happen by chance for about
    // one seed in 900. This seed gives 1.
    expect(findSpikes(keyHours).length).toBeLessThanOrEqual(2);
    // The same noise with the thresholds loosened alerts a lot: the bound above is the thresholds' doing.
    const loose = findSpikes(keyHours, { pThreshold: 0.05, minCount: 1, minRatio: 1 });
    expect(loose.length).toBeGreaterThan(40);
  });

  it('ignores a handful of reports on a key that was silent all week (minCount)', () => {
    const quietKey = { key: 'new-brand|delivery_scam', current: 6, baseline: [0, 0, 0, 0, 0, 0, 0] };
    expect(findSpike(quietKey)).toBeNull();
    // 6 against the floor rate 0.5 has p ≈ 1.4e-5: only the minimum count keeps it quiet.
    expect(findSpike(quietKey, { minCount: 5 })).toMatchObject({ current: 6, baseline: 0.5 });
  });

  it('does not alert on a busy key having a somewhat busier hour (p-value and ratio)', () => {
    const busy = (current: number) => ({ key: 'amazon|phishing_link', current, baseline: Array(WEEK).fill(100) });
    expect(findSpike(busy(120))).toBeNull(); // p ≈ 0.03: an ordinary hour
    expect(findSpike(busy(200))).toBeNull(); // p ≈ 1e-18, but only twice the usual: not a new wave
    expect(findSpike(busy(200), { minRatio: 1.5 })).not.toBeNull();
    expect(findSpike(busy(300))).toMatchObject({ current: 300, baseline: 100 });
  });

  it('gives p-values that fall as the current count rises', () => {
    const baseline = [2, 1, 3, 2, 0, 2, 4];
    const pValues = Array.from({ length: 91 }, (_, i) => findSpike({ key: 'k', current: 10 + i, baseline })?.pValue);
    expect(pValues.every((p) => p !== undefined)).toBe(true);
    for (let i = 1; i < pValues.length; i++) expect(pValues[i]).toBeLessThan(pValues[i - 1] ?? 1);
  });

  it('counts baseline days it is not given as 0, and floors the rate', () => {
    const everyDay = findSpike({ key: 'k', current: 30, baseline: [2, 2, 2, 2, 2, 2, 2] });
    const oneDay = findSpike({ key: 'k', current: 30, baseline: [14] });
    expect(oneDay).toEqual(everyDay);
    expect(findSpike({ key: 'k', current: 30, baseline: [] })).toMatchObject({ baseline: 0.5 });
    expect(findSpike({ key: 'k', current: 30, baseline: [1, 1, 1] })?.baseline).toBe(0.5); // 3/7 < 0.5
  });

  it('rejects input that is not a count', () => {
    expect(() => findSpike({ key: 'k', current: -1, baseline: [] })).toThrow(RangeError);
    expect(() => findSpike({ key: 'k', current: 3.5, baseline: [] })).toThrow(RangeError);
    expect(() => findSpike({ key: 'k', current: 3, baseline: [1, Number.NaN] })).toThrow(RangeError);
    expect(() => findSpike({ key: 'k', current: 3, baseline: Array(8).fill(1) })).toThrow(/at most 7/);
  });
});

describe('findSpikes', () => {
  it('lists only the spikes, most improbable first', () => {
    const findings = findSpikes([
      { key: 'mild', current: 12, baseline: [1, 1, 1, 1, 1, 1, 1] },
      { key: 'none', current: 3, baseline: [1, 1, 1, 1, 1, 1, 1] },
      { key: 'strong', current: 50, baseline: [1, 1, 1, 1, 1, 1, 1] },
    ]);
    expect(findings.map((finding) => finding.key)).toEqual(['strong', 'mild']);
  });
});

describe('spike options', () => {
  it('fill in defaults and keep what is given', () => {
    expect(resolveSpikeOptions()).toEqual(DEFAULT_SPIKE_OPTIONS);
    expect(resolveSpikeOptions({ minCount: 20, pThreshold: undefined })).toEqual({
      ...DEFAULT_SPIKE_OPTIONS,
      minCount: 20,
    });
  });

  it.each([
    [{ pThreshold: 0 }, /pThreshold/],
    [{ pThreshold: 1.5 }, /pThreshold/],
    [{ pThreshold: Number.NaN }, /pThreshold/],
    [{ minCount: 0 }, /minCount/],
    [{ minCount: 2.5 }, /minCount/],
    [{ minRatio: 0.5 }, /minRatio/],
    [{ baselineFloor: 0 }, /baselineFloor/],
    [{ baselineDays: 0 }, /baselineDays/],
    [{ pthreshold: 1e-3 }, /pthreshold/],
    ['1e-4', /options/],
  ])('reject %p', (overrides, problem) => {
    expect(() => resolveSpikeOptions(overrides)).toThrow(InvalidSpikeOptionsError);
    expect(() => resolveSpikeOptions(overrides)).toThrow(problem);
  });

  it('are checked by findSpike and findSpikes too', () => {
    const input = { key: 'k', current: 40, baseline: [] };
    expect(() => findSpike(input, { minRatio: -1 })).toThrow(InvalidSpikeOptionsError);
    expect(() => findSpikes([input], { pThreshold: -1 })).toThrow(InvalidSpikeOptionsError);
  });
});
