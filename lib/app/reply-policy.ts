import { parsePhoneNumber } from '../core/phone-numbers';
import type { Suppression } from './ports';
import type { ReplyBudget } from './reply-budget';

export interface ReplyLimits {
  /** Replies per reporter per hour; beyond it the report is still recorded and counted, but not answered. */
  readonly reportsPerHour: number;
  /** ISO countries whose numbers get replies; premium-rate pumping lives elsewhere. */
  readonly replyCountries: ReadonlySet<string>;
}

/** The country of an E.164 number, or null when it is not one. */
function countryOf(number: string): string | null {
  return parsePhoneNumber(number)?.country ?? null;
}

/**
 * Whether a report may be answered, cheapest check first: opt-out, country, the reporter's hourly window (counted
 * when the report was remembered), the service's per-minute budget (a cost ceiling against SMS pumping). Returns
 * the suppression reason, or null to reply.
 */
export async function replySuppression(
  input: { number: string; messageSid: string; now: Date; optedOut: boolean; reportsThisHour: number },
  limits: ReplyLimits,
  budget: ReplyBudget,
): Promise<Suppression | null> {
  if (input.optedOut) return 'opted_out';
  const country = countryOf(input.number);
  if (country === null || !limits.replyCountries.has(country)) return 'country_not_allowed';
  if (input.reportsThisHour > limits.reportsPerHour) return 'reporter_rate';
  if (!(await budget.take(input.now, input.messageSid))) return 'global_budget';
  return null;
}
