/**
 * Turns a forwarded text into the canonical form every other step reads: one Unicode form, no invisible
 * characters, links un-defanged, forwarding wrappers removed, whitespace folded. Idempotent.
 */

// Zero-width characters and bidi controls hide or reorder text without being seen; scammers use them to split
// brand names and domains past filters.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
// Unicode noncharacters: never text, and not even XML, so a reply quoting one ("the link goes to \uFFFExn--…")
// could not be sent as written.
const NONCHARACTERS = /[\uFDD0-\uFDEF\uFFFE\uFFFF]/g;
// Lone surrogates cannot be encoded (invalid UTF-16); they become U+FFFD like a decoder would.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const DEFANGED_SCHEME = /\bhxxp(s?):\/\//gi;
// A space either side of a spelled-out "(dot)" goes too: "usps-parcels (dot) info" is one address. Bracketed dots
// keep their spaces, so "[ (.) ]" does not turn into a new "[.]" that a second pass would change again.
const DEFANGED_DOT = / ?(?:\[dot\]|\(dot\)) ?|\[\.\]|\(\.\)|\{\.\}/gi;
// "amazonhelp(at)outlook.com": an address spelled out to slip past filters is an address (between two word
// characters only; checked in the replacer, since a leading lookbehind made every message pay for it).
const DEFANGED_AT = / ?(?:\[at\]|\(at\)) ?/gi;
const WORD_CHAR = /\w/;
const restoreAt = (marker: string, offset: number, whole: string) =>
  WORD_CHAR.test(whole.charAt(offset - 1)) && WORD_CHAR.test(whole.charAt(offset + marker.length)) ? '@' : marker;
// Every kind of line break becomes "\n" first, so the patterns below only ever need horizontal space classes:
// a "\s*" that can also swallow line breaks made some of them quadratic on long runs of blank lines.
const LINE_BREAKS = /\r\n?|[\u0085\u2028\u2029\v\f]/g;
// A quoted header line of a forwarded message, e.g. "From: +81 90…" or "差出人: Amazon". A header's value is a name,
// number, address or date, so a longer line is the message itself ("From: NETFLIX. MSG: We were unable to…") and
// stays. Matched after spaces are folded, and without a trailing space, so a second pass measures the same length.
const FORWARD_HEADER_LINE =
  /^(?:[^\S\n]*>)*[^\S\n]*(?:from|to|sent|date|差出人|送信者|宛先|日時)[^\S\n]*:[^\S\n]*[^\n]{0,64}?[^\S\n]*$/gim;
// Quote levels, forward prefixes and subject labels, in any order ("> Fwd: > "), removed in one pass so that what is
// left never starts with another; each repetition ends with its own ">" or ":", so it cannot backtrack. A subject
// loses its label only: its words ("Your parcel is on hold") are part of the lure.
const LINE_PREFIX = /^(?:[^\S\n]*(?:>|(?:fwd?|fw|転送|tr|subject|件名)[^\S\n]*:))+[^\S\n]*/gim;
const SPACES = /[^\S\n]+/g;
const BLANK_LINES = / ?\n[ \n]*/g;

/** Canonical form of a forwarded text. */
export function normalize(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(NONCHARACTERS, '')
    .replace(LINE_BREAKS, '\n')
    .replace(DEFANGED_SCHEME, 'http$1://')
    .replace(DEFANGED_DOT, '.')
    .replace(DEFANGED_AT, restoreAt)
    .replace(LINE_PREFIX, '')
    .replace(SPACES, ' ')
    .replace(FORWARD_HEADER_LINE, '')
    .replace(BLANK_LINES, '\n')
    .trim();
}
