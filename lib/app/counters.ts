import { fnv1a } from '../core/threat-model';
import type { Incident } from './ports';

/** How many shard items each counter is spread over; see docs/data-model.md for the arithmetic. */
export const COUNTER_SHARDS = 10;

export type Granularity = 'hour' | 'day';
export type CounterDimension = 'total' | 'category' | 'brand' | 'domain' | 'suppressed';

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

/** Every counter one incident adds to: the total, its category, brand and each link domain, by hour and by day. */
export function counterKeys(incident: Incident): CounterKey[] {
  const values: [CounterDimension, string][] = [
    ['total', 'all'],
    ['category', incident.category],
    ...(incident.brand === null ? [] : [['brand', incident.brand] as [CounterDimension, string]]),
    ...incident.domains.map((domain) => ['domain', domain] as [CounterDimension, string]),
  ];
  return (['hour', 'day'] as const).flatMap((granularity) =>
    values.map(([dimension, value]) => ({
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
