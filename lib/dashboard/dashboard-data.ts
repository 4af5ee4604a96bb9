/**
 * The dashboard's data shaping, kept free of the DOM and of Chart.js so that unit tests can pin it: the response
 * shapes of docs/operator-api.md, UTC day arithmetic, trends → stacked-bar datasets, and time formatting.
 */

export type Lang = 'ja' | 'en';

/** Text in both languages the page shows, as the API sends labels. */
export type Localized = Readonly<Record<Lang, string>>;

// The API's own response types (type-only: nothing of the server's code reaches the browser bundle).
import { addDays, dayOf } from '../operators/periods';
import type { AlertView, Series, TopItem, TopReport, TrendReport } from '../operators/reports';

/** `GET /v1/trends` (docs/operator-api.md). */
export type TrendsResponse = TrendReport;
export type TrendSeries = Series;
/** `GET /v1/top`. */
export type TopResponse = TopReport;
export type { TopItem };
/** `GET /v1/alerts`. */
export interface AlertsResponse {
  readonly alerts: readonly Alert[];
}
export type Alert = AlertView;

/**
 * The `from`/`to` of the last `days` UTC days ending today, both inclusive, as `/v1/trends` takes them.
 * @example lastDays(new Date('2026-11-23T10:00:00Z'), 30) // { from: '2026-10-25', to: '2026-11-23' }
 */
export function lastDays(now: Date, days: number): { from: string; to: string } {
  const to = dayOf(now);
  return { from: addDays(to, -(days - 1)), to };
}

/** The sum of a list of counts. */
export function sum(counts: readonly number[]): number {
  return counts.reduce((total, count) => total + count, 0);
}

/** A dataset of a stacked bar chart, before Chart.js styles it. */
export interface StackedDataset {
  /** The series key (`amazon`, `delivery_scam`), or OTHER_KEY for what the limit left out. */
  readonly key: string;
  readonly label: string;
  readonly data: readonly number[];
  readonly color: string;
}

export interface StackedChart {
  /** One label per period, `MM/DD` (the API's UTC days). */
  readonly labels: readonly string[];
  readonly datasets: readonly StackedDataset[];
}

export const OTHER_KEY = '__other__';

/** Brands beyond this many are summed into one "other brands" segment of the brand chart: a legend of 20 is noise. */
export const BRAND_CHART_SERIES = 8;
const OTHER_COLOR = '#b8bec7';

/**
 * Hues that stay apart when stacked and on white (Okabe–Ito and Paul Tol's, without their pale yellow and grey:
 * grey is the "other" segment). A series keeps its colour across refreshes (see assignColors), so an operator can
 * follow "the orange one" over an afternoon.
 */
export const SERIES_PALETTE: readonly string[] = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#882255',
  '#6a3d9a',
  '#8c564b',
  '#17becf',
  '#999933',
  '#332288',
];

function hashKey(key: string): number {
  let hash = 2166136261;
  for (let index = 0; index < key.length; index += 1) {
    hash = Math.imul(hash ^ key.charCodeAt(index), 16777619) >>> 0;
  }
  return hash;
}

/**
 * A colour per key: each key prefers a slot derived from its name, and a key whose slot is taken moves to the next
 * free one, so no two series of one chart share a colour while the palette lasts. Slots are handed out in key
 * order, not ranking order, so a series keeps its colour when the ranking changes and the set of keys does not.
 */
export function assignColors(
  keys: readonly string[],
  palette: readonly string[] = SERIES_PALETTE,
): Map<string, string> {
  const colors = new Map<string, string>();
  const taken = new Set<number>();
  for (const key of [...new Set(keys)].sort()) {
    let slot = hashKey(key) % palette.length;
    for (let tries = 0; taken.has(slot) && tries < palette.length; tries += 1) slot = (slot + 1) % palette.length;
    taken.add(slot);
    colors.set(key, palette[slot] ?? OTHER_COLOR);
  }
  return colors;
}

/** `2026-11-23` → `11/23`: the year is the same for every bar of a 30-day chart and only costs width. */
export function shortDay(day: string): string {
  return `${day.slice(5, 7)}/${day.slice(8, 10)}`;
}

/**
 * A trends response as the datasets of a stacked bar chart, in the series' order (largest first), without series
 * that counted nothing. When the API's series `limit` left series out, what they counted (the period's total minus
 * the shown series) becomes one more dataset labelled `otherLabel`, so the bars still add up to the period's total.
 */
export function stackedChart(trends: TrendsResponse, lang: Lang, otherLabel: string): StackedChart {
  // A series with no report in the range only lengthens the legend.
  const shown = trends.series.filter((series) => series.total > 0);
  const colors = assignColors(shown.map((series) => series.key));
  const datasets: StackedDataset[] = shown.map((series) => ({
    key: series.key,
    label: series.label[lang],
    data: [...series.counts],
    color: colors.get(series.key) ?? OTHER_COLOR,
  }));
  const rest = trends.periods.map(
    (_period, index) => (trends.total[index] ?? 0) - sum(trends.series.map((series) => series.counts[index] ?? 0)),
  );
  if (rest.some((count) => count > 0)) {
    datasets.push({
      key: OTHER_KEY,
      label: otherLabel,
      data: rest.map((count) => Math.max(0, count)),
      color: OTHER_COLOR,
    });
  }
  return { labels: trends.periods.map(shortDay), datasets };
}

/** The instant an API hour (`YYYY-MM-DDTHH`, UTC) starts. */
export function hourStart(hour: string): Date {
  return new Date(`${hour}:00:00Z`);
}

const pad2 = (value: number) => String(value).padStart(2, '0');

/** Minutes east of UTC at an instant; the browser's own zone unless a test names another. */
export type ZoneOffset = (instant: Date) => number;
const viewerZone: ZoneOffset = (instant) => -instant.getTimezoneOffset();

/** The instant's wall-clock fields in the zone, read through the UTC getters of a shifted Date. */
function wallClock(instant: Date, zone: ZoneOffset): Date {
  return new Date(instant.getTime() + zone(instant) * 60_000);
}

/**
 * `MM/DD HH:MM` of an API hour in the viewer's time zone: operators read times in their own clock (the minutes are
 * not always :00, e.g. in India).
 */
export function localHour(hour: string, zone: ZoneOffset = viewerZone): string {
  const start = hourStart(hour);
  if (Number.isNaN(start.getTime())) return hour;
  const local = wallClock(start, zone);
  const day = `${pad2(local.getUTCMonth() + 1)}/${pad2(local.getUTCDate())}`;
  return `${day} ${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`;
}

/** `HH:MM:SS` in the viewer's time zone, for "updated at". */
export function clockTime(instant: Date, zone: ZoneOffset = viewerZone): string {
  const local = wallClock(instant, zone);
  return `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}`;
}

/** The viewer's offset from UTC as `UTC+9` / `UTC-3:30`, so the page can say which clock its times use. */
export function utcOffsetName(instant: Date, zone: ZoneOffset = viewerZone): string {
  const minutesEast = zone(instant);
  const sign = minutesEast < 0 ? '-' : '+';
  const hours = Math.floor(Math.abs(minutesEast) / 60);
  const minutes = Math.abs(minutesEast) % 60;
  return `UTC${sign}${hours}${minutes ? `:${pad2(minutes)}` : ''}`;
}

/** The page's language from the browser's preferences: Japanese when the first one is Japanese, else English. */
export function preferredLang(languages: readonly string[]): Lang {
  return languages[0]?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** The operator token from the URL fragment (`#token=…`), which browsers never send to the server. */
export function tokenFromFragment(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token?.trim() ? token.trim() : null;
}
