import Table from 'cli-table3';
import type { Lang, Localized } from '../core/types';
import type { Granularity, TopDimension, TopResponse, TrendDimension, TrendsResponse } from './operator-api-schemas';
import type { HourRange } from './trends-args';

/** Renders operator API responses as terminal tables (`npm run trends`). Pure: a response in, text out. */

const SPARK_BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * One character per count, scaled to the row's own maximum; 0 is a space, so "none" differs from "a few".
 * @example sparkline([0, 1, 4, 8]) // ' ▁▄█'
 */
export function sparkline(counts: readonly number[]): string {
  const max = Math.max(0, ...counts);
  return counts
    .map((count) => (count > 0 ? SPARK_BLOCKS[Math.max(0, Math.ceil((count / max) * 8) - 1)] : ' '))
    .join('');
}

/** At most `cells` values: the means of equal runs of `values` (the last run may be shorter). */
export function downsample(values: readonly number[], cells: number): number[] {
  const run = Math.max(1, Math.ceil(values.length / cells));
  const means: number[] = [];
  for (let start = 0; start < values.length; start += run) {
    const slice = values.slice(start, start + run);
    means.push(slice.reduce((sum, value) => sum + value, 0) / slice.length);
  }
  return means;
}

// About a terminal's width (with the label, total and sparkline columns): more periods are summed into fewer,
// wider columns, while the sparkline keeps the finer shape.
const MAX_COUNT_COLUMNS = 12;
const MAX_SPARK_CELLS = 24;
const DAY_MS = 86_400_000;

interface ColumnGrouping {
  /** Shown periods with the same key share a column; `position` counts from the first shown period. */
  readonly key: (period: string, position: number, firstPeriod: string) => string;
  readonly header: (period: string) => string;
  /** What one column holds, said when a column holds more than one period. */
  readonly note: Localized;
}

const dayHeader = (period: string) => period.slice(5, 10);

// Blocks start at the first hour shown, so "the last 24 hours" in 2-hour blocks is 12 whole blocks.
const hourBlocks = (hours: number): ColumnGrouping => ({
  key: (_period, position) => String(Math.floor(position / hours)),
  header: (period) => `${dayHeader(period)}\n${period.slice(11, 13)}:00`,
  note: { en: `Columns: ${hours} hours from the hour shown.`, ja: `列: 表示時刻から${hours}時間ごとの合計。` },
});
const CALENDAR_DAYS: ColumnGrouping = {
  key: (period) => period.slice(0, 10),
  header: dayHeader,
  note: { en: 'Columns: calendar days.', ja: '列: 日ごとの合計。' },
};
const WEEKS: ColumnGrouping = {
  key: (period, _position, firstPeriod) =>
    String(Math.floor((Date.parse(period.slice(0, 10)) - Date.parse(firstPeriod.slice(0, 10))) / (7 * DAY_MS))),
  header: dayHeader,
  note: { en: 'Columns: 7 days from the date shown.', ja: '列: 表示日から7日ごとの合計。' },
};
const MONTHS: ColumnGrouping = {
  key: (period) => period.slice(0, 7),
  header: (period) => period.slice(0, 7),
  note: { en: 'Columns: calendar months.', ja: '列: 月ごとの合計。' },
};
// Finest first; the last one always fits the longest range the API serves (31 days of hours, 400 days).
const GROUPINGS: Record<Granularity, readonly ColumnGrouping[]> = {
  hour: [...[1, 2, 3, 4, 6, 12].map(hourBlocks), CALENDAR_DAYS, WEEKS],
  day: [CALENDAR_DAYS, WEEKS, MONTHS],
};

interface Column {
  readonly header: string;
  /** Indices into the response's periods. */
  readonly periods: readonly number[];
}

/** The finest grouping of the shown periods that fits the column budget. */
function planColumns(
  periods: readonly string[],
  shown: readonly number[],
  granularity: Granularity,
): { columns: Column[]; note: Localized | null } {
  const firstPeriod = periods[shown[0] ?? 0] ?? '';
  const groupings = GROUPINGS[granularity];
  let columns: Column[] = [];
  let note: Localized | null = null;
  for (const grouping of groupings) {
    const byKey = new Map<string, { header: string; periods: number[] }>();
    shown.forEach((index, position) => {
      const period = periods[index] ?? '';
      const key = grouping.key(period, position, firstPeriod);
      const column = byKey.get(key) ?? { header: grouping.header(period), periods: [] };
      column.periods.push(index);
      byKey.set(key, column);
    });
    columns = [...byKey.values()];
    note = columns.some((column) => column.periods.length > 1) ? grouping.note : null;
    if (columns.length <= MAX_COUNT_COLUMNS) break;
  }
  return { columns, note };
}

const DIMENSION_NAMES: Record<Lang, Record<TrendDimension | TopDimension, string>> = {
  en: { category: 'category', brand: 'brand', domain: 'domain', sender: 'sender', tld: 'TLD' },
  ja: { category: 'カテゴリ', brand: 'ブランド', domain: 'ドメイン', sender: '送信者', tld: 'TLD' },
};

const WORDS = {
  en: { reports: 'reports', total: 'Total', trend: 'Trend', none: 'No reports in this period.', rank: '#' },
  ja: { reports: '通報', total: '合計', trend: '推移', none: 'この期間の通報はありません。', rank: '順位' },
} as const satisfies Record<Lang, Record<string, string>>;

// Senders and domains are chosen by the people who send the scams: a control character could drive the operator's
// terminal, and a bidi override could show a lookalike domain reversed. Both are shown as U+FFFD instead.
const UNSAFE_FOR_TERMINAL = /[\p{Cc}\p{Bidi_Control}]/gu;
/** `text` with control and bidi-control characters replaced, safe to print in a table cell. */
export const printable = (text: string) => text.replace(UNSAFE_FOR_TERMINAL, '\ufffd');

const formatCount = (count: number) => count.toLocaleString('en-US');
const formatHour = (hour: string) => `${hour.slice(0, 10)} ${hour.slice(11, 13)}:00`;
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// No colours: the output is often piped or pasted, and ANSI codes would travel with it.
function newTable(head: string[], colAligns: Array<'left' | 'right' | 'center'>): Table.Table {
  // compact: no rule between rows; the total row is told apart by its label.
  return new Table({ head, colAligns, style: { head: [], border: [], compact: true } });
}

function trendsTitle(response: TrendsResponse, lang: Lang, range: { first: string; last: string }): string {
  const { by, granularity, filters } = response;
  const dimension = by === null ? null : DIMENSION_NAMES[lang][by];
  const filterText = [
    filters.category === null ? null : `${DIMENSION_NAMES[lang].category}: ${printable(filters.category)}`,
    filters.brand === null ? null : `${DIMENSION_NAMES[lang].brand}: ${printable(filters.brand)}`,
  ].filter((text): text is string => text !== null);
  if (lang === 'ja') {
    const per = granularity === 'day' ? '日別' : '時間別';
    const what = dimension === null ? '通報件数' : `${dimension}別の通報件数`;
    const filtered = filterText.length > 0 ? `、${filterText.join('、')}` : '';
    return `${what}(${per}、${range.first}〜${range.last} UTC${filtered})`;
  }
  const per = granularity === 'day' ? 'per day' : 'per hour';
  const what = dimension === null ? 'Reports' : `Reports by ${dimension}`;
  const filtered = filterText.length > 0 ? `, ${filterText.join(', ')}` : '';
  return `${what} ${per}, ${range.first} to ${range.last} UTC${filtered}`;
}

/**
 * The trends response as a table: one row per series, one column per period (or per group of periods when there
 * are many), a total and a sparkline per row, and the total over the dimension as the last row.
 * `hours` narrows an hourly response (whole days) to the hours asked for.
 */
export function renderTrendsTable(response: TrendsResponse, lang: Lang, hours: HourRange | null = null): string {
  const shown = response.periods.flatMap((period, index) =>
    hours === null || (period >= hours.first && period <= hours.last) ? [index] : [],
  );
  const periodLabel = (period: string) => (response.granularity === 'hour' ? formatHour(period) : period);
  const title = trendsTitle(response, lang, {
    first: periodLabel(response.periods[shown[0] ?? 0] ?? response.from),
    last: periodLabel(response.periods[shown[shown.length - 1] ?? 0] ?? response.to),
  });
  if (response.series.length === 0 || shown.length === 0) return `${title}\n${WORDS[lang].none}\n`;

  const { columns, note } = planColumns(response.periods, shown, response.granularity);
  const row = (label: string, counts: readonly number[]) => {
    const shownCounts = shown.map((index) => counts[index] ?? 0);
    const sums = columns.map((column) => column.periods.reduce((sum, index) => sum + (counts[index] ?? 0), 0));
    const total = shownCounts.reduce((sum, count) => sum + count, 0);
    return [label, ...sums.map(formatCount), formatCount(total), sparkline(downsample(shownCounts, MAX_SPARK_CELLS))];
  };
  const words = WORDS[lang];
  const firstHeader = capitalized(response.by === null ? words.reports : DIMENSION_NAMES[lang][response.by]);
  const table = newTable(
    [firstHeader, ...columns.map((column) => column.header), words.total, words.trend],
    ['left', ...columns.map(() => 'right' as const), 'right', 'left'],
  );
  for (const series of response.series) table.push(row(printable(series.label[lang]), series.counts));
  // Without a dimension the one series is the total already.
  if (response.by !== null) table.push(row(words.total, response.total));

  const periodsPerSparkCell = Math.ceil(shown.length / MAX_SPARK_CELLS);
  const notes = [
    note?.[lang],
    periodsPerSparkCell > 1 ? sparkNote(lang, periodsPerSparkCell, response.granularity) : undefined,
  ].filter((text): text is string => text !== undefined);
  return `${title}\n${table.toString()}\n${notes.map((text) => `${text}\n`).join('')}`;
}

function sparkNote(lang: Lang, periodsPerCell: number, granularity: Granularity): string {
  if (lang === 'ja') return `推移: 1文字 = ${periodsPerCell}${granularity === 'day' ? '日' : '時間'}の平均。`;
  return `Trend: one character per ${periodsPerCell} ${granularity === 'day' ? 'days' : 'hours'} (mean).`;
}

const WINDOW_NAMES: Record<Lang, Record<TopResponse['window'], string>> = {
  en: { '24h': 'last 24 hours', '7d': 'last 7 days', '30d': 'last 30 days' },
  ja: { '24h': '過去24時間', '7d': '過去7日間', '30d': '過去30日間' },
};

const TOP_HEADERS: Record<Lang, { count: string; firstSeen: string; lastSeen: string; official: string }> = {
  en: { count: 'Reports', firstSeen: 'First seen', lastSeen: 'Last seen', official: 'Official' },
  ja: { count: '件数', firstSeen: '初回', lastSeen: '最終', official: '公式' },
};

/** The ranking response as a table: rank, what, count, first and last hour seen, and (for domains) official. */
export function renderTopTable(response: TopResponse, lang: Lang): string {
  const dimension = DIMENSION_NAMES[lang][response.dim];
  const range = `${formatHour(response.from)}${lang === 'ja' ? '〜' : ' to '}${formatHour(response.to)} UTC`;
  const title =
    lang === 'ja'
      ? `${dimension}の上位(${WINDOW_NAMES.ja[response.window]}、${range})`
      : `Top ${dimension === 'TLD' ? 'TLDs' : `${dimension}s`}, ${WINDOW_NAMES.en[response.window]} (${range})`;
  if (response.items.length === 0) return `${title}\n${WORDS[lang].none}\n`;

  // Only a domain can be a brand's own; for other dimensions the column would be empty.
  const withOfficial = response.dim === 'domain';
  const headers = TOP_HEADERS[lang];
  const table = newTable(
    [
      WORDS[lang].rank,
      capitalized(dimension),
      headers.count,
      headers.firstSeen,
      headers.lastSeen,
      ...(withOfficial ? [headers.official] : []),
    ],
    ['right', 'left', 'right', 'left', 'left', ...(withOfficial ? ['center' as const] : [])],
  );
  response.items.forEach((item, index) => {
    table.push([
      String(index + 1),
      printable(item.label[lang]),
      formatCount(item.count),
      formatHour(item.firstSeen),
      formatHour(item.lastSeen),
      ...(withOfficial ? [item.official ? '✓' : ''] : []),
    ]);
  });
  return `${title}\n${table.toString()}\n`;
}
