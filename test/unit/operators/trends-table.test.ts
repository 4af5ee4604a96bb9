import {
  type TopResponse,
  TopResponseSchema,
  type TrendsResponse,
  TrendsResponseSchema,
} from '../../../lib/operators/operator-api-schemas';
import {
  downsample,
  printable,
  renderTopTable,
  renderTrendsTable,
  sparkline,
} from '../../../lib/operators/trends-table';
import { brandTrends, hourlyTotalTrends, topDomains } from '../../support/operator-responses';

// Terminal columns a line takes: CJK and full-width characters take two (what cli-table3 pads by).
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff01-\uff60]/u;
const displayWidth = (line: string) => [...line].reduce((width, char) => width + (WIDE.test(char) ? 2 : 1), 0);

/** The table's lines (the ones drawn with box characters), without the title and notes around it. */
const tableLines = (output: string) => output.split('\n').filter((line) => /^[┌│├└]/.test(line));
const cellsOf = (line: string) =>
  line
    .split('│')
    .slice(1, -1)
    .map((cell) => cell.trim());
/** The first-column labels of the table's rows, header included, top to bottom. */
const rowLabels = (output: string) =>
  tableLines(output)
    .filter((line) => line.startsWith('│'))
    .map((line) => cellsOf(line)[0]);
/** The cells of the table row whose first cell is `label`. */
function rowCells(output: string, label: string): string[] {
  const row = tableLines(output)
    .map(cellsOf)
    .find((cells) => cells[0] === label);
  if (row === undefined) throw new Error(`no row ${label} in\n${output}`);
  return row;
}

function dailyTotalTrends(from: string, days: number): TrendsResponse {
  const start = Date.parse(`${from}T00:00:00Z`);
  const periods = Array.from({ length: days }, (_, day) =>
    new Date(start + day * 86_400_000).toISOString().slice(0, 10),
  );
  const counts = periods.map(() => 1);
  return {
    ...brandTrends(),
    from,
    to: periods[periods.length - 1] ?? from,
    by: null,
    periods,
    series: [{ key: 'all', label: { en: 'All reports', ja: 'すべての通報' }, counts, total: days }],
    total: counts,
  };
}

describe('sparkline', () => {
  it('scales each row to its own maximum, 0 as a space', () => {
    expect(sparkline([0, 1, 4, 8])).toBe(' ▁▄█');
    expect(sparkline([0, 10, 40, 80])).toBe(' ▁▄█');
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
  });

  it('shows the smallest non-zero count as the lowest block, not as nothing', () => {
    expect(sparkline([1, 1000])).toBe('▁█');
  });

  it('draws nothing for no reports and one character per count', () => {
    expect(sparkline([])).toBe('');
    expect(sparkline([0, 0, 0])).toBe('   ');
    expect(sparkline([5, 5])).toBe('██');
  });
});

describe('downsample', () => {
  it('keeps short series and averages long ones into equal runs', () => {
    expect(downsample([1, 2, 3], 24)).toEqual([1, 2, 3]);
    expect(downsample([1, 2, 3, 4, 5], 2)).toEqual([2, 4.5]);
    expect(downsample(Array(744).fill(2), 24)).toEqual(Array(24).fill(2));
  });
});

describe('renderTrendsTable', () => {
  it('shows one row per series with a column per day, a total, a sparkline and the total row', () => {
    const output = renderTrendsTable(brandTrends(), 'en');
    expect(output.split('\n')[0]).toBe('Reports by brand per day, 2026-11-17 to 2026-11-23 UTC');
    expect(rowCells(output, 'Brand')).toEqual([
      'Brand',
      '11-17',
      '11-18',
      '11-19',
      '11-20',
      '11-21',
      '11-22',
      '11-23',
      'Total',
      'Trend',
    ]);
    expect(rowCells(output, 'Amazon')).toEqual(['Amazon', '3', '0', '12', '9', '7', '14', '12', '57', '▂ ▇▆▄█▇']);
    expect(rowCells(output, 'SMBC').slice(-2)).toEqual(['1', '█']);
    // The last row is the dimension's total from the API, not the sum of the rows shown.
    expect(rowCells(output, 'Total')).toEqual(['Total', '5', '2', '20', '15', '14', '24', '31', '111', '▂▁▆▄▄▇█']);
    expect(rowLabels(output)).toEqual(['Brand', 'Amazon', 'Sagawa Express', 'SMBC', 'Total']);
  });

  it('speaks Japanese with --lang ja and keeps the columns aligned around wide characters', () => {
    const output = renderTrendsTable(brandTrends(), 'ja');
    expect(output.split('\n')[0]).toBe('ブランド別の通報件数(日別、2026-11-17〜2026-11-23 UTC)');
    expect(rowCells(output, 'ブランド').slice(-2)).toEqual(['合計', '推移']);
    expect(rowCells(output, '佐川急便')).toEqual(['佐川急便', '1', '2', '2', '3', '5', '8', '13', '34', '▁▂▂▂▄▅█']);
    expect(rowCells(output, '合計')[8]).toBe('111');
    const widths = new Set(tableLines(output).map(displayWidth));
    expect(widths.size).toBe(1);
  });

  it('has no total row when there is no dimension: the one series is the total', () => {
    expect(rowLabels(renderTrendsTable(dailyTotalTrends('2026-11-17', 7), 'en'))).toEqual(['Reports', 'All reports']);
  });

  it('writes thousands with separators', () => {
    const busy = brandTrends();
    const amazon = busy.series[0];
    if (amazon === undefined) throw new Error('fixture has no series');
    const series = [{ ...amazon, counts: [1200, 0, 0, 0, 0, 0, 0], total: 1200 }];
    expect(rowCells(renderTrendsTable({ ...busy, series }, 'en'), 'Amazon').slice(1, 2)).toEqual(['1,200']);
  });

  it('shows only the hours asked for, in blocks that fit a terminal, with every hour in the sparkline', () => {
    const wave = (hour: number) => (hour >= 58 ? 100 : 1); // quiet, then 100 an hour from 2026-11-23T10
    const response = hourlyTotalTrends('2026-11-21', 3, wave);
    const output = renderTrendsTable(response, 'en', { first: '2026-11-22T11', last: '2026-11-23T10' });
    expect(output.split('\n')[0]).toBe('Reports per hour, 2026-11-22 11:00 to 2026-11-23 10:00 UTC');
    const cells = rowCells(output, 'All reports');
    expect(cells).toHaveLength(1 + 12 + 2); // 24 hours in 12 two-hour columns, total, trend
    expect(cells.slice(1, 13)).toEqual([...Array(11).fill('2'), '101']);
    expect(cells[13]).toBe('123');
    expect(cells[14]).toBe(`${'▁'.repeat(23)}█`);
    expect(output).toContain('│ 11-22 │'); // the first block's header: its date…
    expect(output).toContain('│ 11:00 │'); // …and, below it, its hour
    expect(output).toContain('Columns: 2 hours from the hour shown.');
  });

  it('groups a month of days into weeks and a year into months', () => {
    const month = renderTrendsTable(dailyTotalTrends('2026-10-25', 30), 'en');
    expect(rowCells(month, 'All reports').slice(1, -1)).toEqual(['7', '7', '7', '7', '2', '30']);
    expect(month).toContain('Columns: 7 days from the date shown.');
    expect(month).toContain('Trend: one character per 2 days (mean).');
    const year = renderTrendsTable(dailyTotalTrends('2025-10-20', 400), 'ja');
    expect(rowCells(year, '通報').slice(1, 3)).toEqual(['2025-10', '2025-11']);
    expect(rowCells(year, 'すべての通報').slice(1, 3)).toEqual(['12', '30']);
    expect(year).toContain('列: 月ごとの合計。');
  });

  it('says so when there is nothing to show', () => {
    expect(renderTrendsTable({ ...brandTrends(), series: [] }, 'en')).toBe(
      'Reports by brand per day, 2026-11-17 to 2026-11-23 UTC\nNo reports in this period.\n',
    );
    expect(renderTrendsTable({ ...brandTrends(), series: [] }, 'ja')).toContain('この期間の通報はありません。');
  });
});

describe('renderTopTable', () => {
  it('ranks domains with count, first and last hour seen and a mark for official ones', () => {
    const output = renderTopTable(topDomains(), 'en');
    expect(output.split('\n')[0]).toBe('Top domains, last 7 days (2026-11-16 12:00 to 2026-11-23 11:00 UTC)');
    expect(rowCells(output, '#')).toEqual(['#', 'Domain', 'Reports', 'First seen', 'Last seen', 'Official']);
    expect(rowCells(output, '1')).toEqual(['1', 'amaz0n-jp.top', '120', '2026-11-20 03:00', '2026-11-23 10:00', '']);
    expect(rowCells(output, '2')).toEqual(['2', 'amazon.co.jp', '4', '2026-11-18 09:00', '2026-11-22 21:00', '✓']);
  });

  it('has no official column for other dimensions, and Japanese headers with --lang ja', () => {
    const sagawa = { key: 'sagawa', label: { en: 'Sagawa Express', ja: '佐川急便' }, count: 120, official: false };
    const brands: TopResponse = {
      ...topDomains(),
      dim: 'brand',
      window: '30d',
      items: [{ ...sagawa, firstSeen: '2026-11-20T03', lastSeen: '2026-11-23T10' }],
    };
    const output = renderTopTable(brands, 'ja');
    expect(output.split('\n')[0]).toBe('ブランドの上位(過去30日間、2026-11-16 12:00〜2026-11-23 11:00 UTC)');
    expect(rowCells(output, '順位')).toEqual(['順位', 'ブランド', '件数', '初回', '最終']);
    expect(rowCells(output, '1')).toEqual(['1', '佐川急便', '120', '2026-11-20 03:00', '2026-11-23 10:00']);
    expect(new Set(tableLines(output).map(displayWidth)).size).toBe(1);
  });
});

describe('printable', () => {
  it('keeps labels in any script but not control or bidi characters, which come from scammers’ own senders', () => {
    expect(printable('佐川急便 · Amazon')).toBe('佐川急便 · Amazon');
    expect(printable('Amazon\u001b[2J')).toBe('Amazon\ufffd[2J');
    expect(printable('\u202epot.nozama')).toBe('\ufffdpot.nozama');
  });

  it('is applied to every label drawn', () => {
    const trends = brandTrends();
    const series = trends.series.map((one) => ({ ...one, label: { en: 'Evil\u001b]0;pwned\u0007', ja: 'x' } }));
    const top = topDomains();
    const items = top.items.map((item) => ({ ...item, label: { en: '\u202emoc.nozama', ja: 'x' } }));
    const output = renderTrendsTable({ ...trends, series }, 'en') + renderTopTable({ ...top, items }, 'en');
    for (const unsafe of ['\u001b', '\u0007', '\u202e']) expect(output).not.toContain(unsafe);
  });
});

describe('response schemas', () => {
  it('accept the contract-shaped bodies the tables are drawn from', () => {
    expect(TrendsResponseSchema.safeParse(brandTrends()).success).toBe(true);
    expect(TrendsResponseSchema.safeParse(hourlyTotalTrends('2026-11-21', 2, () => 1)).success).toBe(true);
    expect(TopResponseSchema.safeParse(topDomains()).success).toBe(true);
  });

  it('refuse a body whose counts do not line up with its periods', () => {
    const body = brandTrends();
    const short = { ...body, series: body.series.map((one) => ({ ...one, counts: one.counts.slice(1) })) };
    const result = TrendsResponseSchema.safeParse(short);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['series', 0, 'counts']);
  });

  it('refuse hours in a daily body and negative counts', () => {
    expect(TrendsResponseSchema.safeParse({ ...brandTrends(), granularity: 'hour' }).success).toBe(false);
    const negative = { ...brandTrends(), total: [-1, 2, 20, 15, 14, 24, 31] };
    expect(TrendsResponseSchema.safeParse(negative).success).toBe(false);
  });
});
