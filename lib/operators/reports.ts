import { getPublicSuffix } from 'tldts';
import { brandCategoryValue, type CounterDimension } from '../app/counters';
import type { Catalog } from '../catalog/load-catalog';
import type { Category, Localized } from '../core/types';
import type { Granularity, TopDimension, TopWindow, TrendDimension } from './operator-api-schemas';
import { addDays, addHours, daysBetween, hourOf, hoursEndingAt, hoursOfDays } from './periods';
import type { Alert, CounterReader, CounterRow } from './ports';

export interface TrendQuery {
  readonly from: string;
  readonly to: string;
  readonly granularity: Granularity;
  readonly by: TrendDimension | null;
  readonly category: Category | null;
  readonly brand: string | null;
  readonly limit: number;
}

export interface Series {
  readonly key: string;
  readonly label: Localized;
  readonly counts: number[];
  readonly total: number;
}

export interface TrendReport {
  readonly from: string;
  readonly to: string;
  readonly granularity: Granularity;
  readonly by: TrendDimension | null;
  readonly filters: { readonly category: Category | null; readonly brand: string | null };
  readonly periods: string[];
  readonly series: Series[];
  readonly total: number[];
}

export interface TopItem {
  readonly key: string;
  readonly label: Localized;
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly official: boolean;
}

export interface TopReport {
  readonly dim: TopDimension;
  readonly window: TopWindow;
  readonly from: string;
  readonly to: string;
  readonly items: TopItem[];
}

export interface AlertView extends Alert {
  readonly id: string;
  readonly brand: string | null;
  readonly category: string | null;
  readonly domain: string | null;
  readonly active: boolean;
  readonly label: Localized;
}

/** A trend query that cannot be answered from the counters kept (e.g. domains of one brand). */
export class UnsupportedTrendQuery extends Error {}

const WINDOW_HOURS: Readonly<Record<TopWindow, number>> = { '24h': 24, '7d': 168, '30d': 720 };
const same = (text: string): Localized => ({ en: text, ja: text });

/** How operators read a counter value: brand and category names from the catalog, anything else as it is. */
export function labelOf(dimension: CounterDimension | 'tld', value: string, catalog: Catalog): Localized {
  switch (dimension) {
    case 'category':
      return catalog.categoryNames[value as Category] ?? same(value);
    case 'brand':
      return catalog.brands.get(value)?.name ?? same(value);
    case 'brand_category': {
      const [brand = '', category = ''] = value.split('|');
      const b = labelOf('brand', brand, catalog);
      const c = labelOf('category', category, catalog);
      return { en: `${b.en} · ${c.en}`, ja: `${b.ja}・${c.ja}` };
    }
    default:
      return same(value);
  }
}

/**
 * Which counter answers a trend query, which of its values belong, and the series key each stands for. Filters on
 * brand or category read the brand × category counters; domains and senders are kept for themselves only.
 */
function trendSource(query: TrendQuery): {
  dimension: CounterDimension;
  keep: (value: string) => boolean;
  keyOf: (value: string) => string;
} {
  const { by, brand, category } = query;
  const whole = (value: string) => value;
  if ((by === 'domain' || by === 'sender') && (brand !== null || category !== null)) {
    throw new UnsupportedTrendQuery(`by=${by} cannot be combined with brand or category`);
  }
  if (by === 'domain' || by === 'sender') return { dimension: by, keep: () => true, keyOf: whole };
  if (brand !== null && category !== null) {
    const pair = brandCategoryValue(brand, category);
    const keyOf = () => (by === 'brand' ? brand : by === 'category' ? category : 'all');
    return { dimension: 'brand_category', keep: (value) => value === pair, keyOf };
  }
  if (by === null) {
    if (brand !== null) return { dimension: 'brand', keep: (value) => value === brand, keyOf: () => 'all' };
    if (category !== null) return { dimension: 'category', keep: (value) => value === category, keyOf: () => 'all' };
    return { dimension: 'total', keep: () => true, keyOf: () => 'all' };
  }
  if (by === 'category' && brand !== null) {
    return {
      dimension: 'brand_category',
      keep: (value) => value.startsWith(`${brand}|`),
      keyOf: (value) => value.slice(brand.length + 1),
    };
  }
  if (by === 'brand' && category !== null) {
    return {
      dimension: 'brand_category',
      keep: (value) => value.endsWith(`|${category}`),
      keyOf: (value) => value.slice(0, -(category.length + 1)),
    };
  }
  const only = by === 'category' ? category : brand;
  return { dimension: by, keep: (value) => only === null || value === only, keyOf: whole };
}

/** Time series of one dimension from the day counters: one Query per shard, whatever the number of values. */
export async function trendReport(query: TrendQuery, reader: CounterReader, catalog: Catalog): Promise<TrendReport> {
  const source = trendSource(query);
  const periods = query.granularity === 'day' ? daysBetween(query.from, query.to) : hoursOfDays(query.from, query.to);
  const slot = new Map(periods.map((period, index) => [period, index]));
  const rows = await reader.dayCounters(source.dimension, query.from, query.to);
  const byKey = new Map<string, number[]>();
  for (const row of rows) {
    if (!source.keep(row.value)) continue;
    const key = source.keyOf(row.value);
    const counts = byKey.get(key) ?? new Array<number>(periods.length).fill(0);
    addRow(counts, row, query.granularity, slot);
    byKey.set(key, counts);
  }
  const seriesDimension = query.by ?? 'total';
  const all = [...byKey.entries()].map(([key, counts]) => ({
    key,
    label: key === 'all' ? { en: 'All reports', ja: 'すべての通報' } : labelOf(seriesDimension, key, catalog),
    counts,
    total: counts.reduce((sum, count) => sum + count, 0),
  }));
  const total = periods.map((_, index) => all.reduce((sum, series) => sum + (series.counts[index] ?? 0), 0));
  return {
    from: query.from,
    to: query.to,
    granularity: query.granularity,
    by: query.by,
    filters: { category: query.category, brand: query.brand },
    periods,
    series: all.sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)).slice(0, query.limit),
    total,
  };
}

function addRow(counts: number[], row: CounterRow, granularity: Granularity, slot: Map<string, number>): void {
  if (granularity === 'day') {
    const index = slot.get(row.day);
    if (index !== undefined) counts[index] = (counts[index] ?? 0) + row.count;
    return;
  }
  row.hours.forEach((count, hour) => {
    const index = slot.get(`${row.day}T${String(hour).padStart(2, '0')}`);
    if (index !== undefined) counts[index] = (counts[index] ?? 0) + count;
  });
}

/** The biggest values of a dimension over the last whole hours up to now, with the first and last hour seen. */
export async function topReport(
  dim: TopDimension,
  window: TopWindow,
  limit: number,
  now: Date,
  reader: CounterReader,
  catalog: Catalog,
): Promise<TopReport> {
  const hours = hoursEndingAt(hourOf(now), WINDOW_HOURS[window]);
  const from = hours[0] ?? hourOf(now);
  const to = hours.at(-1) ?? hourOf(now);
  const inWindow = new Set(hours);
  const rows = await reader.dayCounters(dim === 'tld' ? 'domain' : dim, from.slice(0, 10), to.slice(0, 10));
  const tally = new Map<string, { count: number; firstSeen: string; lastSeen: string }>();
  for (const row of rows) {
    const key = dim === 'tld' ? (getPublicSuffix(row.value) ?? row.value) : row.value;
    row.hours.forEach((count, hourIndex) => {
      const hour = `${row.day}T${String(hourIndex).padStart(2, '0')}`;
      if (count === 0 || !inWindow.has(hour)) return;
      const entry = tally.get(key) ?? { count: 0, firstSeen: hour, lastSeen: hour };
      entry.count += count;
      if (hour < entry.firstSeen) entry.firstSeen = hour;
      if (hour > entry.lastSeen) entry.lastSeen = hour;
      tally.set(key, entry);
    });
  }
  const items = [...tally.entries()]
    .map(([key, entry]) => ({
      key,
      label: labelOf(dim === 'tld' ? 'tld' : dim, key, catalog),
      ...entry,
      official: dim === 'domain' && catalog.domainOwners.has(key),
    }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, limit);
  return { dim, window, from, to, items };
}

/** Reported registrable domains of the last `days` days that no brand in the registry owns, sorted. */
export async function domainFeed(days: number, now: Date, reader: CounterReader, catalog: Catalog): Promise<string[]> {
  const to = now.toISOString().slice(0, 10);
  const rows = await reader.dayCounters('domain', addDays(to, -(days - 1)), to);
  return [...new Set(rows.filter((row) => row.count > 0).map((row) => row.value))]
    .filter((domain) => !catalog.domainOwners.has(domain))
    .sort();
}

/** Alerts as operators read them: what the key names, and whether the spike is still going on. */
export function alertView(alert: Alert, now: Date, catalog: Catalog): AlertView {
  const [brand = null, category = null] = alert.kind === 'brand_category' ? alert.key.split('|') : [];
  const current = hourOf(now);
  return {
    ...alert,
    id: `${alert.hour}#${alert.kind}#${alert.key}`,
    brand,
    category,
    domain: alert.kind === 'domain' ? alert.key : null,
    active: alert.hour >= addHours(current, -1),
    label: labelOf(alert.kind, alert.key, catalog),
  };
}
