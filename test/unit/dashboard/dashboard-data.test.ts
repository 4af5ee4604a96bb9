import {
  assignColors,
  clockTime,
  lastDays,
  localHour,
  OTHER_KEY,
  preferredLang,
  SERIES_PALETTE,
  shortDay,
  stackedChart,
  type TrendSeries,
  type TrendsResponse,
  tokenFromFragment,
  utcOffsetName,
} from '../../../lib/dashboard/dashboard-data';
import { addDays } from '../../../lib/operators/periods';

const series = (key: string, counts: number[]): TrendSeries => ({
  key,
  label: { en: key.toUpperCase(), ja: `${key}（日本語）` },
  counts,
  total: counts.reduce((sum, count) => sum + count, 0),
});

const trends = (shown: TrendSeries[], total: number[]): TrendsResponse => ({
  from: '2026-11-21',
  to: '2026-11-23',
  granularity: 'day',
  by: 'brand',
  filters: { category: null, brand: null },
  periods: ['2026-11-21', '2026-11-22', '2026-11-23'],
  series: shown,
  total,
});

describe('UTC days', () => {
  it('names the 30 days ending today, both ends included, across a month end', () => {
    expect(lastDays(new Date('2026-11-23T23:59:59Z'), 30)).toEqual({ from: '2026-10-25', to: '2026-11-23' });
    expect(lastDays(new Date('2026-03-01T00:00:00Z'), 30)).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('counts days in UTC, whatever the hour', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(shortDay('2026-11-03')).toBe('11/03');
  });
});

describe('trends as a stacked bar chart', () => {
  it('keeps the series order and labels them in the chosen language', () => {
    const chart = stackedChart(
      trends([series('amazon', [3, 0, 2]), series('sagawa', [1, 1, 0])], [4, 1, 2]),
      'ja',
      '他',
    );
    expect(chart.labels).toEqual(['11/21', '11/22', '11/23']);
    expect(chart.datasets.map((dataset) => dataset.label)).toEqual(['amazon（日本語）', 'sagawa（日本語）']);
    expect(chart.datasets[0]?.data).toEqual([3, 0, 2]);
  });

  it('adds what the series limit left out as one "other" segment, so each bar adds up to the total', () => {
    const chart = stackedChart(trends([series('amazon', [3, 0, 2])], [5, 1, 2]), 'en', 'Other brands');
    const other = chart.datasets.find((dataset) => dataset.key === OTHER_KEY);
    expect(other).toMatchObject({ label: 'Other brands', data: [2, 1, 0] });
    const stacked = chart.labels.map((_, day) =>
      chart.datasets.reduce((sum, dataset) => sum + (dataset.data[day] ?? 0), 0),
    );
    expect(stacked).toEqual([5, 1, 2]);
  });

  it('has no "other" segment when every series is shown, and leaves out series that counted nothing', () => {
    const chart = stackedChart(trends([series('amazon', [1, 0, 0]), series('aeon', [0, 0, 0])], [1, 0, 0]), 'en', 'x');
    expect(chart.datasets.map((dataset) => dataset.key)).toEqual(['amazon']);
  });

  it('draws nothing for an empty range', () => {
    expect(stackedChart(trends([], [0, 0, 0]), 'en', 'x').datasets).toEqual([]);
  });
});

describe('series colours', () => {
  it('gives the series of one chart different colours while the palette lasts', () => {
    const keys = SERIES_PALETTE.map((_, index) => `brand-${index}`);
    expect(new Set(assignColors(keys).values()).size).toBe(SERIES_PALETTE.length);
  });

  it('keeps each series its colour when the ranking changes order', () => {
    const keys = ['amazon', 'sagawa', 'yamato', 'japan-post', 'mufg', 'smbc'];
    const before = assignColors(keys);
    const after = assignColors([...keys].reverse());
    for (const key of keys) expect(after.get(key)).toBe(before.get(key));
  });
});

describe('times in the viewer’s clock', () => {
  const tokyo = () => 9 * 60;
  const newfoundland = () => -(3 * 60 + 30);

  it('shows an API hour (UTC) in local time, across midnight', () => {
    expect(localHour('2026-11-23T16', tokyo)).toBe('11/24 01:00');
    expect(localHour('2026-11-23T02', newfoundland)).toBe('11/22 22:30');
    expect(clockTime(new Date('2026-11-23T01:02:03Z'), tokyo)).toBe('10:02:03');
  });

  it('names the offset it uses', () => {
    expect(utcOffsetName(new Date(), tokyo)).toBe('UTC+9');
    expect(utcOffsetName(new Date(), newfoundland)).toBe('UTC-3:30');
    expect(utcOffsetName(new Date(), () => 0)).toBe('UTC+0');
  });

  it('shows an hour it cannot read as it came', () => {
    expect(localHour('soon')).toBe('soon');
  });
});

describe('what the browser tells the page', () => {
  it('takes the token from the link fragment only', () => {
    expect(tokenFromFragment('#token=abc-123')).toBe('abc-123');
    expect(tokenFromFragment('#lang=ja&token=abc')).toBe('abc');
    expect(tokenFromFragment('#token=')).toBeNull();
    expect(tokenFromFragment('')).toBeNull();
  });

  it('speaks Japanese to a browser that prefers it, English to everyone else', () => {
    expect(preferredLang(['ja-JP', 'en-US'])).toBe('ja');
    expect(preferredLang(['ja'])).toBe('ja');
    expect(preferredLang(['en-GB', 'ja'])).toBe('en');
    expect(preferredLang([])).toBe('en');
  });
});
