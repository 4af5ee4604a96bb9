import type { Catalog } from '../catalog/load-catalog';
import { analyzeMessage } from '../core/analyze';
import { composeDetails, composeReply } from '../core/compose-reply';
import { detectLanguage } from '../core/detect-language';
import { redact } from '../core/redact';
import { measuredReply } from '../core/sms-encoding';
import type { ComposedReply, Lang, Verdict } from '../core/types';
import { type Command, parseCommand } from './commands';
import type {
  Channel,
  Clock,
  Incident,
  IncidentSpool,
  IncidentStore,
  Logger,
  ReporterHasher,
  ReporterStore,
  Suppression,
} from './ports';
import { errorFields } from './ports';
import type { ReplyBudget } from './reply-budget';
import { type ReplyLimits, replySuppression } from './reply-policy';
import { senderLabel } from './sender-label';

/** A forwarded message as the edge hands it over, already authenticated and parsed. */
export interface InboundMessage {
  readonly messageSid: string;
  readonly from: string;
  readonly body: string;
  readonly numMedia: number;
}

export interface ReportDependencies {
  readonly catalog: Catalog;
  readonly store: IncidentStore;
  readonly spool: IncidentSpool;
  readonly reporters: ReporterStore;
  readonly hasher: ReporterHasher;
  readonly clock: Clock;
  readonly log: Logger;
  readonly retentionDays: number;
  readonly limits: ReplyLimits;
  /** The service's replies per minute; one per process, since it leases replies in blocks (reply-budget.ts). */
  readonly replyBudget: ReplyBudget;
}

/** What happened to an inbound message; the edge sends `reply` (or nothing, when null) as TwiML. */
export type ReportOutcome =
  | { readonly kind: 'replied' | 'duplicate' | 'not-stored'; readonly reply: ComposedReply; readonly verdict: Verdict }
  | { readonly kind: 'suppressed'; readonly reply: null; readonly verdict: Verdict; readonly reason: Suppression }
  | { readonly kind: 'command'; readonly reply: ComposedReply | null; readonly command: Command | 'paste' };

const WHATSAPP_PREFIX = 'whatsapp:';
/**
 * All store work of one report shares this budget; past it the incident goes to the spool (replayed later) and the
 * person gets the advice: under 2 s even when DynamoDB throttles or is down.
 */
export const STORE_BUDGET_MS = 1_500;
/** Each step gets at least this, so a late step still has a chance on a fast store. */
const MIN_STEP_MS = 100;

/** Resolves with the promise, or rejects once `ms` have passed; the losing write may still land (it is idempotent). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** MORE answers for the last report of this long. */
const LATEST_TTL_SECONDS = 24 * 3600;

function splitAddress(address: string): { channel: Channel; number: string } {
  return address.startsWith(WHATSAPP_PREFIX)
    ? { channel: 'whatsapp', number: address.slice(WHATSAPP_PREFIX.length) }
    : { channel: 'sms', number: address };
}

async function answerCommand(
  command: Command,
  body: string,
  reporter: string,
  deps: ReportDependencies,
): Promise<ReportOutcome> {
  const { phrases } = deps.catalog;
  const lang: Lang = detectLanguage(body);
  const now = deps.clock.now().toISOString();
  switch (command) {
    case 'stop':
      // Twilio confirms the opt-out itself; we only remember it and stay silent from now on.
      await deps.reporters.setOptedOut(reporter, true, now);
      return { kind: 'command', command, reply: null };
    case 'start':
      await deps.reporters.setOptedOut(reporter, false, now);
      return { kind: 'command', command, reply: measuredReply(phrases.optedIn[lang]) };
    case 'help':
      return { kind: 'command', command, reply: measuredReply(phrases.help[lang]) };
    case 'more': {
      const { optedOut, latest } = await deps.reporters.state(reporter);
      if (optedOut) return { kind: 'command', command, reply: null };
      if (latest === null) return { kind: 'command', command, reply: measuredReply(phrases.noRecentReport[lang]) };
      // "1" says nothing of the language: answer in the language of the report it follows up.
      const replyLang = /^\d$/.test(body.trim()) ? latest.lang : lang;
      const verdict: Verdict = { ...latest, lang: replyLang, risk: 'high', evidence: [] };
      return { kind: 'command', command, reply: composeDetails(verdict, deps.catalog) };
    }
  }
}

/**
 * One inbound message: a command (STOP, START, HELP, MORE), an empty text or picture (asked to paste the text), or
 * a forwarded text, which is understood, recorded as a private incident (counted soon after, in a batch), and
 * answered unless a guard (opt-out, country, the reporter's hourly limit, the global budget) holds the reply
 * back.
 */
export async function handleReport(message: InboundMessage, deps: ReportDependencies): Promise<ReportOutcome> {
  const { channel, number } = splitAddress(message.from);
  const reporter = deps.hasher.hash(number);
  const command = parseCommand(message.body, deps.catalog);
  if (command !== null) return answerCommand(command, message.body, reporter, deps);
  if (message.body.trim() === '') {
    // An empty text or a picture says nothing of the language: ask in both.
    const { pasteText } = deps.catalog.phrases;
    return { kind: 'command', command: 'paste', reply: measuredReply(`${pasteText.ja}\n${pasteText.en}`) };
  }

  const { normalized, features, verdict, sender } = analyzeMessage(message.body, deps.catalog);
  const reply = composeReply(verdict, deps.catalog);
  const now = deps.clock.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  // Timing uses the monotonic clock, not the injected one: it bounds real waiting, not the recorded time.
  const deadline = performance.now() + STORE_BUDGET_MS;
  const remaining = () => Math.max(MIN_STEP_MS, deadline - performance.now());
  const incident: Incident = {
    messageSid: message.messageSid,
    reporter,
    channel,
    category: verdict.category,
    risk: verdict.risk,
    brand: verdict.brand,
    domains: [...new Set(features.links.map((link) => link.registrableDomain))],
    sender: senderLabel(sender, deps.hasher),
    lang: verdict.lang,
    evidence: verdict.evidence.map((item) => item.code),
    maskedText: redact(normalized, verdict.lang, features.phoneNumbers),
    receivedAt: now.toISOString(),
    expiresAt: nowSeconds + deps.retentionDays * 86_400,
  };
  const { messageSid, category, brand, lang, receivedAt } = incident;
  // The incident and the reporter's state are different items: both writes at once, so the person waits for one
  // round trip, not two. (A retried webhook so also counts once more in its reporter's hourly window, which errs
  // on the side of fewer replies; Twilio retries only when the connection failed.)
  const remembered = within(
    deps.reporters.rememberLatest(
      reporter,
      { messageSid, category, brand, lang, receivedAt },
      nowSeconds + LATEST_TTL_SECONDS,
      receivedAt.slice(0, 13),
    ),
    remaining(),
  );
  // Awaited below unless the incident write fails first; its failure is handled there.
  remembered.catch(() => undefined);
  let stored: Awaited<ReturnType<IncidentStore['record']>>;
  try {
    stored = await within(deps.store.record(incident), remaining());
  } catch (error) {
    // Nothing is lost: the incident goes to the spool, and the replay writes it later (exactly once, since a write
    // that landed after all makes the replayed one a duplicate) and counting follows. The person gets the advice.
    deps.log.error('incident_write_failed', { category: verdict.category, ...errorFields(error) });
    try {
      await deps.spool.keep(incident);
    } catch (spoolError) {
      deps.log.error('incident_spool_failed', { category: verdict.category, ...errorFields(spoolError) });
    }
    return { kind: 'not-stored', reply, verdict };
  }
  // A retry of the same MessageSid was recorded and guarded by the first delivery: answer it the same way.
  if (stored === 'duplicate') return { kind: 'duplicate', reply, verdict };
  // The incident is recorded as uncounted; counting runs in batches away from the webhook (lib/app/counting.ts),
  // so a wave costs one counter increment per batch instead of a dozen writes per report.
  try {
    const { optedOut, reportsThisHour } = await remembered;
    const reason = await within(
      replySuppression({ number, messageSid, now, optedOut, reportsThisHour }, deps.limits, deps.replyBudget),
      remaining(),
    );
    if (reason === null) return { kind: 'replied', reply, verdict };
    await within(deps.reporters.countSuppression(reason, receivedAt, messageSid), remaining());
    return { kind: 'suppressed', reply: null, verdict, reason };
  } catch (error) {
    // The guards' store is down: answering is the safer failure for the person; the incident is already kept.
    deps.log.warn('reply_guard_unavailable', { category: verdict.category, ...errorFields(error) });
    return { kind: 'replied', reply, verdict };
  }
}
