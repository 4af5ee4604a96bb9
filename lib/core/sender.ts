import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

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
      /** E.164: the caller hashes it before anything is stored. */
      readonly e164: string;
      readonly country: string | null;
      readonly type: string | null;
    }
  | { readonly kind: 'email'; readonly domain: string };

// The header's value up to the end of its line; "From:" may be quoted ("> From:") like the rest of a forward.
const SENDER_HEADER = /^[^\S\n]*(?:>+[^\S\n]*)?(?:from|差出人|送信者|送信元)[^\S\n]*:[^\S\n]*(.+)$/im;
// Sender ids are letters, digits, spaces and a few marks, at most 11 characters on most networks; a little slack.
const ALPHANUMERIC_ID = /^[\p{L}\p{N}][\p{L}\p{N} ._&-]{0,19}$/u;
const SHORT_CODE = /^\d{3,8}$/;
// "Name <user@domain>" or a bare address; the header is at most one line of the first 2,000 characters.
const EMAIL_DOMAIN = /[^@\s<>"]+@([a-z0-9.-]+\.[a-z]{2,})>?$/i;

/** The sender named in a forwarded header line, or null. Only the first 2,000 characters are read: headers lead. */
export function forwardedSender(text: string): SenderIdentity | null {
  const match = SENDER_HEADER.exec(text.slice(0, 2000).normalize('NFKC'));
  const value = match?.[1]
    ?.replace(/^["'<\s]+|["'>\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!value) return null;
  const email = EMAIL_DOMAIN.exec(value);
  if (email?.[1]) return { kind: 'email', domain: email[1].toLowerCase() };
  const digits = value.replace(/[\s().-]/g, '');
  if (SHORT_CODE.test(digits)) return { kind: 'short_code', code: digits };
  const phone = /^\+?\d{9,15}$/.test(digits) ? parsePhoneNumberFromString(digits, 'JP') : undefined;
  if (phone?.isValid()) {
    return { kind: 'phone', e164: phone.number, country: phone.country ?? null, type: phone.getType() ?? null };
  }
  return ALPHANUMERIC_ID.test(value) ? { kind: 'alphanumeric', id: value } : null;
}
