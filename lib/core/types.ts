/** The domain vocabulary shared by the pure core, the use cases and the edges. */

export const CATEGORIES = [
  'otp_unsolicited',
  'otp_share_request',
  'phishing_link',
  'delivery_scam',
  'payment_or_billing_scam',
  'account_alert_scam',
  'prize_or_refund_scam',
  'impersonation_chat',
  'callback_scam',
  'legit_notification',
  'signin_help',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const LANGS = ['ja', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export type Risk = 'low' | 'medium' | 'high';

/** Text in each language a person may read. */
export type Localized = Readonly<Record<Lang, string>>;

/** How a link's registrable domain relates to the brand the text names. */
export type DomainStanding = 'official' | 'lookalike' | 'unrelated';

export interface Link {
  /** The link as written, after normalisation (scheme may be missing). */
  readonly raw: string;
  /** Lower-case host, punycode decoded to Unicode for display. */
  readonly host: string;
  /** Registrable domain (eTLD+1), or the host itself for IP literals and unknown suffixes. */
  readonly registrableDomain: string;
  readonly publicSuffix: string | null;
  readonly isIp: boolean;
}

/** A phone number in the text, as libphonenumber-js reads it. */
export interface PhoneNumber {
  /** As written in the text. */
  readonly text: string;
  /** ISO 3166 country, when the number says. */
  readonly country: string | null;
  /** MOBILE, FIXED_LINE, TOLL_FREE, PREMIUM_RATE, VOIP, … or null when unknown. */
  readonly type: string | null;
  /** The number in E.164 ("+81120019625"), to tell a company's published number from a stranger's. */
  readonly e164: string;
  /** Where it stands in the normalised text, so masking need not scan for it again. */
  readonly start: number;
  readonly end: number;
}

export interface BrandMention {
  readonly brandId: string;
  /** The alias that matched, as written in the text. */
  readonly alias: string;
}

export interface Features {
  readonly text: string;
  readonly links: readonly Link[];
  /** E-mail addresses: a way to reach the sender, like a link or a number. */
  readonly emails: readonly string[];
  readonly codes: readonly string[];
  readonly phoneNumbers: readonly PhoneNumber[];
  readonly brands: readonly BrandMention[];
  /** The sender's name the text leads with, as companies sign their texts ("【ヤマト運輸】", "Royal Mail: "), or null. */
  readonly signature: string | null;
}

/** One reason for a verdict: a stable code plus the parameters its message needs. */
export interface Evidence {
  readonly code: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface Verdict {
  readonly category: Category;
  readonly risk: Risk;
  /** Brand id from the catalog, or null when no brand is involved. */
  readonly brand: string | null;
  readonly lang: Lang;
  readonly evidence: readonly Evidence[];
}

export interface ComposedReply {
  readonly text: string;
  readonly encoding: 'GSM-7' | 'UCS-2';
  readonly segments: number;
}
