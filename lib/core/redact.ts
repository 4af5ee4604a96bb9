import { findEmails, findPhoneSpans, PHONE_SCAN_LIMIT, type Span } from './extract';
import type { Lang } from './types';

const DIGIT = /\d/g;
const LONG_DIGIT_RUN = /\d{4,}/g;
const SPLIT_CODE = /(?<!\d)\d{3}[ -]\d{3}(?!\d)/g;
const EMAIL_LOCAL_PART = /^[^@]+/;
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

/**
 * The text as it may be stored: phone numbers, one-time codes (any run of 4+ digits, or 3+3) and e-mail local
 * parts masked. Letters, punctuation and link hosts are kept, since operators need the lure's wording and domains.
 */
export function redact(text: string, lang: Lang): string {
  const scanned = maskSpans(text.slice(0, PHONE_SCAN_LIMIT), findPhoneSpans(text, lang), maskDigits);
  const withoutPhones = scanned + text.slice(PHONE_SCAN_LIMIT).replace(NUMBER_LIKE, maskDigits);
  let out = withoutPhones;
  for (const email of findEmails(withoutPhones)) out = out.split(email).join(email.replace(EMAIL_LOCAL_PART, '***'));
  return out.replace(LONG_DIGIT_RUN, maskDigits).replace(SPLIT_CODE, maskDigits);
}
