import { handleReport, type ReportDependencies } from '../app/handle-report';
import { type ApiGatewayV2Event, type HttpResult, parseApiGatewayEvent } from './api-gateway-event';
import {
  answerAtEdge,
  BadRequestError,
  errorResult,
  MethodNotAllowedError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from './http-errors';
import { parseFormBody, parseTwilioMessage } from './twilio-form';
import { assertTwilioSignature } from './twilio-signature';
import { twimlResult } from './twiml';

/** Twilio caps a message at 1,600 characters; 64 KiB leaves room for every other field and stops abuse early. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface InboundDependencies extends ReportDependencies {
  readonly twilioAuthToken: string;
  /** The URL Twilio is configured to call: what it signed. */
  readonly publicWebhookUrl: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodedSize(body: string, isBase64: boolean): number {
  if (!isBase64) return Buffer.byteLength(body, 'utf8');
  const padding = body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0;
  return Math.floor((body.length * 3) / 4) - padding;
}

function decodeBody(body: string, isBase64: boolean): string {
  if (!isBase64) return body;
  if (body.length % 4 !== 0 || !BASE64.test(body)) {
    throw new BadRequestError('the body is not valid base64.', '本文が正しいbase64ではありません。');
  }
  try {
    return utf8.decode(Buffer.from(body, 'base64'));
  } catch {
    throw new BadRequestError('the body is not valid UTF-8.', '本文が正しいUTF-8ではありません。');
  }
}

async function respond(raw: unknown, deps: InboundDependencies): Promise<HttpResult> {
  // Cheapest rejections first; nothing touches the store before the signature is checked.
  const event = parseApiGatewayEvent(raw);
  if (event.requestContext.http.method.toUpperCase() !== 'POST') {
    throw new MethodNotAllowedError('only POST is accepted here.', 'POSTのみ受け付けます。');
  }
  const body = event.body ?? '';
  if (decodedSize(body, event.isBase64Encoded) > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError('the body is larger than 64 KiB.', '本文が64KiBを超えています。');
  }
  const contentType = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded') {
    throw new UnsupportedMediaTypeError(
      'send the form as application/x-www-form-urlencoded.',
      'application/x-www-form-urlencoded 形式で送ってください。',
    );
  }
  const params = parseFormBody(decodeBody(body, event.isBase64Encoded));
  assertTwilioSignature(deps.twilioAuthToken, event.headers['x-twilio-signature'], deps.publicWebhookUrl, params);
  const message = parseTwilioMessage(params);
  const outcome = await handleReport(
    { messageSid: message.MessageSid, from: message.From, body: message.Body, numMedia: message.NumMedia },
    deps,
  );
  deps.log.info('report_handled', {
    category: outcome.kind === 'command' ? undefined : outcome.verdict.category,
    outcome: outcome.kind === 'suppressed' ? `suppressed:${outcome.reason}` : outcome.kind,
  });
  return twimlResult(outcome.reply?.text ?? null);
}

/**
 * The Twilio Messaging webhook as one function of an API Gateway v2 event. The Lambda entry and the local
 * server both call it, so local runs exercise the production path.
 */
export function createInboundHandler(
  deps: InboundDependencies,
): (event: ApiGatewayV2Event | unknown) => Promise<HttpResult> {
  return (event) =>
    answerAtEdge(
      () => respond(event, deps),
      deps.log,
      (error) => errorResult(error, error.status === 405 ? { allow: 'POST' } : {}),
    );
}
