import type { ApiGatewayV2Event } from '../../lib/http/api-gateway-event';
import { inboundSmsParams, type TwilioParams, twilioSignature } from '../../lib/local/twilio-simulator';

export const TEST_AUTH_TOKEN = 'test-twilio-auth-token';
export const TEST_WEBHOOK_URL = 'https://abc123.execute-api.ap-northeast-1.amazonaws.com/twilio/sms';
export const REPORTER = '+819012345678';

/** Twilio's form for a forwarded text from the test reporter. */
export function smsParams(body: string, overrides: TwilioParams = {}): TwilioParams {
  return { ...inboundSmsParams({ body, from: REPORTER, to: '+815000000000' }), ...overrides };
}

export interface EventOptions {
  readonly method?: string;
  readonly signature?: string | null;
  readonly contentType?: string;
  /** Raw body, sent instead of the encoded params. */
  readonly rawBody?: string;
  readonly base64?: boolean;
}

/** An API Gateway v2 event for these params, signed with Twilio's function unless told otherwise. */
export function signedEvent(params: TwilioParams, options: EventOptions = {}): ApiGatewayV2Event {
  const form = options.rawBody ?? new URLSearchParams(params).toString();
  const signature =
    options.signature === undefined ? twilioSignature(TEST_AUTH_TOKEN, TEST_WEBHOOK_URL, params) : options.signature;
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded; charset=UTF-8',
  };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  const base64 = options.base64 ?? true;
  return {
    rawPath: '/twilio/sms',
    rawQueryString: '',
    headers,
    body: base64 ? Buffer.from(form, 'utf8').toString('base64') : form,
    isBase64Encoded: base64,
    requestContext: { requestId: 'test', http: { method: options.method ?? 'POST' } },
  };
}
