import { emailIn, findPhoneSpans, LINK_CANDIDATE, PHONE_SCAN_LIMIT, type Span } from './extract';
import type { Lang } from './types';

const DIGIT = /\d/g;
const LONG_DIGIT_RUN = /\d{4,}/g;
const SPLIT_CODE = /(?<!\d)\d{3}[ -]\d{3}(?!\d)/g;
const EMAIL_LOCAL_PART = /^[^@]+/;
// The local part of an address anywhere (the characters an address allows there, less the / ? = & that would reach
// into a link's path); the lookbehind starts a match only where a run starts, so it stays linear.
const ADDRESS_LOCAL_PART = /(?<![\w.!#$%'*+^`{|}~-])[\w.!#$%'*+^`{|}~-]+@(?=[^\s@]+\.[^\s@])/g;
// Beyond the phone scan, anything shaped like a number with separators is masked whole. One greedy class: linear.
const NUMBER_LIKE = /\+?\d[\d ().-]{5,}\d/g;

const maskDigits = (s: string) => s.replace(DIGIT, '*');

function maskSpans(text: string, spans: readonly Span[], mask: (s: string) => string): string {
  let out = text;
  // Right to left, so earlier positions stay valid; masks keep lengths except for e-mail local parts.
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, span.start) + mask(out.slice(span.start, span.end)) + out.slice(span.end);
  }
  return out;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const ALNUM = /[A-Za-z0-9]/g;
const maskAll = (s: string) => s.replace(ALNUM, '*');

/** A path segment that looks like a personal token rather than a word of the site's structure. */
function looksPersonal(segment: string): boolean {
  return (
    segment.length >= 16 ||
    (segment.length >= 6 && /\d/.test(segment)) ||
    (/[A-Z]/.test(segment) && /[a-z]/.test(segment) && /\d/.test(segment))
  );
}

/**
 * A link with its personal parts masked: tokens in the path, every query value and the fragment. The host and the
 * path's shape stay, which is what operators need for takedowns ("sagawa-xq.top/track/********?id=****").
 */
export function maskLink(link: string): string {
  const scheme = SCHEME.exec(link)?.[0] ?? '';
  const rest = link.slice(scheme.length);
  const slash = rest.search(/[/?#]/);
  if (slash < 0) return link;
  const host = rest.slice(0, slash);
  const tail = rest.slice(slash);
  const [beforeFragment = '', fragment] = tail.split(/#(.*)/s);
  const [path = '', query] = beforeFragment.split(/\?(.*)/s);
  const maskedPath = path
    .split('/')
    .map((segment) => (looksPersonal(segment) ? maskAll(segment) : segment))
    .join('/');
  const maskedQuery =
    query === undefined
      ? ''
      : `?${query
          .split('&')
          .map((pair) => {
            const equals = pair.indexOf('=');
            return equals < 0 ? maskAll(pair) : `${pair.slice(0, equals + 1)}${maskAll(pair.slice(equals + 1))}`;
          })
          .join('&')}`;
  return `${scheme}${host}${maskedPath}${maskedQuery}${fragment === undefined ? '' : `#${maskAll(fragment)}`}`;
}

/**
 * The text as it may be stored: phone numbers, one-time codes (any run of 4+ digits, or 3+3), e-mail local
 * parts and personal tokens in links masked. Letters, punctuation and link hosts are kept, since operators need the lure's wording and domains.
 * `phones` are the phone numbers extraction found in this same text (scanned again when not given).
 */
export function redact(text: string, lang: Lang, phones: readonly Span[] = findPhoneSpans(text, lang)): string {
  const scanned = maskSpans(text.slice(0, PHONE_SCAN_LIMIT), phones, maskDigits);
  // Numbers the numbering plans did not place ("(415) 555-0132" in a Japanese text) are masked by shape too.
  const withoutPhones = (scanned + text.slice(PHONE_SCAN_LIMIT)).replace(NUMBER_LIKE, maskDigits);
  // One pass over the link-like tokens: e-mail local parts and personal parts of links (linear, however many).
  const out = withoutPhones.replace(LINK_CANDIDATE, (token) => {
    const email = emailIn(token);
    if (email !== null) return token.replace(email, email.replace(EMAIL_LOCAL_PART, '***'));
    return /[./]/.test(token) && /[/?#]/.test(token) ? maskLink(token) : token;
  });
  // Any address left (several in one token, one inside a link's text): its local part goes too.
  return out.replace(ADDRESS_LOCAL_PART, '***@').replace(LONG_DIGIT_RUN, maskDigits).replace(SPLIT_CODE, maskDigits);
}
