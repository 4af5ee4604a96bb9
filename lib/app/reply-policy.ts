import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { fnv1a } from '../core/threat-model';
import type { ReporterStore, Suppression } from './ports';

export interface ReplyLimits {
  /** Replies per reporter per hour; beyond it the report is still recorded and counted, but not answered. */
  readonly reportsPerHour: number;
  /** Replies per minute for the whole service: a cost ceiling against SMS pumping. */
  readonly repliesPerMinute: number;
  /** ISO countries whose numbers get replies; premium-rate pumping lives elsewhere. */
  readonly replyCountries: ReadonlySet<string>;
}

/** The global budget is spread over shard items, like the counters, so a wave does not heat one key. */
const BUDGET_SHARDS = 10;

/** The country of an E.164 number, or null when it is not one. */
function countryOf(number: string): string | null {
  return parsePhoneNumberFromString(number)?.country ?? null;
}

/**
 * Whether a report may be answered, cheapest check first: opt-out, country, the reporter's hourly window (counted
 * when the report was remembered), the service's per-minute budget. Returns the suppression reason, or null to
 * reply.
 */
export async function replySuppression(
  input: { number: string; messageSid: string; now: Date; optedOut: boolean; reportsThisHour: number },
  limits: ReplyLimits,
  store: ReporterStore,
): Promise<Suppression | null> {
  if (input.optedOut) return 'opted_out';
  const country = countryOf(input.number);
  if (country === null || !limits.replyCountries.has(country)) return 'country_not_allowed';
  if (input.reportsThisHour > limits.reportsPerHour) return 'reporter_rate';
  const seconds = Math.floor(input.now.getTime() / 1000);
  const minute = input.now.toISOString().slice(0, 16);
  const shard = fnv1a(input.messageSid) % BUDGET_SHARDS;
  const budgetCount = await store.bump(`BUDGET#${minute}#${shard}`, seconds + 600);
  if (budgetCount > Math.ceil(limits.repliesPerMinute / BUDGET_SHARDS)) return 'global_budget';
  return null;
}
