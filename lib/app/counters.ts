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

/**
 * The shard an incident's increments go to. Fixed by the MessageSid, so a replay after a crash hits the same
 * shard item and finds its own mark there.
 */
export function shardOf(messageSid: string): number {
  return fnv1a(messageSid) % COUNTER_SHARDS;
}
