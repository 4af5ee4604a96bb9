import { randomBytes } from 'node:crypto';
// Twilio's own signing function: requests made here are signed exactly as Twilio signs them.
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';

export type TwilioParams = Record<string, string>;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** A fresh message id in Twilio's format (SM + 32 hex digits). */
export const newMessageSid = () => `SM${hex(16)}`;

/** The form fields Twilio's Messaging webhook posts for an incoming SMS. */
export function inboundSmsParams(message: {
  body: string;
  from: string;
  to: string;
  messageSid?: string;
  accountSid?: string;
}): TwilioParams {
  const sid = message.messageSid ?? newMessageSid();
  return {
    ToCountry: 'JP',
    ToState: '',
    SmsMessageSid: sid,
    NumMedia: '0',
    ToCity: '',
    FromZip: '',
    SmsSid: sid,
    FromState: '',
    SmsStatus: 'received',
    FromCity: '',
    Body: message.body,
    FromCountry: 'JP',
    To: message.to,
    ToZip: '',
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: message.accountSid ?? `AC${'0'.repeat(32)}`,
    From: message.from,
    ApiVersion: '2010-04-01',
  };
}

/** X-Twilio-Signature for these params posted to this URL. */
export function twilioSignature(authToken: string, url: string, params: Readonly<Record<string, string | string[]>>) {
  return getExpectedTwilioSignature(authToken, url, params);
}

export interface WebhookResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** POSTs a form body to the webhook like Twilio does (signature optional, to test rejections). */
export async function postForm(
  url: string,
  body: string,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<WebhookResponse> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', ...headers },
    body: method === 'GET' || method === 'HEAD' ? undefined : body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}

/** Signs params for `url` with `authToken` and posts them, as Twilio would. */
export function sendSignedSms(url: string, authToken: string, params: TwilioParams): Promise<WebhookResponse> {
  return postForm(url, new URLSearchParams(params).toString(), {
    'x-twilio-signature': twilioSignature(authToken, url, params),
  });
}

const XML_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };

/** The text of each <Message> in a TwiML document, unescaped. */
export function twimlMessages(xml: string): string[] {
  return [...xml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((match) =>
    (match[1] ?? '').replace(/&(?:lt|gt|quot|apos|amp);/g, (entity) => XML_ENTITIES[entity] ?? entity),
  );
}
