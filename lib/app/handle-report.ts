import type { Catalog } from '../catalog/load-catalog';
import { analyzeMessage } from '../core/analyze';
import { composeReply } from '../core/compose-reply';
import { redact } from '../core/redact';
import type { ComposedReply, Verdict } from '../core/types';
import type { Channel, Clock, Incident, IncidentStore, Logger, ReporterHasher } from './ports';

/** A forwarded message as the edge hands it over, already authenticated and parsed. */
export interface InboundMessage {
  readonly messageSid: string;
  readonly from: string;
  readonly body: string;
}

export interface ReportDependencies {
  readonly catalog: Catalog;
  readonly store: IncidentStore;
  readonly hasher: ReporterHasher;
  readonly clock: Clock;
  readonly log: Logger;
  readonly retentionDays: number;
}

/** What happened to a report; the edge turns each kind into a response. */
export type ReportOutcome =
  | { readonly kind: 'replied'; readonly reply: ComposedReply; readonly verdict: Verdict }
  | { readonly kind: 'duplicate'; readonly reply: ComposedReply; readonly verdict: Verdict }
  | { readonly kind: 'not-stored'; readonly reply: ComposedReply; readonly verdict: Verdict };

const WHATSAPP_PREFIX = 'whatsapp:';

function splitAddress(address: string): { channel: Channel; number: string } {
  return address.startsWith(WHATSAPP_PREFIX)
    ? { channel: 'whatsapp', number: address.slice(WHATSAPP_PREFIX.length) }
    : { channel: 'sms', number: address };
}

/** Understands a forwarded text, records it as a private incident, and returns the advice to send back. */
export async function handleReport(message: InboundMessage, deps: ReportDependencies): Promise<ReportOutcome> {
  const { normalized, features, verdict } = analyzeMessage(message.body, deps.catalog);
  const reply = composeReply(verdict, deps.catalog);
  const { channel, number } = splitAddress(message.from);
  const now = deps.clock.now();
  const incident: Incident = {
    messageSid: message.messageSid,
    reporter: deps.hasher.hash(number),
    channel,
    category: verdict.category,
    risk: verdict.risk,
    brand: verdict.brand,
    domains: [...new Set(features.links.map((link) => link.registrableDomain))],
    lang: verdict.lang,
    evidence: verdict.evidence.map((item) => item.code),
    maskedText: redact(normalized, verdict.lang),
    receivedAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + deps.retentionDays * 86_400,
  };
  let stored: Awaited<ReturnType<IncidentStore['record']>>;
  try {
    stored = await deps.store.record(incident);
  } catch (error) {
    // The person still gets the advice; keeping the incident for a later write is the store's fault path (spool).
    deps.log.error('incident_write_failed', {
      category: verdict.category,
      errorName: error instanceof Error ? error.name : 'unknown',
      errorMessage: error instanceof Error ? error.message : String(error),
    });
    return { kind: 'not-stored', reply, verdict };
  }
  // A retry of the same MessageSid was counted (or left uncounted) by the first delivery: never count it twice.
  if (stored === 'duplicate') return { kind: 'duplicate', reply, verdict };
  try {
    await deps.store.count(incident);
  } catch (error) {
    // The incident is safe and marked uncounted; the replay (npm run replay, the scheduled function) counts it.
    deps.log.warn('incident_count_deferred', {
      category: verdict.category,
      errorName: error instanceof Error ? error.name : 'unknown',
      errorMessage: error instanceof Error ? error.message : String(error),
    });
  }
  return { kind: 'replied', reply, verdict };
}
