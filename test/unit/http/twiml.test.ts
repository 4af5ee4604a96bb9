import MessagingResponse from 'twilio/lib/twiml/MessagingResponse';
import { twimlResult } from '../../../lib/http/twiml';
import { twimlMessages } from '../../../lib/local/twilio-simulator';

/** twilio's own builder, as the reference our hand-written TwiML must equal. */
function twilioTwiml(text: string | null): string {
  const response = new MessagingResponse();
  if (text !== null) response.message(text);
  return response.toString();
}

describe('twimlResult', () => {
  it.each([
    'Amazon: someone tried to sign in. 1. Don’t share the code.',
    '佐川急便を名乗る偽の不在通知です。リンクは sagawa-ex.top（公式ではありません）。',
    'Tom & Jerry <script>alert("x")</script> \'quoted\'',
    '</Message><Redirect>https://evil.example/</Redirect><Message>',
  ])('writes the same TwiML as twilio’s builder for %s', (text) => {
    expect(twimlResult(text).body).toBe(twilioTwiml(text));
    expect(twimlMessages(twimlResult(text).body)).toEqual([text]);
  });

  it('sends nothing with an empty Response, like twilio’s builder', () => {
    expect(twimlResult(null).body).toBe(twilioTwiml(null));
    expect(twimlMessages(twimlResult(null).body)).toEqual([]);
  });

  it('drops characters XML cannot carry instead of failing', () => {
    expect(twimlMessages(twimlResult('a\u0000b\u0007c\uFFFFd').body)).toEqual(['abcd']);
    expect(twimlResult('x').headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(twimlResult('line one\r\nline two').body).toBe(twilioTwiml('line one\r\nline two'));
  });
});
