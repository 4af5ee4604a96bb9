import { domainToUnicode } from 'node:url';
import { parse as parseHost } from 'tldts';
import type { Catalog } from '../catalog/load-catalog';
import { type CountryCode, phoneNumberMatcher } from './phone-numbers';
import { type PhraseMatcher, phraseMatcher } from './phrase-matcher';
import type { BrandMention, Features, Lang, Link, PhoneNumber } from './types';

// A run of characters that can belong to a link: everything but spaces, Japanese script, quotes and brackets.
// One character class, so matching is linear in the text's length.
export const LINK_CANDIDATE = /[^\s\u3000-\u303F\u3040-\u30FF\u4E00-\u9FFF\uFF01-\uFF5E"'<>()[\]{}]+/g;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const CAN_BE_LINK = /[.@:]/;
/** A web link glued to a word before it: "Click:http://…", "here>https://…". */
const INNER_SCHEME = /https?:\/\//i;
const EDGE_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', '*']);

/** The candidate without leading and trailing sentence punctuation. A loop: a "[.]+$" pattern is quadratic on dots. */
function trimPunctuation(candidate: string): string {
  let start = 0;
  let end = candidate.length;
  while (start < end && EDGE_PUNCTUATION.has(candidate.charAt(start))) start++;
  while (end > start && EDGE_PUNCTUATION.has(candidate.charAt(end - 1))) end--;
  return candidate.slice(start, end);
}
const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
const LOCAL_PART_CHAR = /[\w.+-]/;
// A code: 4–8 digits standing alone, optionally with a short letter prefix (G-123456) or split 3+3 (123 456). Not a
// date, a time, an amount or a quantity: digits joined to others by "/", "." or "," (or followed by ":" and digits),
// after a currency sign, or before a counter word ("2026/11/20", "3,280円", "$1250.00", "¥5400", "2026年").
const CODE =
  /(?<![\w\-/.,¥$£€])(?:[A-Z]{1,3}-)?(\d{4,8})(?![\w\-/]|[.:,]\d|[年月日円件個回時分秒%])|(?<![\d\-/.,¥$£€])(\d{3})[ -](\d{3})(?![\d\-/]|[.:,]\d|[年月日円件個回時分秒%])/g;
// The last digits of a card or account ("card ending 4410", "末尾1234", "****1234") are not a code, nor is a short
// number to call ("call the helpline at 1799"), nor the year after a month ("Feb 2026").
const CARD_SUFFIX_BEFORE =
  /(?:ending(?: in| with)?|ends in|末尾|下[4４]桁(?:は|が)?|[*xX•]{2,}|\b(?:call|dial|helpline|hotline)(?: us)?(?: at| on)?|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)[^\S\n]*[:：]?[^\S\n]*$/i;
// A code the person blanked out before forwarding, or a warning page quoting one ("確認コード○○○○○○",
// "your code is XXXXXX"): 4–8 of one placeholder mark. Lower-case "xxxx" is left alone: in a chat it is kisses.
const MASKED_CODE = /(?<![\w○●◯◎*#])(?:(○|●|◯|◎|\*|#|X)\1{3,7})(?![\w○●◯◎*#])/g;

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface LinkScan {
  readonly links: Link[];
  readonly emails: string[];
  /** Where links and e-mail addresses stand, so that their digits are not taken for codes. */
  readonly spans: Span[];
}

// "Amazon.Ne le partagez pas", "the link.It expires": a capital after the full stop starts a sentence, not a label.
const SENTENCE_JOIN = /\.[A-Z][a-z]+$/;

/** Whether a name written without a scheme reads as a link rather than two words joined by a full stop. */
function isBareLink(candidate: string, publicSuffix: string, suffixes: BareSuffixes): boolean {
  if (!candidate.includes('/') && SENTENCE_JOIN.test(candidate)) return false;
  return (
    candidate.includes('/') ||
    /^www\./i.test(candidate) ||
    publicSuffix.includes('.') ||
    (publicSuffix.length === 2 && !suffixes.wordLike.has(publicSuffix)) ||
    suffixes.sites.has(publicSuffix)
  );
}

/**
 * "BESTBUY.COM", "AMAZON.CO.JP": one word in capitals under a common suffix, with no scheme or path, is how card
 * statements and fraud alerts name the merchant, not a place to go; phishing links are written in lower case, to be
 * tapped, and a capitalised look-alike ("AMAZON-HELP.CO.JP", "USPS.TOP") is still read as a link.
 */
const MERCHANT_DESCRIPTOR = /^(?!WWW\.)[A-Z0-9]*[A-Z][A-Z0-9]*\.(?:COM|NET|CA|CO\.[A-Z]{2}|COM\.[A-Z]{2})$/;

function toLink(candidate: string, bareSuffixes: BareSuffixes): Link | null {
  const hasScheme = SCHEME.test(candidate);
  if (!hasScheme && !candidate.includes('.')) return null;
  if (!hasScheme && MERCHANT_DESCRIPTOR.test(candidate)) return null;
  const parsed = parseHost(candidate);
  if (!parsed.hostname) return null;
  if (parsed.isIp) {
    if (!hasScheme && !candidate.includes('/')) return null;
    return {
      raw: candidate,
      host: parsed.hostname,
      registrableDomain: parsed.hostname,
      publicSuffix: null,
      isIp: true,
    };
  }
  // "nhs.uk/flu": an organisation that owns a whole public suffix has no registrable domain, only its name.
  const ownsSuffix = parsed.domain === null && bareSuffixes.ownedSuffixes.has(parsed.hostname.toLowerCase());
  if (!hasScheme && !ownsSuffix && (parsed.isIcann !== true || parsed.domain === null)) return null;
  if (!hasScheme && !ownsSuffix && !isBareLink(candidate, parsed.publicSuffix ?? '', bareSuffixes)) return null;
  const host = domainToUnicode(parsed.hostname.toLowerCase()) || parsed.hostname.toLowerCase();
  const domain = parsed.domain ? domainToUnicode(parsed.domain.toLowerCase()) || parsed.domain.toLowerCase() : host;
  return { raw: candidate, host, registrableDomain: domain, publicSuffix: parsed.publicSuffix, isIp: false };
}

interface BareSuffixes {
  readonly sites: ReadonlySet<string>;
  readonly wordLike: ReadonlySet<string>;
  /** Official domains of the registry that are public suffixes themselves (nhs.uk, gov.uk). */
  readonly ownedSuffixes: ReadonlySet<string>;
}

const bareSuffixSets = new WeakMap<Catalog, BareSuffixes>();

function bareSuffixesOf(catalog: Catalog): BareSuffixes {
  let sets = bareSuffixSets.get(catalog);
  if (!sets) {
    sets = {
      sites: new Set(catalog.linkServices.bareDomainSuffixes),
      wordLike: new Set(catalog.linkServices.wordLikeSuffixes),
      ownedSuffixes: new Set([...catalog.domainOwners.keys()].filter((domain) => parseHost(domain).domain === null)),
    };
    bareSuffixSets.set(catalog, sets);
  }
  return sets;
}

/** Links (with or without a scheme) in a normalised text, and where they and e-mail addresses stand. */
export function extractLinks(text: string, catalog: Catalog): LinkScan {
  const bareSuffixes = bareSuffixesOf(catalog);
  const links: Link[] = [];
  const emails: string[] = [];
  const spans: Span[] = [];
  for (const match of text.matchAll(LINK_CANDIDATE)) {
    // Most tokens are plain words: without a dot, an @ or a scheme's colon, a token is neither link nor address.
    if (!CAN_BE_LINK.test(match[0])) continue;
    const schemeAt = match[0].search(INNER_SCHEME);
    // Only a word glues to a link ("Click:"); a prefix with a dot or slash is a link itself, and the scheme inside it
    // a redirect target ("usps-fee.top/p?r=https://www.usps.com/"), which must not stand in for it.
    const glued = schemeAt > 0 && !/[./?=&]/.test(match[0].slice(0, schemeAt));
    const token = glued ? match[0].slice(schemeAt) : match[0];
    const candidate = trimPunctuation(token);
    if (candidate.length < 4) continue;
    const span = { start: match.index + (glued ? schemeAt : 0), end: match.index + match[0].length };
    const email = emailIn(candidate);
    if (email !== null) {
      emails.push(email);
      spans.push(span);
      continue;
    }
    const link = toLink(candidate, bareSuffixes);
    if (link) {
      links.push(link);
      spans.push(span);
    }
  }
  return { links, emails, spans };
}

/**
 * The e-mail address a link-like token holds: the address itself, sentence punctuation around it trimmed, and anything
 * glued in front of it dropped ("E-mail:taro@…", "mailto:taro@…", "TO\uFFFDtaro@…"). Null for a link or no address.
 */
export function emailIn(token: string): string | null {
  const candidate = trimPunctuation(token);
  if (SCHEME.test(candidate)) return null;
  if (EMAIL.test(candidate)) return candidate;
  // The longest run of local-part characters before the last "@" (a walk, not a regex: no backtracking on long runs).
  const at = candidate.lastIndexOf('@');
  if (at <= 0) return null;
  let start = at;
  while (start > 0 && LOCAL_PART_CHAR.test(candidate.charAt(start - 1))) start--;
  const address = candidate.slice(start);
  // What is glued in front must be a word or label, not a link's host, path or query ("site.top/?id=taro@…").
  return start > 0 && !/[./?=&@]/.test(candidate.slice(0, start)) && EMAIL.test(address) ? address : null;
}

export interface PhoneSpan extends Span {
  readonly phone: Pick<PhoneNumber, 'country' | 'type' | 'e164'>;
}

// Numbers are looked for only where enough digits stand to make one: the common text pays nothing for it.
const ENOUGH_DIGITS = /\d(?:\D{0,3}\d){5}/; // Australia's "13 2221" has six.
/**
 * libphonenumber-js slows down sharply on long digit-heavy input; an SMS is at most 1,600 characters, so only that
 * much is read for numbers (redact() masks digit runs beyond it another way).
 */
export const PHONE_SCAN_LIMIT = 2000;
/** Rejected number candidates the scan tries before it gives a text up as degenerate (see findPhoneSpans). */
const MAX_PHONE_TRIES = 100;

/**
 * Where phone numbers stand, read with the numbering plan of the text's likely country, with country and type.
 * Japanese texts mostly carry Japanese national numbers; English ones, North American unless the text names a company
 * that serves one other country ("CommBank: … call us on 13 2221" is Australian). "+" numbers work either way.
 */
export function findPhoneSpans(text: string, lang: Lang, homeCountry: CountryCode | null = null): PhoneSpan[] {
  if (!ENOUGH_DIGITS.test(text)) return [];
  // A text can hold a few dates, amounts and codes, not dozens: past MAX_PHONE_TRIES rejected candidates the text is
  // degenerate ("1 1 1 1 …") and the library stops, as its maxTries option is there for.
  const spans: PhoneSpan[] = [];
  const matcher = phoneNumberMatcher(text.slice(0, PHONE_SCAN_LIMIT), {
    defaultCountry: lang === 'ja' ? 'JP' : (homeCountry ?? 'US'),
    maxTries: MAX_PHONE_TRIES,
  });
  while (matcher.hasNext()) {
    const match = matcher.next();
    if (!match) break;
    spans.push({
      start: match.startsAt,
      end: match.endsAt,
      phone: { country: match.number.country ?? null, type: match.number.getType() ?? null, e164: match.number.number },
    });
  }
  return spans;
}

/** The text with each span replaced by spaces of the same length, so other positions stay put. */
function blankSpans(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.end <= cursor) continue;
    const start = Math.max(span.start, cursor);
    parts.push(text.slice(cursor, start), ' '.repeat(span.end - start));
    cursor = span.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

/** One-time-code-like numbers and blanked-out codes, ignoring digits inside the given spans (phone numbers, links). */
export function findCodes(text: string, ignored: readonly Span[]): string[] {
  const codes: string[] = [];
  const visible = blankSpans(text, ignored);
  for (const match of visible.matchAll(CODE)) {
    if (CARD_SUFFIX_BEFORE.test(visible.slice(Math.max(0, match.index - 16), match.index))) continue;
    codes.push(match[1] ?? `${match[2]}${match[3]}`);
  }
  for (const match of visible.matchAll(MASKED_CODE)) codes.push(match[0]);
  return codes;
}

const brandMatchers = new WeakMap<
  Catalog,
  { loose: PhraseMatcher; exact: PhraseMatcher; byAlias: Map<string, string> }
>();

function brandMatcher(catalog: Catalog) {
  const cached = brandMatchers.get(catalog);
  if (cached) return cached;
  const byAlias = new Map<string, string>();
  const exact: string[] = [];
  for (const brand of catalog.brands.values()) {
    for (const alias of brand.aliases) byAlias.set(alias, brand.id);
    for (const alias of brand.exactAliases ?? []) {
      byAlias.set(alias, brand.id);
      exact.push(alias);
    }
  }
  const matcher = {
    loose: phraseMatcher([...catalog.brands.values()].flatMap((brand) => brand.aliases)),
    exact: phraseMatcher(exact),
    byAlias,
  };
  brandMatchers.set(catalog, matcher);
  return matcher;
}

/** Brands named in the text, in order of first mention, each once. */
const DOMAIN_PART = /^[./@-]$/;

export function findBrandMentions(text: string, catalog: Catalog): BrandMention[] {
  const matcher = brandMatcher(catalog);
  // Aliases are lower-case; exact aliases ("LINE", "au") must match as written.
  // A short name written as is ("au", "ATO") inside a domain or path ("greencrossvets.com.au") names nobody.
  const exact = matcher.exact
    .find(text)
    .filter(
      (match) =>
        !DOMAIN_PART.test(text.charAt(match.index - 1)) &&
        !DOMAIN_PART.test(text.charAt(match.index + match.phrase.length)),
    );
  // Likewise a name written as a domain ("gov.uk") inside a longer host ("brighton-hove.gov.uk").
  const loose = matcher.loose
    .find(text.toLowerCase())
    .filter((match) => !(match.phrase.includes('.') && DOMAIN_PART.test(text.charAt(match.index - 1))));
  const found = [...loose, ...exact].sort((a, b) => a.index - b.index);
  const seen = new Set<string>();
  const mentions: BrandMention[] = [];
  for (const match of found) {
    const brandId = matcher.byAlias.get(match.phrase);
    if (brandId && !seen.has(brandId)) {
      seen.add(brandId);
      mentions.push({ brandId, alias: text.slice(match.index, match.index + match.phrase.length) });
    }
  }
  return mentions;
}

const SIGNATURE = /^(?:【([^】\n]{1,24})】|\[([^\]\n]{1,24})\]|([A-Z][A-Za-z&.'-]*(?: [A-Z][A-Za-z&.'-]*){0,2}): )/;

/** The sender's name a text leads with: "【ヤマト運輸】", "[au]", "Royal Mail: ". */
export function findSignature(text: string): string | null {
  const match = SIGNATURE.exec(text);
  return match ? (match[1] ?? match[2] ?? match[3] ?? null) : null;
}

/** Everything the classifier reads from a normalised text. */
/**
 * Links judged per text: the first this many distinct ones. A real text has a handful; a text stuffed with thousands
 * would otherwise cost a judgement (and a counter write) each.
 */
export const MAX_LINKS = 10;

function distinctLinks(links: readonly Link[]): Link[] {
  const seen = new Set<string>();
  const distinct: Link[] = [];
  for (const link of links) {
    if (seen.has(link.raw)) continue;
    seen.add(link.raw);
    distinct.push(link);
    if (distinct.length === MAX_LINKS) break;
  }
  return distinct;
}

export function extractFeatures(text: string, lang: Lang, catalog: Catalog): Features {
  const { links, emails, spans } = extractLinks(text, catalog);
  const brands = findBrandMentions(text, catalog);
  const phoneSpans = findPhoneSpans(text, lang, homeCountryOf(brands, catalog));
  return {
    text,
    links: distinctLinks(links),
    emails,
    codes: findCodes(text, [...phoneSpans, ...spans]),
    phoneNumbers: phoneSpans.map((span) => ({
      text: text.slice(span.start, span.end),
      ...span.phone,
      start: span.start,
      end: span.end,
    })),
    brands,
    signature: findSignature(text),
  };
}

/** The one country the first company a text names serves, if it serves only one. */
function homeCountryOf(brands: readonly BrandMention[], catalog: Catalog): CountryCode | null {
  const first = brands[0];
  const markets = first === undefined ? [] : (catalog.brands.get(first.brandId)?.markets ?? []);
  return markets.length === 1 ? (markets[0] as CountryCode) : null;
}
