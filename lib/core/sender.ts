import { parsePhoneNumber } from './phone-numbers';

/**
 * Who sent the scam, as far as the forwarded text says: phones and mail apps quote the original sender in a header
 * line ("From: +63 912 …", "差出人: Amazon"). Without such a line the sender is unknown; a number inside the text is
 * a callback number, not the sender.
 */
export type SenderIdentity =
  | { readonly kind: 'alphanumeric'; readonly id: string }
  | { readonly kind: 'short_code'; readonly code: string }
  | {
      readonly kind: 'phone';
      /** E.164 when the number is valid, else its digits as written: the caller hashes it before storing anything. */
      readonly number: string;
      readonly country: string | null;
      readonly type: string | null;
    }
  | { readonly kind: 'email'; readonly domain: string };

// The header's value up to the end of its line; "From:" may be quoted ("> From:") like the rest of a forward.
const SENDER_HEADER = /^(?:[^\S\n]*>)*[^\S\n]*(?:from|差出人|送信者|送信元)[^\S\n]*:[^\S\n]*(.+)$/im;
// Sender ids are letters, digits, spaces and a few marks, at most 11 characters on most networks; a little slack.
const ALPHANUMERIC_ID = /^[\p{L}\p{N}][\p{L}\p{N} ._&-]{0,19}$/u;
// A sender id has a letter; one with this many digits may hide a phone number, so it is not kept as written.
const LETTER = /\p{L}/u;
const MAX_DIGITS_IN_ID = 6;
const SHORT_CODE = /^\d{3,8}$/;
// "Name <user@domain>" or a bare address; the header is at most one line of the first 2,000 characters.
const EMAIL_DOMAIN = /@([a-z0-9.-]+\.[a-z]{2,})>?$/i;

// Most texts quote no sender: a cheap look for the header's words first (as typed, or in full-width letters, which
// the case-insensitive flag folds too) spares them the NFKC pass.
const MAY_NAME_SENDER = /from|ｆｒｏｍ|差出人|送信者|送信元/i;

/** The sender named in a forwarded header line, or null. Only the first 2,000 characters are read: headers lead. */
export function forwardedSender(text: string): SenderIdentity | null {
  const head = text.slice(0, 2000);
  if (!MAY_NAME_SENDER.test(head)) return null;
  const match = SENDER_HEADER.exec(head.normalize('NFKC'));
  const value = match?.[1]
    ?.replace(/^["'<\s]+|["'>\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!value) return null;
  const email = EMAIL_DOMAIN.exec(value);
  if (email?.[1]) return { kind: 'email', domain: email[1].toLowerCase() };
  const digits = value.replace(/[\s().-]/g, '');
  if (SHORT_CODE.test(digits)) return { kind: 'short_code', code: digits };
  if (/^\+?\d{9,15}$/.test(digits)) {
    // Any number is kept only as a keyed hash: one that no numbering plan knows is still somebody's, maybe.
    const phone = parsePhoneNumber(digits, 'JP');
    return phone?.isValid()
      ? { kind: 'phone', number: phone.number, country: phone.country ?? null, type: phone.getType() ?? null }
      : { kind: 'phone', number: digits, country: null, type: null };
  }
  const isId =
    ALPHANUMERIC_ID.test(value) && LETTER.test(value) && (value.match(/\d/g)?.length ?? 0) <= MAX_DIGITS_IN_ID;
  return isId ? { kind: 'alphanumeric', id: value } : null;
}
