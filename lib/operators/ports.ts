import type { CounterDimension } from '../app/counters';
import type { Incident } from '../app/ports';
import type { Category } from '../core/types';

/** One value's count on one day, summed over its shards: the day's total and each hour's (index = UTC hour). */
export interface CounterRow {
  readonly day: string;
  readonly value: string;
  readonly count: number;
  readonly hours: readonly number[];
}

/** The read side of the counters: every value of one dimension over a range of days. */
export interface CounterReader {
  dayCounters(dimension: CounterDimension, fromDay: string, toDay: string): Promise<CounterRow[]>;
}

export interface IncidentPageQuery {
  readonly fromDay: string;
  readonly toDay: string;
  readonly category: Category | null;
  readonly brand: string | null;
  readonly limit: number;
  /** Only incidents ordered before this position (`receivedAt#messageSid`): where the previous page stopped. */
  readonly before: string | null;
}

export interface IncidentPage {
  readonly items: readonly Incident[];
  /** The position to continue from, or null on the last page. */
  readonly next: string | null;
}

export interface IncidentReader {
  recentIncidents(query: IncidentPageQuery): Promise<IncidentPage>;
}

export type AlertKind = 'brand_category' | 'domain';

/** A spike found for one key in one hour; stored once, published once. */
export interface Alert {
  readonly kind: AlertKind;
  /** `brand|category` or the domain. */
  readonly key: string;
  /** `YYYY-MM-DDTHH` (UTC). */
  readonly hour: string;
  readonly count: number;
  readonly baseline: number;
  readonly pValue: number;
}

export interface AlertStore {
  /** Keeps the alert; false when this hour's alert for the key was kept already. */
  keep(alert: Alert): Promise<boolean>;
  /** Alerts of these days (`YYYY-MM-DD`), newest first. */
  recent(days: readonly string[]): Promise<Alert[]>;
}

/** Where new alerts go: SNS in AWS, the terminal of `npm start` locally. */
export interface AlertPublisher {
  publish(alerts: readonly Alert[]): Promise<void>;
}
