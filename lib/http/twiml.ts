import type { HttpResult } from './api-gateway-event';

// Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF): dropped, not escaped.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// Text content needs only these (as twilio's builder writes them); a bare CR would be normalised away by parsers.
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };

function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>\r]/g, (char) => ENTITIES[char] ?? char);
}

/**
 * A TwiML answer that sends `text` back as an SMS, or sends nothing when `text` is null. Written by hand: one
 * element needs no XML library, and twilio's TwiML builder brings xmlbuilder (~60 KB) into the webhook's bundle.
 */
export function twimlResult(text: string | null): HttpResult {
  const body =
    text === null
      ? '<?xml version="1.0" encoding="UTF-8"?><Response/>'
      : `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escapeXml(text)}</Message></Response>`;
  return { statusCode: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body };
}
