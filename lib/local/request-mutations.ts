/**
 * Mutated webhook requests for `npm run fuzz`: a valid, signed Twilio request, then one thing changed the way an
 * attacker, a broken proxy or a confused client would change it. Pure and seeded: the same seed, target and signer
 * give the same requests, so a failing run can be repeated exactly.
 */
import { mulberry32 } from '../core/seeded-random';
import { MAX_BODY_BYTES } from '../http/inbound-handler';
import type { FormParams } from '../http/twilio-form';

type Random = () => number;

/** X-Twilio-Signature for these params posted to this URL (the caller signs with Twilio's own function). */
export type Signer = (url: string, params: FormParams) => string;

export const MUTATIONS = [
  'valid',
  'hostile-text',
  'bad-field',
  'duplicated-field-signed',
  'huge-num-media',
  'oversize',
  'wrong-content-type',
  'wrong-method',
  'other-path',
  'no-signature',
  'wrong-signature',
  'flipped-signature',
  'two-signatures',
  'signed-for-other-url',
  'changed-field',
  'added-field',
  'removed-field',
  'duplicated-field-unsigned',
  'bad-percent-encoding',
  'non-utf8',
  'truncated',
  'random-bytes',
  'empty-body',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** One request as it goes on the wire. */
export interface FuzzRequest {
  readonly mutation: Mutation;
  readonly method: string;
  readonly url: string;
  /** A list value is sent as that many headers of the same name. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Uint8Array;
  readonly messageSid: string;
  /**
   * The signature header is Twilio's for exactly the URL and the form this request carries. Only such a request
   * may ever be recorded; the others must all be turned away.
   */
  readonly signed: boolean;
  /** The statuses the webhook may answer: anything else is a finding. */
  readonly allowed: readonly number[];
}

export interface FuzzTarget {
  /** The webhook URL Twilio is configured to call: what it signs. */
  readonly url: string;
  /** A sender (`To`) the service is reached at. */
  readonly to: string;
}

const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';
const LURES = [
  "Amazon: 483920 is your sign-in code. For your security, don't share it.",
  '【佐川急便】お荷物のお届けにあがりましたが不在の為持ち帰りました。http://sagawa-xq.top',
  'Your account is locked. Verify at https://amaz0n-jp.top/login?id=aB3xK9pQ',
  'Hi Mum, this is my new number, my phone broke.',
  'STOP',
  'MORE',
];
// Characters that break parsers, escapers and terminals; no lone surrogates, which no UTF-8 form can carry.
const HOSTILE = [
  '\u0000',
  '\u0007',
  '\u001B[2J',
  '\u0008',
  '<',
  '>',
  '&',
  '"',
  "'",
  ']]>',
  '</Message><Redirect>https://evil.example/</Redirect><Message>',
  '<?xml version="1.0"?>',
  '&amp;',
  '&#0;',
  '%',
  '%00',
  '+',
  '=',
  '&Body=x',
  '\r\n',
  '\u2028',
  '\u202E',
  '\u200B',
  '\uFEFF',
  '\uFFFF',
  '😀',
  '𝐀',
  'ﷺ',
  'é',
  'お荷物',
  '123456',
  'https://x.top/a?b=c#d',
  ' ',
];
const BAD_VALUES: Readonly<Record<string, readonly string[]>> = {
  MessageSid: ['', 'SM123', 'XX00000000000000000000000000000000', `SM${'g'.repeat(32)}`],
  AccountSid: ['', 'AC', `AC${'z'.repeat(32)}`],
  From: ['', 'not a number', '+8190<script>', `+${'9'.repeat(40)}`],
  To: ['', 'x', '+81 50 0000 0000'],
  NumMedia: ['-1', '1.5', 'ten', '11'],
  Body: ['x'.repeat(1601)],
};
const WRONG_CONTENT_TYPES = ['application/json', 'text/plain', 'multipart/form-data; boundary=x', 'text/xml', ''];
const WRONG_METHODS = ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const OTHER_PATHS = ['/twilio/sms/', '/twilio/SMS', '/Twilio/sms', '/twilio', '/twilio/sms/x', '/prod/twilio/sms'];
const BAD_PERCENT = ['%', '%Z', '%G1', '%E3%81', '%C0%AF', '%ED%A0%80', '%%'];

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)] as T;
const int = (max: number, random: Random) => Math.floor(random() * max);
const hex = (length: number, random: Random) => Array.from({ length }, () => int(16, random).toString(16)).join('');

/** The form body for these params, a repeated name once per value, as Twilio encodes it. */
export function encodeForm(params: FormParams): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, one);
  }
  return search.toString();
}

/** The form Twilio posts for an incoming SMS (the fields and order of twilio-simulator's inboundSmsParams). */
function twilioForm(random: Random, target: FuzzTarget): Record<string, string> {
  const sid = `SM${hex(32, random)}`;
  return {
    ToCountry: 'JP',
    SmsMessageSid: sid,
    NumMedia: '0',
    SmsSid: sid,
    SmsStatus: 'received',
    Body: `${pick(LURES, random)}${random() < 0.5 ? '' : ` #${int(1000, random)}`}`,
    FromCountry: 'JP',
    To: target.to,
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: `AC${hex(32, random)}`,
    From: `+8190${String(10_000_000 + int(90_000_000, random))}`,
    ApiVersion: '2010-04-01',
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** One mutated request; which mutation is drawn is part of the seeded series. */
export function mutatedRequest(random: Random, target: FuzzTarget, sign: Signer): FuzzRequest {
  const mutation = pick(MUTATIONS, random);
  const params: FormParams = twilioForm(random, target);
  const messageSid = String(params.MessageSid);
  const base = { mutation, method: 'POST', url: target.url, messageSid };
  /** The params sent as a form with Twilio's signature for `signedFor` at `signedUrl`. */
  const request = (
    sent: FormParams,
    signed: boolean,
    allowed: number[],
    options: { signedFor?: FormParams; signedUrl?: string; headers?: Record<string, string | string[]> } = {},
  ): FuzzRequest => ({
    ...base,
    headers: {
      'content-type': FORM,
      'x-twilio-signature': sign(options.signedUrl ?? target.url, options.signedFor ?? sent),
      ...options.headers,
    },
    body: bytes(encodeForm(sent)),
    signed,
    allowed,
  });
  const withBody = (body: Uint8Array, signed: boolean, allowed: number[]): FuzzRequest => ({
    ...request(params, signed, allowed),
    body,
  });
  const names = Object.keys(params);
  const form = encodeForm(params);

  switch (mutation) {
    case 'valid':
      return request(params, true, [200]);
    case 'hostile-text': {
      const text = Array.from({ length: 1 + int(30, random) }, () => pick(HOSTILE, random)).join('');
      return request({ ...params, Body: text }, true, [200]);
    }
    case 'bad-field': {
      const field = pick(Object.keys(BAD_VALUES), random);
      return request({ ...params, [field]: pick(BAD_VALUES[field] ?? [''], random) }, true, [400]);
    }
    case 'duplicated-field-signed': {
      const name = pick(names, random);
      const value = String(params[name]);
      // Twilio's fields we read must be one value each; any other field may repeat.
      const ours = ['MessageSid', 'AccountSid', 'From', 'To', 'Body', 'NumMedia'].includes(name);
      return request({ ...params, [name]: [value, value] }, true, ours ? [400] : [200]);
    }
    case 'huge-num-media':
      return request({ ...params, NumMedia: pick(['4294967296', '1e9', '99999999999999999999'], random) }, true, [400]);
    case 'oversize': {
      const padding = MAX_BODY_BYTES + 1 - bytes(`${form}&Pad=`).length + int(4096, random);
      return request({ ...params, Pad: 'x'.repeat(padding) }, true, [413]);
    }
    case 'wrong-content-type': {
      const type = pick(WRONG_CONTENT_TYPES, random);
      return request(params, true, [415], { headers: { 'content-type': type } });
    }
    case 'wrong-method':
      return { ...request(params, true, [405]), method: pick(WRONG_METHODS, random) };
    case 'other-path':
      return { ...request(params, false, [404]), url: new URL(pick(OTHER_PATHS, random), target.url).toString() };
    case 'no-signature': {
      const unsigned = request(params, false, [403]);
      const { 'x-twilio-signature': _dropped, ...headers } = unsigned.headers;
      return { ...unsigned, headers };
    }
    case 'wrong-signature': {
      const forged = Buffer.from(Array.from({ length: 20 }, () => int(256, random))).toString('base64');
      return request(params, false, [403], { headers: { 'x-twilio-signature': forged } });
    }
    case 'flipped-signature': {
      const good = sign(target.url, params);
      const at = int(good.length - 1, random);
      const flipped = `${good.slice(0, at)}${good[at] === 'A' ? 'B' : 'A'}${good.slice(at + 1)}`;
      return request(params, false, [403], { headers: { 'x-twilio-signature': flipped } });
    }
    case 'two-signatures': {
      const good = sign(target.url, params);
      return request(params, false, [403], { headers: { 'x-twilio-signature': [good, good] } });
    }
    case 'signed-for-other-url': {
      const url = new URL(target.url);
      const others = [
        `${target.url}/`,
        `${target.url}?stage=prod`,
        `${url.protocol === 'http:' ? 'https:' : 'http:'}//${url.host}${url.pathname}`,
        `${url.protocol}//${url.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${url.port}${url.pathname}`,
        `${url.origin}/prod${url.pathname}`,
      ];
      return request(params, false, [403], { signedUrl: pick(others, random) });
    }
    case 'changed-field': {
      const name = pick(names, random);
      return request({ ...params, [name]: `${String(params[name])}${pick(HOSTILE, random)}` }, false, [403], {
        signedFor: params,
      });
    }
    case 'added-field':
      return request({ ...params, [`X${hex(4, random)}`]: pick(HOSTILE, random) }, false, [403], {
        signedFor: params,
      });
    case 'removed-field': {
      const name = pick(names, random);
      const { [name]: _removed, ...rest } = params;
      return request(rest, false, [403], { signedFor: params });
    }
    case 'duplicated-field-unsigned': {
      // A second, different value: Twilio's signature counts each distinct value of a field once, so a field
      // repeated with the same value is still the signed request (and a duplicate MessageSid records nothing new).
      const name = pick(names, random);
      const value = String(params[name]);
      return request({ ...params, [name]: [value, `${value}${pick(HOSTILE, random)}`] }, false, [403], {
        signedFor: params,
      });
    }
    case 'bad-percent-encoding': {
      const at = int(form.length + 1, random);
      return withBody(bytes(`${form.slice(0, at)}${pick(BAD_PERCENT, random)}${form.slice(at)}`), false, [403]);
    }
    case 'non-utf8': {
      const at = int(form.length + 1, random);
      const invalid = pick([[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe3, 0x81], [0x80]], random);
      return withBody(
        new Uint8Array([...bytes(form.slice(0, at)), ...invalid, ...bytes(form.slice(at))]),
        false,
        [400],
      );
    }
    case 'truncated':
      return withBody(bytes(form.slice(0, int(form.length - 1, random))), false, [403]);
    case 'random-bytes': {
      const length = 1 + int(2048, random);
      return withBody(
        Uint8Array.from({ length }, () => int(256, random)),
        false,
        [400, 403],
      );
    }
    case 'empty-body':
      return withBody(new Uint8Array(), false, [403]);
  }
}

/**
 * An endless, seeded series of mutated requests: a fuzz run takes as many as it sends, one at a time, so a long run
 * never holds them all (an oversized one is 64 KiB).
 */
export function* fuzzRequests(seed: number, target: FuzzTarget, sign: Signer): Generator<FuzzRequest, never> {
  const random = mulberry32(seed);
  for (;;) yield mutatedRequest(random, target, sign);
}
