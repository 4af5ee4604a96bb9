// Deep import: only the TwiML builder, not the whole twilio package.
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse';
import type { HttpResult } from './api-gateway-event';

/** A TwiML answer that sends `text` back as an SMS, or sends nothing when `text` is null. XML-escaped. */
export function twimlResult(text: string | null): HttpResult {
  const response = new MessagingResponse();
  if (text !== null) response.message(text);
  return { statusCode: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: response.toString() };
}
