import { randomBytes } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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

/**
 * Keep-alive agents, as Twilio's senders reuse connections. node:http rather than fetch: `npm run load` sends from
 * the machine it measures, and fetch costs that machine several times the CPU per request.
 */
const AGENTS = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

/** POSTs a form body to the webhook like Twilio does (signature optional, to test rejections). */
export function postForm(
  url: string,
  body: string,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<WebhookResponse> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const agent = target.protocol === 'https:' ? AGENTS['https:'] : AGENTS['http:'];
  const payload = method === 'GET' || method === 'HEAD' ? undefined : Buffer.from(body);
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method,
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
          ...(payload === undefined ? {} : { 'content-length': String(payload.length) }),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    // A server that answers early (413) may close before the whole body is written: the answer still counts.
    request.on('error', reject);
    request.end(payload);
  });
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
