import { fnv1a } from '../core/threat-model';
import type { Incident } from './ports';

/** How many shard items each counter is spread over; see docs/data-model.md for the arithmetic. */
export const COUNTER_SHARDS = 10;

export type Granularity = 'hour' | 'day';
export const COUNTER_DIMENSIONS = [
  'total',
  'category',
  'brand',
  'brand_category',
  'domain',
  'sender',
  'suppressed',
] as const;
export type CounterDimension = (typeof COUNTER_DIMENSIONS)[number];

/** A brand × category counter's value: both ids, which contain no "|". */
export function brandCategoryValue(brand: string, category: string): string {
  return `${brand}|${category}`;
}

export interface CounterKey {
  readonly granularity: Granularity;
  /** "2026-11-23T10" for an hour, "2026-11-23" for a day (UTC). */
  readonly period: string;
  readonly dimension: CounterDimension;
  readonly value: string;
}

export function periodOf(isoTime: string, granularity: Granularity): string {
  return granularity === 'hour' ? isoTime.slice(0, 13) : isoTime.slice(0, 10);
}

/**
 * What one incident is counted under: the total, its category, its brand, brand × category (trends of one brand's
 * scams, spikes per pair), each link domain and the scam's sender when the forward names it.
 */
export interface CounterTarget {
  readonly dimension: CounterDimension;
  readonly value: string;
}

export function counterTargets(incident: Incident): CounterTarget[] {
  return [
    { dimension: 'total', value: 'all' },
    { dimension: 'category', value: incident.category },
    ...(incident.brand === null
      ? []
      : [
          { dimension: 'brand' as const, value: incident.brand },
          { dimension: 'brand_category' as const, value: brandCategoryValue(incident.brand, incident.category) },
        ]),
    ...incident.domains.map((domain) => ({ dimension: 'domain' as const, value: domain })),
    ...(incident.sender === null ? [] : [{ dimension: 'sender' as const, value: incident.sender }]),
  ];
}

/**
 * Every counter one incident adds to, by hour and by day. (Stored, one item per day carries both: the day's count
 * and one attribute per hour, so each incident updates each target once.)
 */
export function counterKeys(incident: Incident): CounterKey[] {
  return (['hour', 'day'] as const).flatMap((granularity) =>
    counterTargets(incident).map(({ dimension, value }) => ({
      granularity,
      period: periodOf(incident.receivedAt, granularity),
      dimension,
      value,
    })),
  );
}

/** One counter item's share of a counting batch: how many of the batch's incidents it counts, by hour. */
export interface CounterContribution {
  readonly day: string;
  readonly target: CounterTarget;
  /** Incidents per hour of the day ("00" to "23"); the day's count is their sum. */
  readonly hours: Readonly<Record<string, number>>;
}

/**
 * What a batch of incidents adds to the counters, one entry per counter item (day and target): a wave of
 * reports of one brand becomes one increment per batch, not one per report.
 */
export function batchContributions(incidents: readonly Incident[]): CounterContribution[] {
  const byItem = new Map<string, { day: string; target: CounterTarget; hours: Record<string, number> }>();
  for (const incident of incidents) {
    const day = periodOf(incident.receivedAt, 'day');
    const hour = incident.receivedAt.slice(11, 13);
    for (const target of counterTargets(incident)) {
      const id = `${day}\u0000${target.dimension}\u0000${target.value}`;
      const entry = byItem.get(id) ?? { day, target, hours: {} };
      entry.hours[hour] = (entry.hours[hour] ?? 0) + 1;
      byItem.set(id, entry);
    }
  }
  return [...byItem.values()];
}

/**
 * The shard a key's increments go to: a counting batch's (by its id, so finishing an interrupted batch hits the
 * same shard items and finds its own mark there), a suppression's or an index entry's (by MessageSid).
 */
export function shardOf(messageSid: string): number {
  return fnv1a(messageSid) % COUNTER_SHARDS;
}
