/** SMS encodings and segment arithmetic (3GPP TS 23.038; Twilio's documented 160/153 and 70/67 limits). */

// The GSM 03.38 default alphabet (one septet each).
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// The extension table: each costs an escape septet plus itself, so it counts double.
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSize {
  readonly encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  readonly units: number;
  readonly segments: number;
}

const LIMITS: Record<SmsEncoding, { single: number; multi: number }> = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
};

/** The encoding a text needs and how many segments it is billed as. */
// Printable ASCII outside the extension table and the few ASCII characters GSM-7 lacks (`, and the extension ones).
const PLAIN_GSM_ASCII = /^[\n\r !"#$%&'()*+,\-./0-9:;<=>?@A-Z_a-z]*$/;

export function measureSms(text: string): SmsSize {
  // The common English reply is all plain ASCII: one septet per character, no walk needed.
  if (PLAIN_GSM_ASCII.test(text)) return sized('GSM-7', text.length);
  let septets = 0;
  for (const char of text) {
    if (GSM_BASIC.has(char)) septets += 1;
    else if (GSM_EXTENDED.has(char)) septets += 2;
    else return sized('UCS-2', text.length);
  }
  return sized('GSM-7', septets);
}

function sized(encoding: SmsEncoding, units: number): SmsSize {
  const { single, multi } = LIMITS[encoding];
  const segments = units === 0 ? 1 : units <= single ? 1 : Math.ceil(units / multi);
  return { encoding, units, segments };
}

/** A reply text with the encoding and segment count it will be billed at. */
export function measuredReply(text: string): { text: string; encoding: SmsEncoding; segments: number } {
  const { encoding, segments } = measureSms(text);
  return { text, encoding, segments };
}
