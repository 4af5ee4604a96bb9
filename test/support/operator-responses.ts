import type { TopResponse, TrendsResponse } from '../../lib/operators/operator-api-schemas';

/** Operator API bodies shaped like the examples in docs/operator-api.md, for rendering tests. */

const DAYS = ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'];

/** `GET /v1/trends?from=2026-11-17&to=2026-11-23&by=brand`: three brands, one of them with Japanese labels. */
export function brandTrends(): TrendsResponse {
  const series = [
    { key: 'amazon', label: { en: 'Amazon', ja: 'Amazon' }, counts: [3, 0, 12, 9, 7, 14, 12] },
    { key: 'sagawa', label: { en: 'Sagawa Express', ja: '佐川急便' }, counts: [1, 2, 2, 3, 5, 8, 13] },
    { key: 'smbc', label: { en: 'SMBC', ja: '三井住友銀行' }, counts: [0, 0, 0, 1, 0, 0, 0] },
  ].map((one) => ({ ...one, total: one.counts.reduce((sum, count) => sum + count, 0) }));
  return {
    from: '2026-11-17',
    to: '2026-11-23',
    granularity: 'day',
    by: 'brand',
    filters: { category: null, brand: null },
    periods: DAYS,
    series,
    // More than the sum of the rows: reports that name no brand count in the dimension's total too.
    total: [5, 2, 20, 15, 14, 24, 31],
  };
}

/** Hourly trends over whole days `from`…`to`, every hour counting `countOf(hourIndex)` for the one total series. */
export function hourlyTotalTrends(from: string, days: number, countOf: (hour: number) => number): TrendsResponse {
  const start = Date.parse(`${from}T00:00:00Z`);
  const periods = Array.from({ length: days * 24 }, (_, hour) =>
    new Date(start + hour * 3_600_000).toISOString().slice(0, 13),
  );
  const counts = periods.map((_, hour) => countOf(hour));
  const total = counts.reduce((sum, count) => sum + count, 0);
  return {
    from,
    to: periods[periods.length - 1]?.slice(0, 10) ?? from,
    granularity: 'hour',
    by: null,
    filters: { category: null, brand: null },
    periods,
    series: [{ key: 'all', label: { en: 'All reports', ja: 'すべての通報' }, counts, total }],
    total: counts,
  };
}

/** `GET /v1/top?dim=domain&window=7d`: a lookalike and a brand's own domain. */
export function topDomains(): TopResponse {
  return {
    dim: 'domain',
    window: '7d',
    from: '2026-11-16T12',
    to: '2026-11-23T11',
    items: [
      {
        key: 'amaz0n-jp.top',
        label: { en: 'amaz0n-jp.top', ja: 'amaz0n-jp.top' },
        count: 120,
        firstSeen: '2026-11-20T03',
        lastSeen: '2026-11-23T10',
        official: false,
      },
      {
        key: 'amazon.co.jp',
        label: { en: 'amazon.co.jp', ja: 'amazon.co.jp' },
        count: 4,
        firstSeen: '2026-11-18T09',
        lastSeen: '2026-11-22T21',
        official: true,
      },
    ],
  };
}
