import type { Category, Lang, Risk } from '../core/types';
import type { CountingBatch } from './counting';

/** Where the message came in: plain SMS or WhatsApp through Twilio. */
export type Channel = 'sms' | 'whatsapp';

/** What is kept of one report: nothing that identifies the reporter or carries their codes. */
export interface Incident {
  readonly messageSid: string;
  /** Keyed hash of the reporter's number; the number itself is never stored. */
  readonly reporter: string;
  readonly channel: Channel;
  readonly category: Category;
  readonly risk: Risk;
  readonly brand: string | null;
  readonly domains: readonly string[];
  /** The scam's sender as the forward names it: a sender id, a short code, or a phone number as a keyed hash. */
  readonly sender: string | null;
  readonly lang: Lang;
  readonly evidence: readonly string[];
  /** The forwarded text with codes, phone numbers and e-mail addresses masked. */
  readonly maskedText: string;
  readonly receivedAt: string;
  /** Epoch seconds after which DynamoDB's TTL deletes the item. */
  readonly expiresAt: number;
}

export type RecordOutcome = 'recorded' | 'duplicate';

export interface IncidentStore {
  /**
   * Writes the incident once per MessageSid, marked as not yet counted; a second write of the same sid reports
   * 'duplicate' and changes nothing.
   */
  record(incident: Incident): Promise<RecordOutcome>;
  /**
   * Up to `limit` incidents recorded and not yet counted, oldest first, each confirmed by a strongly consistent read
   * (an index may still list one that was just counted).
   */
  uncounted(limit: number): Promise<Incident[]>;
  /** Whether any incident waits to be counted, as the index says (a cheap look; uncounted() confirms). */
  anyUncounted(): Promise<boolean>;
  /**
   * Takes (or renews) the one counting turn for `holder` until `until` (ISO time); false while another holder's
   * turn lasts. Only the holder begins and finishes batches, so no incident is ever in two.
   */
  claimCountingTurn(holder: string, now: string, until: string): Promise<boolean>;
  releaseCountingTurn(holder: string): Promise<void>;
  /** Batches that were begun and not finished (their counter died or lost its turn), oldest first. */
  unfinishedBatches(): Promise<CountingBatch[]>;
  /** Writes the batch down (members and contributions) before any counter moves. */
  beginBatch(batch: CountingBatch): Promise<void>;
  /**
   * Adds each contribution to its counter exactly once (a repeat finds its own mark and skips), marks the members
   * counted, clears the marks and forgets the batch. Safe to repeat after any interruption, and a no-op for a
   * batch that is finished already. `incidents`: the members, when the caller has them (a batch it has just begun
   * from uncounted()); otherwise they are read back.
   */
  finishBatch(batch: CountingBatch, incidents?: readonly Incident[]): Promise<void>;
}

/** The reporter's last report, kept 24 hours so that MORE can answer with its detailed steps. */
export interface LatestReport {
  readonly messageSid: string;
  readonly category: Category;
  readonly brand: string | null;
  readonly lang: Lang;
  readonly receivedAt: string;
}

/** Why a reply was not sent; each is counted. */
export type Suppression = 'opted_out' | 'country_not_allowed' | 'reporter_rate' | 'global_budget';

/** What is kept per reporter (by keyed hash) and the rate windows of the abuse guards. */
export interface ReporterStore {
  setOptedOut(reporter: string, optedOut: boolean, at: string): Promise<void>;
  /**
   * Remembers the last report (until `expiresAt`), counts it in the reporter's window for `hour` and says whether
   * the reporter opted out: one round trip for the reporter's first report of an hour, two for the next ones.
   */
  rememberLatest(
    reporter: string,
    latest: LatestReport,
    expiresAt: number,
    hour: string,
  ): Promise<{ optedOut: boolean; reportsThisHour: number }>;
  /** Opt-out and the last report of the past 24 hours, if any. */
  state(reporter: string): Promise<{ optedOut: boolean; latest: LatestReport | null }>;
  /** Adds `by` to a rate window and returns its new value; the window item expires at `expiresAt`. */
  bump(window: string, expiresAt: number, by: number): Promise<number>;
  countSuppression(reason: Suppression, at: string, messageSid: string): Promise<void>;
}

/** A durable place for incidents the store could not take now (a file locally, a queue in AWS), replayed later. */
export interface IncidentSpool {
  keep(incident: Incident): Promise<void>;
  /** Hands each kept incident to `write`; those it accepts leave the spool, the others stay for the next run. */
  drain(write: (incident: Incident) => Promise<void>): Promise<{ written: number; left: number }>;
}

export interface ReporterHasher {
  hash(phoneNumber: string): string;
}

export interface Clock {
  now(): Date;
}

/** Structured log: an event name plus allow-listed fields, never message bodies or numbers. */
export interface LogFields {
  readonly requestId?: string;
  readonly status?: number;
  readonly category?: Category;
  readonly outcome?: string;
  readonly reason?: string;
  readonly errorName?: string;
  readonly errorMessage?: string;
  readonly durationMs?: number;
}

/** The loggable part of a thrown value: its name and message, never its data. */
export function errorFields(error: unknown): Pick<LogFields, 'errorName' | 'errorMessage'> {
  return {
    errorName: error instanceof Error ? error.name : 'unknown',
    errorMessage: error instanceof Error ? error.message : String(error),
  };
}

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}
