import { domainToUnicode } from 'node:url';
import { findPhoneNumbersInText } from 'libphonenumber-js/min';
import { parse as parseHost } from 'tldts';
import type { Catalog } from '../catalog/load-catalog';
import type { BrandMention, Features, Lang, Link } from './types';

// A run of characters that can belong to a link: everything but spaces, Japanese script, quotes and brackets.
// One character class, so matching is linear in the text's length.
const LINK_CANDIDATE = /[^\s\u3000-\u303F\u3040-\u30FF\u4E00-\u9FFF\uFF01-\uFF5E"'<>()[\]{}]+/g;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const EDGE_PUNCTUATION = /^[.,;:!?*]+|[.,;:!?*]+$/g;
const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
// A code: 4–8 digits standing alone, optionally with a short letter prefix (G-123456) or split 3+3 (123 456).
const CODE = /(?<![\w-])(?:[A-Z]{1,3}-)?(\d{4,8})(?![\w-])|(?<![\d-])(\d{3})[ -](\d{3})(?![\d-])/g;

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface LinkAndEmails {
  readonly links: Link[];
  readonly emails: string[];
  /** Where links and e-mail addresses stand, so that their digits are not taken for codes. */
  readonly spans: Span[];
}

function toLink(candidate: string): Link | null {
  const hasScheme = SCHEME.test(candidate);
  if (!hasScheme && !candidate.includes('.')) return null;
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
  if (!hasScheme && (parsed.isIcann !== true || parsed.domain === null)) return null;
  const host = domainToUnicode(parsed.hostname.toLowerCase()) || parsed.hostname.toLowerCase();
  const domain = parsed.domain ? domainToUnicode(parsed.domain.toLowerCase()) || parsed.domain.toLowerCase() : host;
  return { raw: candidate, host, registrableDomain: domain, publicSuffix: parsed.publicSuffix, isIp: false };
}

/** Links (with or without a scheme) and e-mail addresses in a normalised text. */
export function extractLinks(text: string): LinkAndEmails {
  const links: Link[] = [];
  const emails: string[] = [];
  const spans: Span[] = [];
  for (const match of text.matchAll(LINK_CANDIDATE)) {
    const candidate = match[0].replace(EDGE_PUNCTUATION, '');
    if (candidate.length < 4) continue;
    const span = { start: match.index, end: match.index + match[0].length };
    if (!SCHEME.test(candidate) && EMAIL.test(candidate)) {
      emails.push(candidate);
      spans.push(span);
      continue;
    }
    const link = toLink(candidate);
    if (link) {
      links.push(link);
      spans.push(span);
    }
  }
  return { links, emails, spans };
}

/** Where phone numbers stand in the text, judged with the numbering plan of the text's likely country. */
export function findPhoneSpans(text: string, lang: Lang): Span[] {
  // Japanese texts mostly carry Japanese national numbers; English ones, North American. "+" numbers work either way.
  const found = findPhoneNumbersInText(text, lang === 'ja' ? 'JP' : 'US');
  return found.map((phone) => ({ start: phone.startsAt, end: phone.endsAt }));
}

/** The text with each span replaced by spaces of the same length, so other positions stay put. */
export function blankSpans(text: string, spans: readonly Span[]): string {
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

/** One-time-code-like numbers, ignoring digits inside the given spans (phone numbers, links). */
export function findCodes(text: string, ignored: readonly Span[]): string[] {
  const codes: string[] = [];
  for (const match of blankSpans(text, ignored).matchAll(CODE)) {
    codes.push(match[1] ?? `${match[2]}${match[3]}`);
  }
  return codes;
}

interface BrandMatcher {
  readonly pattern: RegExp;
  readonly exactPattern: RegExp | null;
  readonly byAlias: ReadonlyMap<string, string>;
}

const matchers = new WeakMap<Catalog, BrandMatcher>();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isLatin = (s: string) => /^[\p{Script=Latin}\d\s&.'+-]+$/u.test(s);

function alternation(aliases: readonly string[]): string {
  // Longest first, so "amazon prime" wins over "amazon".
  return [...aliases]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
}

function brandMatcher(catalog: Catalog): BrandMatcher {
  const cached = matchers.get(catalog);
  if (cached) return cached;
  const byAlias = new Map<string, string>();
  const latin: string[] = [];
  const other: string[] = [];
  const exact: string[] = [];
  for (const brand of catalog.brands.values()) {
    for (const alias of brand.aliases) {
      byAlias.set(alias, brand.id);
      (isLatin(alias) ? latin : other).push(alias);
    }
    for (const alias of brand.exactAliases ?? []) {
      byAlias.set(alias, brand.id);
      exact.push(alias);
    }
  }
  const parts = [];
  // Latin aliases must stand as Latin words ("amazon", not "amazonian"), but may touch Japanese ("Amazonから").
  if (latin.length > 0) parts.push(`(?<![\\p{Script=Latin}\\d])(?:${alternation(latin)})(?![\\p{Script=Latin}\\d])`);
  if (other.length > 0) parts.push(`(?:${alternation(other)})`);
  const matcher: BrandMatcher = {
    pattern: new RegExp(parts.join('|') || '(?!)', 'giu'),
    exactPattern:
      exact.length > 0
        ? new RegExp(`(?<![\\p{Script=Latin}\\d])(?:${alternation(exact)})(?![\\p{Script=Latin}\\d])`, 'gu')
        : null,
    byAlias,
  };
  matchers.set(catalog, matcher);
  return matcher;
}

/** Brands named in the text, in order of first mention, each once. */
export function findBrandMentions(text: string, catalog: Catalog): BrandMention[] {
  const matcher = brandMatcher(catalog);
  const found: { index: number; mention: BrandMention }[] = [];
  for (const match of text.matchAll(matcher.pattern)) {
    const brandId = matcher.byAlias.get(match[0].toLowerCase());
    if (brandId) found.push({ index: match.index, mention: { brandId, alias: match[0] } });
  }
  if (matcher.exactPattern) {
    for (const match of text.matchAll(matcher.exactPattern)) {
      const brandId = matcher.byAlias.get(match[0]);
      if (brandId) found.push({ index: match.index, mention: { brandId, alias: match[0] } });
    }
  }
  found.sort((a, b) => a.index - b.index);
  const seen = new Set<string>();
  return found
    .filter(({ mention }) => !seen.has(mention.brandId) && seen.add(mention.brandId))
    .map(({ mention }) => mention);
}

/** Everything the classifier reads from a normalised text. */
export function extractFeatures(text: string, lang: Lang, catalog: Catalog): Features {
  const { links, spans } = extractLinks(text);
  const phoneSpans = findPhoneSpans(text, lang);
  return {
    text,
    links,
    codes: findCodes(text, [...phoneSpans, ...spans]),
    phoneNumbers: phoneSpans.map((span) => text.slice(span.start, span.end)),
    brands: findBrandMentions(text, catalog),
  };
}
